"""The scorecard beside the deck: cite a page, follow the citation back (issue 12)."""

from bs4 import BeautifulSoup

from pitchlab.prfaq.citations import PageCitation, parse_citation
from pitchlab.rubrics.store import get_pack_version
from pitchlab.scoring.inputs import parse_evidence

from .conftest import make_pdf


def _soup(response):
    return BeautifulSoup(response.text, "html.parser")


def test_page_citations_parse_and_link():
    assert parse_citation("doc:7@2#p5") == PageCitation(7, 2, 5)
    assert PageCitation(7, 2, 5).url == "/documents/7?page=5#page-5"
    items, problem = parse_evidence("Traction | doc:7@2#p5")
    assert problem is None and items == [{"label": "Traction", "citation": "doc:7@2#p5"}]
    for bad in ("doc:7", "doc:7@2#5", "doc:x@1#p1", "doc:7@2#p0"):
        assert "doc:DOCUMENT@VERSION#pPAGE" in parse_evidence(bad)[1]


def test_deck_panel_offers_the_page_citation(admin_client, upload, company_id):
    document_id = int(upload(make_pdf(3)).headers["location"].rsplit("/", 1)[1])
    panel = _soup(admin_client.get(f"/companies/{company_id}/deck-panel?page=2"))
    button = panel.select_one("#cite-page")
    assert button["data-citation"] == f"doc:{document_id}@1#p2"
    assert button["data-label"] == "Slide 2 Text of page 2."[: len(button["data-label"])]
    assert panel.select_one("img")["src"] == f"/documents/{document_id}/pages/2/image"


def test_cited_page_links_from_scorecard_and_scores_page(
    make_client, upload, company_id, session, fill_scorecard
):
    document_id = int(upload(make_pdf(3)).headers["location"].rsplit("/", 1)[1])
    analyst = make_client("analyst")
    pack = get_pack_version(session, "problem-space")
    scorecard = fill_scorecard(analyst, company_id, "problem-space", {})
    page = _soup(analyst.get(f"/scorecards/{scorecard}"))
    assert page.select_one("#deck-panel")["hx-get"] == f"/companies/{company_id}/deck-panel"
    criterion = pack.criteria[0]
    saved = analyst.post(
        f"/scorecards/{scorecard}/criteria/{criterion.id}",
        headers={"HX-Request": "true"},
        data={"value": "4", "evidence": f"Slide 2 | doc:{document_id}@1#p2"},
    )
    assert saved.status_code == 200
    for rest in (c.key for c in pack.criteria[1:]):
        fill_scorecard(analyst, company_id, "problem-space", {rest: 3})
    analyst.post(f"/scorecards/{scorecard}/submit")
    expected = f"/documents/{document_id}?page=2#page-2"
    card = _soup(analyst.get(f"/scorecards/{scorecard}"))
    assert [a["href"] for a in card.select("a.citation-link")] == [expected]
    scores = _soup(analyst.get(f"/companies/{company_id}/scores"))
    assert expected in [a["href"] for a in scores.select("a")]
    reader = _soup(analyst.get(expected))
    assert reader.select_one("#page-2") is not None


def test_scorecard_side_lists_finder_pages_for_each_criterion(make_client, session, fill_scorecard):
    from sqlmodel import select

    from pitchlab.models import Company

    company = session.exec(select(Company).where(Company.name == "Labelkiln")).one()
    analyst = make_client("analyst")
    scorecard = fill_scorecard(analyst, company.id, "open-closed-moat", {})
    page = _soup(analyst.get(f"/scorecards/{scorecard}"))
    side_url = page.select_one("#deck-evidence")["hx-get"]
    assert side_url == f"/companies/{company.id}/evidence?pack=open-closed-moat"
    side = _soup(analyst.get(side_url, headers={"HX-Request": "true"}))
    ecosystem = side.select_one('[data-criterion-key="ecosystem-leverage"]')
    first = ecosystem.select_one("button")["hx-get"]
    assert first.endswith("&page=5")  # the "Open source and community" slide
