"""Search everything from the navigation (issue 12): both languages, typos, conflicts."""

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import text
from sqlmodel import select

from pitchlab.models import Company, Conflict, Document, DocumentPage
from pitchlab.search.names import SIMILARITY, similar_company_ids, similarity
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


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Clausmint", "Clausemint"),  # a letter missing
        ("Quantfen", "Quantfern"),
        ("Pixelorchrd", "Pixelorchard"),
        ("Labelkilm", "Labelkiln"),  # a letter wrong
        ("栖语智慧", "栖语智能"),  # the last character wrong
    ],
)
def test_a_name_with_one_letter_wrong_or_missing_is_found_first(admin_client, typed, name):
    found = _results(admin_client, typed)
    assert found[0][:2] == (name, "company")
    api = admin_client.get("/api/v1/search", params={"q": typed}).json()["results"]
    assert api[0]["kind"] == "company" and api[0]["title"] == name


def test_a_chinese_name_wrong_in_the_middle_shares_no_trigram_and_is_not_found(admin_client):
    # 栖雨智能 shares with 栖语智能 no run of three characters: the trigram rule's limit.
    assert similarity("栖雨智能", "栖语智能") < SIMILARITY
    assert not any(kind == "company" for _name, kind, _url in _results(admin_client, "栖雨智能"))


def test_the_name_index_follows_a_rename(admin_client, session):
    company = session.exec(select(Company).where(Company.name == "Quantfern")).one()
    company.name = "Zebrafern Analytics"
    session.add(company)
    session.commit()
    assert similar_company_ids(session, "Zebrafen", limit=5) == [company.id]
    assert company.id not in similar_company_ids(session, "Quantfen", limit=5)


def test_sqlite_scores_names_as_pg_trgm_does(session):
    pairs = [("Clausmint", "Clausemint"), ("栖语智慧", "栖语智能"), ("deep seek", "DeepSeek Labs")]
    if session.get_bind().dialect.name != "postgresql":
        assert [round(similarity(a, b), 4) for a, b in pairs] == [0.6154, 0.4286, 0.4118]
        return
    for left, right in pairs:
        found = session.execute(text("SELECT similarity(:a, :b)"), {"a": left, "b": right})
        assert similarity(left, right) == pytest.approx(found.scalar_one(), abs=1e-6)
