"""Search everything from the navigation (issue 12): both languages, typos, conflicts."""

from bs4 import BeautifulSoup
from sqlmodel import select

from pitchlab.models import Company, Conflict, Document, DocumentPage
from pitchlab.search.pages import search_pages

from ..conftest import DEMO_EMAILS


def _results(client, query: str):
    page = BeautifulSoup(client.get("/search", params={"q": query}).text, "html.parser")
    return [
        (group.select_one("h2").get_text(), item["data-kind"], item.select_one("a")["href"])
        for group in page.select(".search-group")
        for item in group.select("li[data-kind]")
    ]


def test_nav_box_finds_document_pages_in_english_and_chinese(admin_client, session):
    page = BeautifulSoup(admin_client.get("/companies").text, "html.parser")
    assert page.select_one("form.nav-search input[name=q]") is not None
    english = _results(admin_client, "playbook onboarding")
    assert ("Clausemint", "page", english[0][2]) in english
    assert "/documents/" in english[0][2] and "?page=" in english[0][2]
    chinese = _results(admin_client, "退换货")
    assert any(name == "栖语智能" and kind == "page" for name, kind, _url in chinese)


def test_company_names_are_found_with_a_typo(admin_client):
    assert ("Clausemint", "company", "/companies/{}")[0:2] in [
        (name, kind) for name, kind, _url in _results(admin_client, "Clausmint")
    ]


def test_index_follows_every_write_of_pages(session):
    document = session.exec(select(Document)).first()
    page = session.exec(select(DocumentPage).where(DocumentPage.document_id == document.id)).first()
    page.terms = "zebracorn"
    session.add(page)
    session.commit()
    assert [row.id for row in search_pages(session, "zebracorn")] == [page.id]
    session.delete(page)
    session.commit()
    assert search_pages(session, "zebracorn") == []


def test_conflicted_user_finds_no_rationale_of_that_company(
    make_client, session, fill_scorecard, api_token
):
    company = session.exec(select(Company).where(Company.name == "Clausemint")).one()
    partner = make_client("partner")
    from pitchlab.rubrics.store import get_pack_version

    keys = [c.key for c in get_pack_version(session, "problem-space").criteria]
    fill_scorecard(partner, company.id, "problem-space", dict.fromkeys(keys, 4), submit=True)
    session.rollback()
    partner_rationale = "problem-clarity rationale"
    from pitchlab.auth.users import find_user

    conflicted = find_user(session, DEMO_EMAILS["partner2"])
    admin = make_client("admin")
    assert any(kind == "rationale" for _n, kind, _u in _results(admin, partner_rationale))
    session.add(Conflict(company_id=company.id, user_id=conflicted.id, reason="Board seat"))
    session.commit()
    other = make_client("partner2")
    found = _results(other, partner_rationale)
    assert not any(kind == "rationale" for _n, kind, _u in found)
    api = other.get(
        "/api/v1/search", params={"q": partner_rationale}, headers=api_token("partner2")
    )
    assert api.status_code == 200
    assert [r for r in api.json()["results"] if r["kind"] == "rationale"] == []
    pages = other.get("/api/v1/search", params={"q": "playbook"}).json()["results"]
    assert any(r["kind"] == "page" and r["company_id"] == company.id for r in pages)
