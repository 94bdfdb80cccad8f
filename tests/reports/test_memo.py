"""The IC memo as PDF and DOCX: what a reader finds in it, in English and Chinese, and what a
conflicted reader does not."""

import pytest
from tests.reports.conftest import company_named, user_named
from tests.reports.pdf_text import compact, docx_blocks, pdf_fonts, pdf_pages, pdf_text

from pitchlab.dossier import company_dossier
from pitchlab.reports.rows import page_reference
from pitchlab.web.i18n import LOCALE_COOKIE, set_locale
from pitchlab.web.i18n import gettext as _

ENGLISH = "Clausemint"  # disputed criteria, a deck, a PR/FAQ and a valuation
CHINESE = "栖语智能"


@pytest.fixture(scope="module")
def dossier(docs_session):
    """What the memo must show: the presenter view's data for the same reader."""
    company = company_named(docs_session, ENGLISH)
    return company_dossier(docs_session, user_named(docs_session, "admin"), company.id)


@pytest.fixture(scope="module")
def memo_pdf(admin, dossier):
    response = admin.get(f"/companies/{dossier.company.id}/memo?format=pdf")
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    return response.content


@pytest.fixture(scope="module")
def chinese_memo_pdf(open_client, docs_session):
    client = open_client("admin", **{LOCALE_COOKIE: "zh"})
    company = company_named(docs_session, CHINESE)
    response = client.get(f"/companies/{company.id}/memo?format=pdf")
    assert response.status_code == 200
    return response.content


@pytest.fixture(scope="module")
def memo_docx(admin, dossier):
    response = admin.get(f"/companies/{dossier.company.id}/memo?format=docx")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    return response.content


def test_memo_pdf_shows_the_dossier(memo_pdf, dossier):
    text = pdf_text(memo_pdf)
    assert dossier.company.name in text
    assert dossier.terms.pre_money in text
    assert f"{dossier.scores.total:.2f}" in text
    assert f"{dossier.scores.rank} of {dossier.scores.n_ranked}" in text
    # The disagreements with each evaluator's rationale.
    assert dossier.disagreements, "the demo company has disputed criteria"
    first = dossier.disagreements[0]
    assert first.criterion_title in text
    rationale = next(level.rationale for level in first.levels if level.rationale)
    assert compact(rationale)[:40] in compact(text)
    # Deck pages cited as doc:ID@VERSION#pN, the open questions, the methodology appendix.
    assert dossier.deck and dossier.deck.key_pages
    assert page_reference(dossier.deck.key_pages[0]) in text
    assert compact(dossier.deck.unaddressed_questions[0]) in compact(text)
    assert compact(dossier.prfaq.headline) in compact(text)
    assert dossier.valuations[0].title in text
    assert "Appendix: methodology" in text
    assert dossier.methodology[0][0] in text


def test_memo_pdf_embeds_the_cjk_font_and_runs_to_pages(memo_pdf):
    fonts = pdf_fonts(memo_pdf)
    assert ("Noto-Sans-CJK-SC", True) in fonts
    assert all(embedded for _name, embedded in fonts)
    pages = pdf_pages(memo_pdf)
    assert len(pages) >= 2
    assert pages[-1].strip()  # no blank page at the end


def test_chinese_memo_is_in_chinese_with_an_embedded_chinese_font(chinese_memo_pdf):
    text = compact(pdf_text(chinese_memo_pdf))
    assert CHINESE in text
    set_locale("zh")
    try:
        summary, scores = _("Summary"), _("Scores")
    finally:
        set_locale("en")
    assert summary != "Summary"
    assert compact(summary) in text and compact(scores) in text
    assert ("Noto-Sans-CJK-SC", True) in pdf_fonts(chinese_memo_pdf)


def test_memo_docx_has_the_same_sections(memo_docx, dossier):
    paragraphs, cells = docx_blocks(memo_docx)
    headings = [text for style, text in paragraphs if style.startswith("Heading")]
    assert headings[0] == dossier.company.name
    assert {"Summary", "Scores", "Where the panel disagrees", "Appendix: methodology"} <= set(
        headings
    )
    first = dossier.disagreements[0]
    assert f"{first.criterion_title} ({first.pack_key})" in headings
    assert f"{dossier.scores.total:.2f}" in cells
    rationale = next(level.rationale for level in first.levels if level.rationale)
    assert rationale in cells
    assert page_reference(dossier.deck.key_pages[0]) in cells


def test_a_conflicted_reader_gets_no_scores(docs_app, docs_session, dossier):
    """A viewer who declared a conflict gets the memo without scores or rationales; the same
    viewer's memo of another company has them (so the test can fail)."""
    from fastapi.testclient import TestClient

    from pitchlab.auth.sessions import SESSION_COOKIE, create_session
    from pitchlab.auth.users import create_user
    from pitchlab.models import Conflict

    viewer = create_user(
        docs_session,
        email="conflicted-viewer@example.com",
        display_name="Conflicted Viewer",
        role="viewer",
        password="a-long-enough-password-123",
    )
    docs_session.add(Conflict(company_id=dossier.company.id, user_id=viewer.id, reason="Board"))
    docs_session.commit()
    other = company_named(docs_session, "Pixelorchard")
    with TestClient(docs_app) as client:
        client.cookies.set(SESSION_COOKIE, create_session(docs_session, viewer))
        hidden = client.get(f"/companies/{dossier.company.id}/memo?format=docx")
        shown = client.get(f"/companies/{other.id}/memo?format=docx")
    assert hidden.status_code == shown.status_code == 200
    paragraphs, cells = docx_blocks(hidden.content)
    text = " ".join(text for _style, text in paragraphs) + cells
    assert "you declared a conflict of interest" in text
    assert "Weighted total" not in cells
    assert "Where the panel disagrees" not in text
    for item in dossier.disagreements:
        for level in item.levels:
            assert not level.rationale or level.rationale not in text
    assert dossier.company.name in text  # the company itself is not hidden
    _paragraphs, other_cells = docx_blocks(shown.content)
    assert "Weighted total" in other_cells
