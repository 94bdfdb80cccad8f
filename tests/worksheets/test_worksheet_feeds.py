"""Worksheets where the work happens: beside criteria, as evidence, on the company page, in
compare and its exports, and flagged when a new model ships (issue 16). Uses the demo
worksheets of seeds/worksheets/demo.yaml."""

import io
import json
from datetime import date, timedelta

import openpyxl
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from sqlmodel import select

from pitchlab.auth.users import find_user
from pitchlab.models import Company, Conflict
from pitchlab.rubrics.store import get_pack_version

from ..conftest import DEMO_EMAILS


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def named(session, name: str) -> int:
    return session.exec(select(Company.id).where(Company.name == name)).one()


def test_scorecard_shows_the_worksheet_beside_the_criteria_it_informs(admin_client, session):
    clausemint = named(session, "Clausemint")
    opened = admin_client.post(
        f"/companies/{clausemint}/score/problem-space", follow_redirects=False
    )
    page = soup(admin_client.get(opened.headers["location"]))
    assert page.select_one("#ws-beside-problem-clarity") is not None
    loader = page.select_one("[hx-get*='/worksheets/scorecard-aside']")
    aside = soup(admin_client.get(loader["hx-get"], headers={"HX-Request": "true"}))
    beside = aside.select_one("#ws-beside-problem-clarity")
    assert beside["hx-swap-oob"] == "true"
    assert "Problem space defined (problem pull)." in beside.text
    assert "worksheet:problem-space@1" in beside.text
    assert "Baseline ladder" in aside.select_one("#ws-beside-ai-fit").text
    assert aside.select_one("#ws-beside-model-strategy") is None  # informs nothing there


def test_worksheet_citation_is_evidence_and_links_to_the_revision(
    admin_client, session, fill_scorecard
):
    clausemint = named(session, "Clausemint")
    criteria = get_pack_version(session, "scale-compute-economics").criteria
    every = {c.key: 3 for c in criteria}
    scorecard = fill_scorecard(admin_client, clausemint, "scale-compute-economics", every)
    criterion = next(c for c in criteria if c.key == "inference-unit-cost")
    url = f"/scorecards/{scorecard}/criteria/{criterion.id}"
    bad = admin_client.post(
        url, data={"value": "4", "evidence": "worksheet:nope@1"}, headers={"HX-Request": "true"}
    )
    assert "worksheet:KIND@REVISION" in bad.text
    good = admin_client.post(
        url,
        data={"value": "4", "evidence": "COGS | worksheet:ai-cogs@1"},
        headers={"HX-Request": "true"},
    )
    assert good.status_code == 200
    submitted = admin_client.post(f"/scorecards/{scorecard}/submit", follow_redirects=False)
    assert submitted.status_code == 303
    results = soup(admin_client.get(f"/companies/{clausemint}/scores"))
    link = results.find("a", string="COGS")
    assert link["href"] == f"/companies/{clausemint}/worksheets/ai-cogs/revisions/1"
    assert (
        "Gross margin 86.4%" in soup(admin_client.get(link["href"])).select_one("#ws-summary").text
    )


def test_company_page_lists_worksheets_but_not_to_the_conflicted(
    admin_client, make_client, session
):
    chinese = named(session, "栖语智能")
    section = soup(admin_client.get(f"/companies/{chinese}")).select_one("#company-worksheets")
    cogs = section.select_one('[data-kind="ai-cogs"]')
    assert "Gross margin 74.6%" in cogs.text and "COGS 305.00 CNY" in cogs.text
    partner = find_user(session, DEMO_EMAILS["partner"])
    session.add(Conflict(company_id=chinese, user_id=partner.id, reason="Angel investor"))
    session.commit()
    conflicted = make_client("partner")
    assert soup(conflicted.get(f"/companies/{chinese}")).select_one("#company-worksheets") is None


def test_chinese_interface_shows_the_chinese_worksheet(make_client, session):
    client = make_client("admin")
    client.post("/locale", data={"locale": "zh", "next": "/"})
    burrowline = named(session, "Burrowline Vision")
    page = soup(client.get(f"/companies/{burrowline}/worksheets/baseline-ladder"))
    assert page.select_one("h1").text == "基线阶梯"
    assert page.select_one("#ws-metric").text == "缺陷检出率"
    assert page.select_one('tr[data-rung="small_model"]')["class"] == ["ws-enough"]


