"""Worksheet pages: fill, preview, save with history, errors beside fields, permissions."""

import pytest
from bs4 import BeautifulSoup
from sqlmodel import select

from pitchlab.auth.users import find_user
from pitchlab.models import Conflict, Worksheet, WorksheetRevision
from pitchlab.worksheets.registry import KINDS

from ..conftest import DEMO_EMAILS

COGS_FORM = {
    "currency": "USD",
    "revenue": "20",
    "unit": "tokens",
    "usage": "2000000",
    "price": "3",
    "review_minutes": "6",
    "review_rate": "30",
    "runs": "1.5",
    "run_cost": "20000",
    "active_users": "10000",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_worksheet_page_opens_empty(admin_client, blank_company_id, kind):
    page = admin_client.get(f"/companies/{blank_company_id}/worksheets/{kind}")
    assert page.status_code == 200
    html = soup(page)
    assert html.select_one("#worksheet-form") is not None
    assert "Not filled in yet." in html.select_one("#ws-summary").text
    assert html.select(".ws-sources q")  # cites the interview


def test_saving_makes_a_revision_with_who_and_when(admin_client, session, blank_company_id):
    url = f"/companies/{blank_company_id}/worksheets/ai-cogs"
    saved = admin_client.post(url, data=COGS_FORM | {"revision": "0"}, follow_redirects=False)
    assert saved.status_code == 303
    page = soup(admin_client.get(saved.headers["location"]))
    assert "Gross margin 40.0%" in page.select_one("#ws-summary").text
    assert page.select_one('[data-margin="heavy"]').text.strip() == "-365.0%"
    assert "worksheet:ai-cogs@1" in page.select_one("#ws-history").text
    assert page.select("figure.ws-chart svg rect")
    second = admin_client.post(url, data=COGS_FORM | {"revenue": "24", "revision": "1"})
    assert second.status_code == 200
    session.rollback()
    sheet = session.exec(select(Worksheet).where(Worksheet.company_id == blank_company_id)).one()
    assert sheet.revision == 2 and sheet.data["revenue"] == "24"
    revisions = session.exec(
        select(WorksheetRevision).where(WorksheetRevision.worksheet_id == sheet.id)
    ).all()
    assert sorted(r.data["revenue"] for r in revisions) == ["20", "24"]
    admin = find_user(session, DEMO_EMAILS["admin"])
    assert {r.author_id for r in revisions} == {admin.id}
    old = soup(admin_client.get(f"{url}/revisions/1"))
    assert old.select_one("#ws-revenue")["value"] == "20"


def test_a_bad_number_is_refused_beside_its_field_and_nothing_is_lost(
    admin_client, session, blank_company_id
):
    url = f"/companies/{blank_company_id}/worksheets/ai-cogs"
    response = admin_client.post(url, data=COGS_FORM | {"price": "cheap", "revenue": "-1"})
    assert response.status_code == 422
    html = soup(response)
    assert "Enter a number" in html.select_one("#error-price").text
    assert "from 0" in html.select_one("#error-revenue").text
    assert html.select_one("#ws-price")["aria-describedby"] == "error-price"
    assert html.select_one("#ws-price")["value"] == "cheap"
    assert html.select_one("#ws-usage")["value"] == "2000000"
    session.rollback()
    assert (
        session.exec(select(Worksheet).where(Worksheet.company_id == blank_company_id)).first()
        is None
    )


def test_preview_updates_the_outcome_without_saving(admin_client, session, blank_company_id):
    url = f"/companies/{blank_company_id}/worksheets/ai-cogs/preview"
    headers = {"HX-Request": "true"}
    response = admin_client.post(url, data=COGS_FORM, headers=headers)
    assert response.status_code == 200
    html = soup(response)
    assert "Gross margin 40.0%" in html.select_one("#worksheet-result #ws-summary").text
    bad = soup(admin_client.post(url, data=COGS_FORM | {"usage": "1.5"}, headers=headers))
    assert "whole number" in bad.select_one('#error-usage[hx-swap-oob="true"]').text
    session.rollback()
    assert (
        session.exec(select(Worksheet).where(Worksheet.company_id == blank_company_id)).first()
        is None
    )


def test_a_stale_save_is_refused_and_keeps_the_values(admin_client, blank_company_id):
    url = f"/companies/{blank_company_id}/worksheets/ai-cogs"
    admin_client.post(url, data=COGS_FORM | {"revision": "0"})
    stale = admin_client.post(url, data=COGS_FORM | {"revenue": "99", "revision": "0"})
    assert stale.status_code == 409
    assert soup(stale).select_one("#ws-revenue")["value"] == "99"


def test_unknown_kind_is_404(admin_client, blank_company_id):
    assert admin_client.get(f"/companies/{blank_company_id}/worksheets/nope").status_code == 404


def test_viewer_reads_but_cannot_save(make_client, session, blank_company_id):
    from pitchlab.auth.users import create_user

    create_user(
        session,
        email="v@pitchlab.example",
        display_name="V",
        role="viewer",
        password="viewer-password-1",
    )
    viewer = make_client()
    from ..conftest import log_in

    log_in(viewer, "v@pitchlab.example", "viewer-password-1")
    url = f"/companies/{blank_company_id}/worksheets/problem-space"
    page = soup(viewer.get(url))
    assert page.select_one("#worksheet-form button[type=submit]") is None
    assert viewer.post(url, data={"who": "x"}).status_code == 403


def test_conflicted_partner_cannot_read_or_edit(make_client, session, blank_company_id):
    partner = find_user(session, DEMO_EMAILS["partner2"])
    session.add(Conflict(company_id=blank_company_id, user_id=partner.id, reason="Board seat"))
    session.commit()
    client = make_client("partner2")
    url = f"/companies/{blank_company_id}/worksheets/stress-test"
    assert client.get(url).status_code == 403
    assert client.post(url, data={"claim_0": "x"}).status_code == 403
    assert client.get(f"/api/v1/companies/{blank_company_id}/worksheets").status_code == 403
