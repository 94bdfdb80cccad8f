"""Compare and exports: valuations, deal-breakers, insufficient evidence and packs that do not
apply (issue 15), through the real pages and downloads."""

import csv
import io
import json
import math

from bs4 import BeautifulSoup
from sqlmodel import select

from pitchlab.compare.facts import gated_companies
from pitchlab.compare.flags import INSUFFICIENT_FLAG_SHARE, gate_failures
from pitchlab.models import Company, User

from .conftest import grid

PAYNE = [
    "management-team",
    "opportunity-size",
    "product-technology",
    "competitive-environment",
    "marketing-sales-partnerships",
    "additional-investment-need",
    "other-factors",
]


def _id(session, name: str) -> int:
    return session.exec(select(Company.id).where(Company.name == name)).one()


def _payne_panel(make_client, fill_scorecard, company_id):
    # Hand-computed: 0.7875 x 6,000,000 = 4,725,000 and 0.9125 x 6,000,000 = 5,475,000 USD.
    for who, levels in (("partner", [3, 2, 2, 2, 1, 1, 2]), ("analyst", [4, 2, 3, 2, 1, 1, 3])):
        fill_scorecard(
            make_client(who),
            company_id,
            "payne-scorecard",
            dict(zip(PAYNE, levels, strict=True)),
            submit=True,
        )


def test_compare_shows_the_panel_valuation_median_and_range(
    admin_client, make_client, session, fill_scorecard
):
    dreamreel = _id(session, "Dreamreel Labs")
    _payne_panel(make_client, fill_scorecard, dreamreel)
    page = BeautifulSoup(admin_client.get("/compare?pack=payne-scorecard").text, "html.parser")
    cell = page.select_one(
        f'#flags-table tr[data-company="{dreamreel}"] td[data-valuation="payne-scorecard"]'
    )
    text = cell.get_text(" ", strip=True)
    assert text.startswith("5,100,000 USD (4,725,000 – 5,475,000)")
    assert "anchor north-america/pre-seed USD 6,000,000" in text
    chart = page.select_one('[data-chart="payne-scorecard-USD"]')
    assert chart is not None and len(chart.select("circle.median")) == 1


def test_every_export_carries_the_valuation_in_the_anchors_currency(
    admin_client, make_client, session, fill_scorecard
):
    dreamreel = _id(session, "Dreamreel Labs")
    _payne_panel(make_client, fill_scorecard, dreamreel)
    raw = admin_client.get("/compare/export.csv?pack=payne-scorecard").content
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    row = next(r for r in rows if r["Company ID"] == str(dreamreel))
    assert (row["payne-scorecard_median"], row["payne-scorecard_currency"]) == ("5.1e+06", "USD")
    assert (row["payne-scorecard_low"], row["payne-scorecard_high"]) == ("4.725e+06", "5.475e+06")
    document = json.loads(admin_client.get("/compare/export.json?pack=payne-scorecard").content)
    summary = next(r for r in document["tables"]["summary"] if r["company_id"] == dreamreel)
    assert summary["payne-scorecard_median"] == 5100000
    from openpyxl import load_workbook

    book = load_workbook(
        io.BytesIO(admin_client.get("/compare/export.xlsx?pack=payne-scorecard").content)
    )
    sheet = book["Summary"]
    headers = [c.value for c in sheet[1]]
    values = {h: c.value for h, c in zip(headers, sheet[2], strict=True)}
    assert values["payne-scorecard_median"] == 5100000
    assert values["payne-scorecard_currency"] == "USD"


def test_a_failed_gate_flags_the_company_red_whatever_its_average(
    admin_client, make_client, session, fill_scorecard
):
    clausemint = _id(session, "Clausemint")
    from pitchlab.rubrics.store import get_pack_version

    keys = [c.key for c in get_pack_version(session, "data-centric-ai").criteria]
    for who in ("partner", "analyst"):
        levels = {key: 5 for key in keys} | {"data-rights-provenance": 1}
        fill_scorecard(make_client(who), clausemint, "data-centric-ai", levels, submit=True)
    page = BeautifulSoup(admin_client.get("/compare?pack=data-centric-ai").text, "html.parser")
    flag = page.select_one(f'#flags-table tr[data-company="{clausemint}"] [data-deal-breaker]')
    assert flag["data-deal-breaker"] == "yes"
    assert "data-rights-provenance median 1 <= 1" in flag.get_text()
    raw = admin_client.get("/compare/export.csv?pack=data-centric-ai").content
    row = next(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert row["Deal-breaker"] == "True"
    assert row["Deal-breaker reasons"] == "data-centric-ai/data-rights-provenance median 1 <= 1"
    session.rollback()
    admin = session.exec(select(User).where(User.role == "admin")).first()
    gated = gated_companies(session, user=admin)
    assert gated[["company_name", "criterion_key"]].values.tolist() == [
        ["Clausemint", "data-rights-provenance"]
    ]


def test_gate_failures_take_the_median_not_the_mean():
    # Levels 1, 1, 5: mean 2.33, median 1, at the gate of 1: flagged. Levels 1, 2, 5: median 2.
    scores = grid(
        {
            (1, 1): {"gated": 1},
            (1, 2): {"gated": 1},
            (1, 3): {"gated": 5},
            (2, 1): {"gated": 1},
            (2, 2): {"gated": 2},
            (2, 3): {"gated": 5},
        }
    )
    pack = scores["pack_key"].iloc[0]
    failed = gate_failures(scores, {(pack, "gated"): 1})
    assert failed[["company_id", "median", "threshold"]].values.tolist() == [[1, 1.0, 1.0]]
    assert len(failed) == 1


def test_many_insufficient_answers_flag_the_company(
    admin_client, make_client, session, fill_scorecard, company_id
):
    from pitchlab.rubrics.store import get_pack_version

    keys = [c.key for c in get_pack_version(session, "problem-space").criteria]
    # Just enough answers insufficient to reach the flag's share, whatever the pack's size.
    short = math.ceil(INSUFFICIENT_FLAG_SHARE * len(keys))
    levels = {key: 3 for key in keys} | {key: "insufficient" for key in keys[:short]}
    fill_scorecard(admin_client, company_id, "problem-space", levels, submit=True)
    page = BeautifulSoup(admin_client.get("/compare?pack=problem-space").text, "html.parser")
    cell = page.select_one(f'#flags-table tr[data-company="{company_id}"] [data-insufficient]')
    assert cell["data-insufficient"] == str(short)
    assert "Too little evidence to rank" in cell.get_text()
    raw = admin_client.get("/compare/export.csv?pack=problem-space").content
    row = next(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert (row["Insufficient-evidence answers"], row["Flagged: insufficient evidence"]) == (
        str(short),
        "True",
    )


def test_compare_leaves_a_company_out_of_a_pack_that_does_not_apply(
    admin_client, session, fill_scorecard
):
    from pitchlab.rubrics.store import get_pack_version

    keys = [c.key for c in get_pack_version(session, "open-closed-moat").criteria]
    quantfern, clausemint = _id(session, "Quantfern"), _id(session, "Clausemint")
    for company in (quantfern, clausemint):
        fill_scorecard(
            admin_client, company, "open-closed-moat", dict.fromkeys(keys, 3), submit=True
        )
    page = BeautifulSoup(admin_client.get("/compare?pack=open-closed-moat").text, "html.parser")
    shown = {int(tr["data-company"]) for tr in page.select("#flags-table tr[data-company]")}
    assert shown == {clausemint}
    assert (
        "1 company left out of the pack open-closed-moat"
        in page.select_one('[data-left-out="open-closed-moat"]').get_text()
    )
