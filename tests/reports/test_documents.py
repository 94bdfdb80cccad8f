"""The one-pager, the IC pack, the portfolio report, the API's formats and the CLI export."""

import pytest
from sqlmodel import select
from tests.reports.conftest import company_named, demo_meeting, user_named
from tests.reports.pdf_text import compact, docx_blocks, pdf_fonts, pdf_pages, pdf_text
from typer.testing import CliRunner

from pitchlab.cli import app as cli_app
from pitchlab.meetings.agenda import agenda
from pitchlab.meetings.record import decide, reveal
from pitchlab.models import MeetingVote

LONG = "Marlstone AI"  # filled with the longest texts the fields take


@pytest.fixture(scope="module")
def long_company(docs_session):
    company = company_named(docs_session, LONG)
    sentence = "Evaluators asked for cohort churn, gross margin by model and the data rights. "
    company.one_liner = ("A very long one-liner " * 20)[:200]
    company.sector = ("Vertical AI for 跨境电商 and logistics " * 10)[:200]
    company.founders = ("Founder Name (CEO), 林晓舟 (CTO), " * 20)[:500]
    company.location = ("Shenzhen, Berlin and Lisbon " * 10)[:200]
    company.lead_investor = ("Example Growth Partners " * 10)[:200]
    company.next_step = ("Call the three reference customers " * 10)[:200]
    company.notes = "\n\n".join(
        [f"## Section {n}\n\n" + sentence * 12 + "\n\n- point one\n- point two" for n in range(40)]
    )[:20_000]
    docs_session.add(company)
    docs_session.commit()
    return company


