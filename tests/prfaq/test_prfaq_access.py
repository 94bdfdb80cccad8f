"""Who may read and write PR/FAQ drafts: viewers read, conflicted users see nothing."""

import pytest
from sqlmodel import select

from pitchlab.models import Company

from .conftest import GOOD_EN, HTMX, WEAK_EN, current_content, draft_by_title, draft_form, revisions

READ_PATHS = [
    "/prfaqs/{id}",
    "/prfaqs/{id}/history",
    "/prfaqs/{id}/revisions/1",
    "/prfaqs/{id}/compare?from=1&to=1",
    "/prfaqs/{id}/export/md",
    "/prfaqs/{id}/export/html",
    "/prfaqs/{id}/export/docx",
    "/api/v1/prfaqs/{id}",
    "/api/v1/prfaqs/{id}?format=docx",
]


@pytest.mark.parametrize("path", READ_PATHS)
def test_conflicted_user_is_refused_every_view_of_the_companys_drafts(
    make_client, session, conflicted_analyst, path
):
    draft = draft_by_title(session, GOOD_EN)
    analyst = make_client("analyst")
    answer = analyst.get(path.format(id=draft.id))
    assert answer.status_code == 403
    assert "Clausemint" not in answer.text


def test_conflicted_user_cannot_save_start_or_list_the_companys_drafts(
    make_client, session, conflicted_analyst
):
    draft = draft_by_title(session, GOOD_EN)
    analyst = make_client("analyst")
    assert (
        analyst.post(
            f"/prfaqs/{draft.id}", data=draft_form(session, draft.id, headline="x"), headers=HTMX
        ).status_code
        == 403
    )
    assert len(revisions(session, draft.id)) == 1
    assert analyst.get(f"/prfaqs/new?company_id={draft.company_id}").status_code == 403
    assert GOOD_EN not in analyst.get("/prfaqs").text
    assert GOOD_EN not in analyst.get("/api/v1/prfaqs").text
    fragment = analyst.get(f"/prfaqs/company/{draft.company_id}").text
    assert "conflict of interest" in fragment and GOOD_EN not in fragment
    # The other companies' drafts stay visible.
    assert WEAK_EN in analyst.get("/prfaqs").text


def test_viewer_reads_but_cannot_change_a_draft(viewer_client, session):
    draft = draft_by_title(session, WEAK_EN)
    page = viewer_client.get(f"/prfaqs/{draft.id}")
    assert page.status_code == 200 and "Blurbcraft" in page.text
    assert "<textarea" not in page.text and 'id="completeness"' in page.text
    refused = viewer_client.post(
        f"/prfaqs/{draft.id}",
        headers=HTMX,
        data=draft_form(session, draft.id, headline="Viewer was here"),
    )
    assert refused.status_code == 403
    assert (
        viewer_client.post(
            f"/prfaqs/{draft.id}/revisions/1/restore", data={"base_revision": "1"}
        ).status_code
        == 403
    )
    assert "Viewer was here" not in current_content(session, draft.id).sections["headline"]
    company = session.exec(select(Company).where(Company.name == "Blurbcraft")).one()
    assert viewer_client.get(f"/prfaqs/new?company_id={company.id}").status_code == 403
    assert 'id="start-prfaq"' not in viewer_client.get(f"/prfaqs/company/{company.id}").text


def test_anonymous_visitor_is_sent_to_log_in(client, session):
    draft = draft_by_title(session, WEAK_EN)
    answer = client.get(f"/prfaqs/{draft.id}", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert client.get(f"/api/v1/prfaqs/{draft.id}").status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        "/prfaqs/999999",
        "/prfaqs/999999/history",
        "/prfaqs/{id}/revisions/99",
        "/prfaqs/{id}/export/pdf",
        "/api/v1/prfaqs/999999",
        "/prfaq-templates/nope",
    ],
)
def test_missing_things_are_404(admin_client, session, path):
    draft = draft_by_title(session, WEAK_EN)
    assert admin_client.get(path.format(id=draft.id)).status_code == 404
