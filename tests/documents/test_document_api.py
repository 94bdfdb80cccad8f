"""Documents and the evidence finder through the JSON API and the evidence page (issue 12)."""

from bs4 import BeautifulSoup
from sqlmodel import select

from pitchlab.models import Company, Document

from .conftest import make_pdf, make_pptx


def _company(session, name: str) -> Company:
    return session.exec(select(Company).where(Company.name == name)).one()


def test_api_upload_answers_201_and_the_document_reads_back(client, api_token, company_id):
    token = api_token("analyst")
    created = client.post(
        f"/api/v1/companies/{company_id}/documents",
        headers=token,
        files={"file": ("deck.pdf", make_pdf(4), "application/pdf")},
        data={"kind": "deck"},
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["version"], body["kind"], body["filename"], body["page_count"]) == (
        1,
        "deck",
        "deck.pdf",
        4,
    )
    read = client.get(f"/api/v1/documents/{body['id']}", headers=token).json()
    assert read["status"] == "ready"
    assert [p["number"] for p in read["pages"]] == [1, 2, 3, 4]
    assert "Text of page 3." in read["pages"][2]["text"]
    listed = client.get(f"/api/v1/companies/{company_id}/documents", headers=token).json()
    assert body["id"] in [item["id"] for item in listed["items"]]
    image = client.get(f"/api/v1/documents/{body['id']}/pages/1/image", headers=token)
    assert image.status_code == 200 and image.content[:4] == b"\x89PNG"


def test_api_refuses_bad_files_and_pptx_has_no_image(no_libreoffice, client, api_token, company_id):
    token = api_token("analyst")
    bad = client.post(
        f"/api/v1/companies/{company_id}/documents",
        headers=token,
        files={"file": ("deck.pdf", b"not a pdf", "application/pdf")},
    )
    assert bad.status_code == 422 and "not a PDF" in bad.json()["detail"]
    pptx = client.post(
        f"/api/v1/companies/{company_id}/documents",
        headers=token,
        files={"file": ("slides.pptx", make_pptx(2), "application/octet-stream")},
    ).json()
    image = client.get(f"/api/v1/documents/{pptx['id']}/pages/1/image", headers=token)
    assert image.status_code == 404


def test_api_evidence_lists_pages_and_unaddressed_criteria(client, api_token, session):
    company = _company(session, "Clausemint")
    deck = session.exec(select(Document).where(Document.company_id == company.id)).one()
    response = client.get(
        f"/api/v1/companies/{company.id}/evidence?pack=problem-space", headers=api_token()
    )
    assert response.status_code == 200
    body = response.json()
    clarity = body["criteria"]["problem-clarity"]["pages"]
    assert clarity[0] == {
        "document_id": deck.id,
        "version": 1,
        "page": 2,
        "score": clarity[0]["score"],
        "snippet": clarity[0]["snippet"],
    }
    assert len(clarity) == 3 and clarity[0]["score"] >= clarity[1]["score"]
    assert "problem-before-technology" in body["unaddressed"]
    assert body["questions"] and body["language"] == "en"
    missing = client.get(f"/api/v1/companies/{company.id}/evidence?pack=nope", headers=api_token())
    assert missing.status_code == 404


def test_evidence_page_highlights_and_exports_questions_in_chinese(admin_client, session):
    company = _company(session, "栖语智能")
    page = BeautifulSoup(
        admin_client.get(f"/companies/{company.id}/evidence?pack=problem-space").text,
        "html.parser",
    )
    clarity = page.select_one('[data-criterion-key="problem-clarity"]')
    assert clarity.select_one("mark") is not None
    assert clarity.select_one("a")["href"].endswith("?page=2#page-2")
    questions = [li.get_text() for li in page.select("[data-questions] li")]
    assert questions and all(any("\u4e00" <= ch <= "\u9fff" for ch in q) for q in questions)
    markdown = admin_client.get(
        f"/companies/{company.id}/evidence/questions.md?pack=problem-space"
    ).text
    assert markdown.startswith("# 给创始人的问题: 栖语智能") and questions[0] in markdown
    docx = admin_client.get(f"/companies/{company.id}/evidence/questions.docx?pack=problem-space")
    assert docx.content[:2] == b"PK"
