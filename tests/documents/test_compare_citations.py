"""Deck citations on compare (issue 12): links in the matrix's tooltips and in the exports."""

import io
import json

import openpyxl
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from pitchlab.compare.comparison import COLUMN_HEADERS
from pitchlab.models import Conflict
from pitchlab.prfaq.citations import parse_citation
from pitchlab.rubrics.store import get_pack_version

from .conftest import make_pdf

HEADER = COLUMN_HEADERS["deck_citations"]


@pytest.fixture
def cited(make_client, upload, company_id, session, fill_scorecard):
    """An analyst's submitted problem-space scorecard whose first criterion cites page 2 of a
    deck; a partner scores the same company without citing anything."""
    document_id = int(upload(make_pdf(3)).headers["location"].rsplit("/", 1)[1])
    pack = get_pack_version(session, "problem-space")
    keys = [c.key for c in pack.criteria]
    analyst = make_client("analyst")
    scorecard = fill_scorecard(analyst, company_id, "problem-space", dict.fromkeys(keys[1:], 3))
    citation = f"doc:{document_id}@1#p2"
    saved = analyst.post(
        f"/scorecards/{scorecard}/criteria/{pack.criteria[0].id}",
        headers={"HX-Request": "true"},
        data={"value": "4", "evidence": f"Traction slide | {citation}"},
    )
    assert saved.status_code == 200
    assert analyst.post(f"/scorecards/{scorecard}/submit").status_code in (200, 303)
    fill_scorecard(
        make_client("partner"), company_id, "problem-space", dict.fromkeys(keys, 2), submit=True
    )
    return {
        "citation": citation,
        "url": parse_citation(citation).url,
        "criterion": pack.criteria[0],
        "query": f"company={company_id}&pack=problem-space",
    }


def _cited_cells(client, query):
    page = BeautifulSoup(client.get(f"/compare?{query}").text, "html.parser")
    return page.select("#compare-matrix td.cell:has(.cell-cites)")


def test_compare_cell_tooltip_links_the_cited_page(admin_client, cited, company_id):
    cells = _cited_cells(admin_client, cited["query"])
    assert len(cells) == 1
    cell = cells[0]
    assert cell.find_parent("tr")["id"] == f"row-{company_id}"
    heads = cell.find_parent("table").select("thead tr:last-child > th")
    column = heads[cell.find_parent("tr").find_all(["td", "th"]).index(cell)]
    assert column.select_one("a.sort")["id"] == f"sort-c-problem-space-{cited['criterion'].key}"
    links = cell.select(".cell-cites a")
    assert [(a["href"], a["data-citation"], a.get_text()) for a in links] == [
        (cited["url"], cited["citation"], "Traction slide")
    ]
    reader = admin_client.get(cited["url"])
    assert reader.status_code == 200 and 'id="page-2"' in reader.text


def test_an_evaluator_conflicted_out_gives_no_citation(admin_client, cited, company_id, session):
    from pitchlab.auth.users import find_user

    from ..conftest import DEMO_EMAILS

    session.rollback()  # the fixture's read ended before writing
    analyst = find_user(session, DEMO_EMAILS["analyst"])
    session.add(Conflict(company_id=company_id, user_id=analyst.id, reason="Advisor"))
    session.commit()
    assert _cited_cells(admin_client, cited["query"]) == []
    page = admin_client.get(f"/compare?{cited['query']}").text
    assert f'id="row-{company_id}"' in page  # the partner's scores are still compared
    csv = admin_client.get(f"/compare/export.csv?{cited['query']}").content
    table = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig", keep_default_na=False)
    assert table[HEADER].tolist() == [""]


def test_exports_carry_the_cited_page_and_its_link(admin_client, cited, company_id):
    title = cited["criterion"].title
    title = title.get("en") if isinstance(title, dict) else title
    expected = f"{title}: Traction slide {cited['citation']} ({cited['url']})"
    csv = admin_client.get(f"/compare/export.csv?{cited['query']}").content
    table = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    assert table[HEADER].tolist() == [expected]
    data = json.loads(admin_client.get(f"/compare/export.json?{cited['query']}").content)
    summary = data["tables"]["summary"]
    assert [(row["company_id"], row["deck_citations"]) for row in summary] == [
        (company_id, expected)
    ]
    workbook = openpyxl.load_workbook(
        io.BytesIO(admin_client.get(f"/compare/export.xlsx?{cited['query']}").content)
    )
    sheet = workbook["Summary"]
    headers = [cell.value for cell in sheet[1]]
    assert sheet.cell(2, headers.index(HEADER) + 1).value == expected