def test_compare_shows_the_funnel_and_worksheet_columns(admin_client, session):
    from sqlmodel import col, func, select

    from pitchlab.models import Company

    page = soup(admin_client.get("/compare"))
    funnel = page.select_one("#ws-funnel")
    # Every demo company; cards for Clausemint, Blurbcraft, Burrowline Vision and 栖语智能;
    # Blurbcraft's is technology push without a known domain, so three are defined.
    pipeline = session.exec(
        select(func.count()).select_from(Company).where(col(Company.archived_at).is_(None))
    ).one()
    assert (funnel["data-companies"], funnel["data-with-card"], funnel["data-defined"]) == (
        str(pipeline),
        "4",
        "3",
    )
    rows = {
        row.th.text.strip(): [td.text.strip() for td in row.select("td")]
        for row in page.select("#ws-compare-table tbody tr")
    }
    assert rows["Clausemint"] == ["yes", "58.3%", "86.4%"]
    assert rows["Blurbcraft"] == ["no", "0.0%", "41.0%"]
    assert rows["Burrowline Vision"] == ["yes", "—", "—"]
    assert "Tablevoice" not in rows  # no worksheet: counted in the funnel, not listed


@pytest.fixture
def scored(admin_client, session, fill_scorecard):
    every = {c.key: 3 for c in get_pack_version(session, "problem-space").criteria}
    for name in ("Clausemint", "Blurbcraft"):
        fill_scorecard(admin_client, named(session, name), "problem-space", every, submit=True)


def test_exports_carry_the_worksheet_columns(admin_client, scored):
    csv = pd.read_csv(
        io.BytesIO(admin_client.get("/compare/export.csv").content), encoding="utf-8-sig"
    )
    by_name = csv.set_index("Company")
    assert by_name.loc["Clausemint", "AI gross margin, % (worksheet)"] == pytest.approx(86.4)
    assert by_name.loc["Blurbcraft", "Advantage surviving the next model, % (worksheet)"] == 0
    assert bool(by_name.loc["Clausemint", "Problem space defined (worksheet)"]) is True
    document = json.loads(admin_client.get("/compare/export.json").content)
    summary = {row["company_name"]: row for row in document["tables"]["summary"]}
    assert summary["Clausemint"]["surviving_share"] == pytest.approx(58.3)
    assert summary["Blurbcraft"]["problem_space_defined"] is False
    workbook = openpyxl.load_workbook(io.BytesIO(admin_client.get("/compare/export.xlsx").content))
    sheet = workbook["Summary"]
    headers = [cell.value for cell in sheet[1]]
    column = headers.index("AI gross margin, % (worksheet)")
    values = {
        row[headers.index("Company")]: row[column]
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert values["Blurbcraft"] == pytest.approx(41.0)


def test_a_new_model_flags_every_stress_test_until_saved_again(admin_client, make_client, session):
    clausemint = named(session, "Clausemint")
    url = f"/companies/{clausemint}/worksheets/stress-test"
    assert soup(admin_client.get(url)).select_one("[data-review-due]") is None
    analyst = make_client("analyst")
    refused = analyst.post(
        "/model-releases", data={"name": "Next model", "shipped_on": "2026-12-01"}
    )
    assert refused.status_code == 403
    future = (date.today() + timedelta(days=3)).isoformat()
    bad = admin_client.post("/model-releases", data={"name": "Next model", "shipped_on": future})
    assert bad.status_code == 422
    assert "future" in soup(bad).select_one("#error-release-date").text
    assert soup(bad).select_one("#release-name")["value"] == "Next model"
    marked = admin_client.post(
        "/model-releases", data={"name": "Next model", "shipped_on": date.today().isoformat()}
    )
    assert marked.status_code == 200 and "Next model" in marked.text
    page = soup(admin_client.get(url))
    assert "Next model shipped on" in page.select_one("p[data-review-due]").text
    listing = soup(admin_client.get(f"/companies/{named(session, '栖语智能')}/worksheets"))
    assert listing.select_one('[data-kind="stress-test"] [data-review-due]') is not None
    form = {field["name"]: field.get("value", "") for field in page.select("#worksheet-form input")}
    form |= {t["name"]: t.text for t in page.select("#worksheet-form textarea")}
    form |= {
        s["name"]: (s.select_one("option[selected]") or {"value": ""})["value"]
        for s in page.select("#worksheet-form select")
    }
    resaved = admin_client.post(url, data=form)
    assert resaved.status_code == 200
    assert soup(resaved).select_one("[data-review-due]") is None
    # The other companies' tests stay flagged.
    listing = soup(admin_client.get(f"/companies/{named(session, '栖语智能')}/worksheets"))
    assert listing.select_one('[data-kind="stress-test"] [data-review-due]') is not None