@pytest.fixture(scope="module")
def one_pager_pdf(admin, long_company):
    response = admin.get(f"/companies/{long_company.id}/one-pager?format=pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    return response.content


def test_one_pager_is_one_page_with_long_data(one_pager_pdf, long_company):
    pages = pdf_pages(one_pager_pdf)
    assert len(pages) == 1
    text = compact(pages[0])
    assert compact(long_company.name) in text
    assert compact(long_company.one_liner)[:60] in text
    assert "Section0" in text  # the notes begin on the page; the rest is cut
    assert ("Noto-Sans-CJK-SC", True) in pdf_fonts(one_pager_pdf)


def test_one_pager_page_has_no_navigation_or_buttons(admin, long_company):
    response = admin.get(f"/companies/{long_company.id}/one-pager")
    assert response.status_code == 200
    html = response.text
    assert "<nav" not in html and "<button" not in html and "<form" not in html
    assert long_company.name in html
    assert "css/report.css" in html


def test_company_page_links_the_documents(admin, long_company):
    html = admin.get(f"/companies/{long_company.id}").text
    for href in ("one-pager", "memo?format=pdf", "memo?format=docx"):
        assert f"/companies/{long_company.id}/{href}" in html


@pytest.fixture(scope="module")
def pack_pdf(admin, docs_session):
    meeting = demo_meeting(docs_session)
    response = admin.get(f"/meetings/{meeting.id}/pack?format=pdf")
    assert response.status_code == 200
    return response.content


def test_pack_has_the_agenda_then_one_memo_per_company(pack_pdf, docs_session):
    meeting = demo_meeting(docs_session)
    names = [
        company_named_by_id(docs_session, item.company_id)
        for item in agenda(docs_session, meeting.id)
    ]
    pages = pdf_pages(pack_pdf)
    assert len(pages) >= len(names) + 2  # the cover, a page or more each, the appendix
    cover = " ".join(pages[0].split())
    assert meeting.title in cover
    positions = [cover.index(name) for name in names]
    assert positions == sorted(positions)  # in agenda order
    # Each company's memo starts a page with its name.
    starts = [" ".join(page.split())[: len(name) + 40] for page in pages for name in names]
    assert all(any(name in start for start in starts) for name in names)


def test_pack_keeps_hidden_votes_hidden_and_shows_them_once_revealed(admin, pack_pdf, docs_session):
    meeting = demo_meeting(docs_session)
    votes = docs_session.exec(select(MeetingVote).where(MeetingVote.note != "")).all()
    assert votes, "the demo meeting has votes with notes"
    text = compact(pdf_text(pack_pdf))
    assert all(compact(vote.note) not in text for vote in votes)
    first = agenda(docs_session, meeting.id)[0]
    chair = docs_session.get(type(user_named(docs_session, "admin")), meeting.chair_id)
    reveal(docs_session, meeting, first, user=chair)
    response = admin.get(f"/meetings/{meeting.id}/pack?format=docx")
    paragraphs, _cells = docx_blocks(response.content)
    text = " ".join(text for _style, text in paragraphs)
    revealed = [vote for vote in votes if vote.item_id == first.id]
    assert revealed and all(vote.note in text for vote in revealed)
    hidden = [vote for vote in votes if vote.item_id != first.id]
    assert all(vote.note not in text for vote in hidden)
    # Once decided, the company's memo carries the decision, the votes and the minutes.
    decide(
        docs_session,
        meeting,
        first,
        user=chair,
        decision="more-diligence",
        conditions="Churn data after the first renewal.",
        minutes="The committee asks for **renewal** figures.",
    )
    memo = admin.get(f"/companies/{first.company_id}/memo?format=docx")
    paragraphs, _cells = docx_blocks(memo.content)
    text = " ".join(text for _style, text in paragraphs)
    assert "Decision" in [text for style, text in paragraphs if style.startswith("Heading")]
    assert "More diligence" in text and meeting.title in text
    assert "Churn data after the first renewal." in text
    assert "The committee asks for renewal figures." in text
    assert all(vote.note in text for vote in revealed)


def company_named_by_id(session, company_id: int) -> str:
    from pitchlab.models import Company

    return session.get(Company, company_id).name


def test_api_formats_are_validated_readably(docs_app, docs_session, open_client):
    from pitchlab.auth.tokens import create_token

    token = create_token(docs_session, user=user_named(docs_session, "partner"), name="reports")
    client = open_client("admin")
    headers = {"Authorization": f"Bearer {token}"}
    company = company_named(docs_session, "Clausemint")
    bad = client.get(f"/api/v1/companies/{company.id}/memo?format=odt", headers=headers)
    assert bad.status_code == 422
    assert "format" in bad.text and "pdf" in bad.text
    missing = client.get("/api/v1/companies/999999/memo?format=docx", headers=headers)
    assert missing.status_code == 404 and "No company" in missing.text
    page = client.get(f"/companies/{company.id}/memo?format=odt")
    assert page.status_code == 422 and "text/html" in page.headers["content-type"]
    meeting = demo_meeting(docs_session)
    pack = client.get(f"/api/v1/meetings/{meeting.id}/pack?format=docx", headers=headers)
    assert pack.status_code == 200
    paragraphs, _cells = docx_blocks(pack.content)
    assert paragraphs[0][1].endswith(meeting.title)
    no_meeting = client.get("/api/v1/meetings/999999/pack", headers=headers)
    assert no_meeting.status_code == 404


def test_portfolio_report_pdf_has_the_ranking_charts_and_methodology(admin, docs_session):
    response = admin.get("/compare/export.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Portfolio report" in text and "Methodology" in text
    assert "Rank intervals" in text  # the chart's heading
    for name in ("Clausemint", "Pixelorchard"):
        assert name in text
    assert "栖语智能" in compact(text)
    assert ("Noto-Sans-CJK-SC", True) in pdf_fonts(response.content)


def test_cli_exports_a_memo_to_a_file(docs_app, docs_session, monkeypatch, tmp_path):
    url = docs_app.state.settings.database_url
    monkeypatch.setenv("PITCHLAB_DATABASE_URL", url)
    runner = CliRunner()
    target = tmp_path / "memo.pdf"
    result = runner.invoke(
        cli_app, ["export", "memo", "Clausemint", "--format", "pdf", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    content = target.read_bytes()
    assert content.startswith(b"%PDF")
    assert "Clausemint" in pdf_text(content)
    docx = tmp_path / "memo.docx"
    company = company_named(docs_session, "栖语智能")
    result = runner.invoke(
        cli_app, ["export", "memo", str(company.id), "-f", "docx", "-o", str(docx)]
    )
    assert result.exit_code == 0, result.output
    paragraphs, _cells = docx_blocks(docx.read_bytes())
    assert ("Heading 1", "栖语智能") in paragraphs
    refused = runner.invoke(cli_app, ["export", "memo", "Clausemint", "-f", "odt", "-o", str(docx)])
    assert refused.exit_code == 2
    unknown = runner.invoke(cli_app, ["export", "memo", "No Such Co", "-o", str(docx)])
    assert unknown.exit_code == 1 and "No company" in unknown.output
