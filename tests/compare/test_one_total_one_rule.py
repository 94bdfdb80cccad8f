"""One weighted total and one disagreement rule on every page and in every export (issue 11).

Random scorecards go in through the real scorecard pages; the scorecard's live total, the API,
the compare page and the CSV, JSON and XLSX exports must then give the same totals, and the
company scores page must flag the same criteria as the compare matrix.
"""

import io
import itertools

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlmodel import select
from tests.conftest import log_in
from tests.html_text import table_rows, text_by_id
from tests.portfolio import PortfolioWriter

from pitchlab.models import RubricCriterion
from pitchlab.rubrics.store import get_pack_version
from pitchlab.scoremath.disagreement import disagrees

PACK = "problem-space"
LEVELS = st.one_of(st.integers(1, 5), st.just("na"))
# Rubric weights are above zero; with two decimals the float sums are inexact, so the order of
# the additions shows in the last bits (two implementations used to differ there).
WEIGHTS = st.integers(1, 500).map(lambda hundredths: hundredths / 100)
# Each example scores through the real pages, so few examples and no shrinking (minutes).
SLOW = settings(
    max_examples=6,
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_examples = itertools.count()


def _set_weights(session, weights: list[float]) -> list[RubricCriterion]:
    """Give the pack's criteria these weights and allow N/A on each (test data only)."""
    session.rollback()
    criteria = list(get_pack_version(session, PACK).criteria)
    for criterion, weight in zip(criteria, weights, strict=True):
        row = session.get(RubricCriterion, criterion.id)
        row.weight, row.na_allowed = weight, True
        session.add(row)
    session.commit()
    return list(
        session.exec(
            select(RubricCriterion).where(RubricCriterion.version_id == criteria[0].version_id)
        )
    )


def _shown(text: str) -> str:
    """A total as the pages show it: two decimals, or a dash."""
    return text.split("/")[0].strip()


def _two(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.2f}"


def _compare_totals(html: str) -> dict[int, str]:
    rows = table_rows(html, "compare-matrix")
    return {
        int(row["attrs"]["id"].removeprefix("row-")): next(
            " ".join(c["text"].split())
            for c in row["cells"]
            if c["attrs"].get("class") == "num total"
        )
        for row in rows
        if row["attrs"].get("id", "").startswith("row-")
    }


def _xlsx_totals(content: bytes) -> dict[int, float | None]:
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Summary"]
    header, *rows = list(sheet.iter_rows(values_only=True))
    company, total = header.index("Company ID"), header.index("Weighted total")
    return {row[company]: row[total] for row in rows}


@SLOW
@given(data=st.data())
def test_scorecard_api_compare_and_exports_give_the_same_totals(
    admin_client, session, fill_scorecard, api_token, data
):
    size = len(get_pack_version(session, PACK).criteria)
    criteria = _set_weights(session, data.draw(st.lists(WEIGHTS, min_size=size, max_size=size)))
    tag = f"one-total-{next(_examples)}"
    writer = PortfolioWriter(session)
    headers = api_token("admin")
    expected: dict[int, str] = {}
    api: dict[int, float | None] = {}
    for number in range(data.draw(st.integers(1, 3))):
        company_id = writer.company(f"Totals {tag} {number}", tags=tag)
        levels = data.draw(st.lists(LEVELS, min_size=len(criteria), max_size=len(criteria)))
        values = {c.key: level for c, level in zip(criteria, levels, strict=True)}
        scorecard_id = fill_scorecard(admin_client, company_id, PACK, values, submit=True)
        page = admin_client.get(f"/scorecards/{scorecard_id}").text
        expected[company_id] = _shown(text_by_id(page, "live-total"))
        listed = admin_client.get(f"/api/v1/companies/{company_id}/scorecards", headers=headers)
        api[company_id] = listed.json()["items"][0]["total"]
    assert {cid: _two(total) for cid, total in api.items()} == expected

    assert _compare_totals(admin_client.get(f"/compare?tag={tag}").text) == expected
    csv = pd.read_csv(
        io.BytesIO(admin_client.get(f"/compare/export.csv?tag={tag}").content),
        encoding="utf-8-sig",
    )
    assert {int(r["Company ID"]): _two(r["Weighted total"]) for _i, r in csv.iterrows()} == expected
    summary = admin_client.get(f"/compare/export.json?tag={tag}").json()["tables"]["summary"]
    exported = {row["company_id"]: row["total"] for row in summary}
    # The same formula gives the same float, not merely the same two decimals.
    assert exported == api
    xlsx = _xlsx_totals(admin_client.get(f"/compare/export.xlsx?tag={tag}").content)
    assert {cid: _two(total) for cid, total in xlsx.items()} == expected


def _scores_page_flags(html: str) -> set[str]:
    rows = table_rows(html, f"pack-{PACK}")
    return {
        " ".join(row["cells"][0]["text"].split()).removesuffix(" disagreement")
        for row in rows
        if "disagreement" in (row["attrs"].get("class") or "").split()
    }


def _compare_flags(html: str, company_id: int) -> set[str]:
    rows = table_rows(html, "compare-matrix")
    titles = [
        " ".join(c["text"].split()).split(" ×")[0]
        for c in rows[1]["cells"]
        if "crit" in (c["attrs"].get("class") or "").split()
    ]
    row = next(r for r in rows if r["attrs"].get("id") == f"row-{company_id}")
    cells = [c for c in row["cells"] if "cell" in (c["attrs"].get("class") or "").split()]
    return {
        title
        for title, cell in zip(titles, cells, strict=True)
        if "flagged" in cell["attrs"]["class"].split()
    }


@SLOW
@given(data=st.data())
def test_scores_page_and_compare_flag_the_same_criteria(
    admin_client, make_client, session, fill_scorecard, data
):
    criteria = _set_weights(session, [1.0] * len(get_pack_version(session, PACK).criteria))
    tag = f"one-rule-{next(_examples)}"
    company_id = PortfolioWriter(session).company(f"Flags {tag}", tags=tag)
    panel = ["admin", "partner", "partner2", "analyst"][: data.draw(st.integers(2, 4))]
    levels = {}
    for who in panel:
        evaluator = admin_client if who == "admin" else make_client(who)
        chosen = data.draw(st.lists(LEVELS, min_size=len(criteria), max_size=len(criteria)))
        levels[who] = chosen
        values = {c.key: level for c, level in zip(criteria, chosen, strict=True)}
        fill_scorecard(evaluator, company_id, PACK, values, submit=True)
    log_in(admin_client, "admin@pitchlab.example")
    scores_page = _scores_page_flags(admin_client.get(f"/companies/{company_id}/scores").text)
    compare = _compare_flags(admin_client.get(f"/compare?tag={tag}").text, company_id)
    assert scores_page == compare
    # And both are the one rule, applied to what each criterion was given.
    title = {c.key: c.title["en"] for c in criteria}
    expected = {
        title[c.key]
        for index, c in enumerate(criteria)
        if disagrees([None if levels[w][index] == "na" else levels[w][index] for w in panel])
    }
    assert scores_page == expected
