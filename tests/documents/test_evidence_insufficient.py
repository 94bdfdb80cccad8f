"""Insufficient-evidence answers become questions for the founders (issue 15)."""

import io

from bs4 import BeautifulSoup
from sqlmodel import select

from pitchlab.models import Company
from pitchlab.rubrics.store import get_pack_version

PACK = "problem-space"
GAP = "problem-clarity"  # a criterion the deck addresses: the panel still lacked evidence


def _setup(session, make_client, fill_scorecard, *, submit=True):
    company = session.exec(select(Company).where(Company.name == "Clausemint")).one()
    pack = get_pack_version(session, PACK)
    levels = {c.key: 3 for c in pack.criteria if not c.retired} | {GAP: "insufficient"}
    fill_scorecard(make_client("partner"), company.id, PACK, levels, submit=submit)
    question = next(c for c in pack.criteria if c.key == GAP).question["en"]
    return company.id, question


def _page(client, company_id):
    response = client.get(f"/companies/{company_id}/evidence?pack={PACK}")
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def test_insufficient_answers_are_questions_in_the_page_exports_and_api(
    admin_client, make_client, session, fill_scorecard, api_token, client
):
    company_id, question = _setup(session, make_client, fill_scorecard)
    page = _page(admin_client, company_id)
    section = page.select_one("#insufficient-questions")
    assert section.select_one("h2").get_text() == "The panel had too little evidence"
    items = section.select("[data-insufficient-questions] li")
    assert [(li["data-criterion-key"], li.get_text()) for li in items] == [(GAP, question)]
    badge = page.select_one(f'[data-criterion-key="{GAP}"] [data-insufficient]')
    assert badge.get_text() == "The panel had too little evidence"

    markdown = admin_client.get(f"/companies/{company_id}/evidence/questions.md?pack={PACK}").text
    part = markdown.split("## The panel had too little evidence\n", 1)[1]
    assert part.strip() == f"1. {question}"
    assert "## Not addressed in the deck" in markdown.split(part)[0]

    from docx import Document as WordDocument

    docx = admin_client.get(f"/companies/{company_id}/evidence/questions.docx?pack={PACK}")
    paragraphs = [p.text for p in WordDocument(io.BytesIO(docx.content)).paragraphs]
    heading = paragraphs.index("The panel had too little evidence")
    assert paragraphs[heading + 1] == f"1. {question}"

    body = client.get(
        f"/api/v1/companies/{company_id}/evidence?pack={PACK}", headers=api_token()
    ).json()
    assert body["insufficient"] == [GAP]
    assert body["insufficient_questions"] == [question]


def test_drafts_and_blind_review_keep_others_answers_out(
    admin_client, make_client, session, fill_scorecard
):
    # A draft may still change: only its author sees its gaps.
    company_id, _ = _setup(session, make_client, fill_scorecard, submit=False)
    assert _page(admin_client, company_id).select_one("#insufficient-questions") is None
    own = _page(make_client("partner"), company_id).select("[data-insufficient-questions] li")
    assert [li["data-criterion-key"] for li in own] == [GAP]


def test_an_evaluator_who_has_not_submitted_does_not_see_the_panels_gaps(
    make_client, session, fill_scorecard
):
    company_id, _ = _setup(session, make_client, fill_scorecard)
    assert _page(make_client("analyst"), company_id).select_one("#insufficient-questions") is None
