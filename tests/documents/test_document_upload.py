"""Uploading, extracting and reading documents through the pages (issue 12)."""

import io
import os
import time
import zipfile

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from sqlmodel import select

from pitchlab.documents import jobs, rendering
from pitchlab.documents.rendering import SIZES
from pitchlab.models import Document, DocumentPage

from .conftest import make_pdf, make_pptx


def _soup(response):
    return BeautifulSoup(response.text, "html.parser")


def test_upload_pdf_extracts_every_page_and_shows_it(admin_client, upload, session, company_id):
    response = upload(make_pdf(3), "Clausemint deck.pdf")
    assert response.status_code == 303
    document_id = int(response.headers["location"].rsplit("/", 1)[1])
    session.rollback()
    document = session.get(Document, document_id)
    assert (document.status, document.page_count, document.version) == ("ready", 3, 1)
    pages = session.exec(select(DocumentPage).where(DocumentPage.document_id == document_id)).all()
    assert [p.title for p in pages] == ["Slide 1", "Slide 2", "Slide 3"]
    page = _soup(admin_client.get(f"/documents/{document_id}?page=2"))
    assert "Text of page 2." in page.select_one(".page-text").get_text()
    assert page.select_one("#page-citation").get_text() == f"doc:{document_id}@1#p2"
    image = admin_client.get(f"/documents/{document_id}/pages/2/image")
    assert image.headers["content-type"] == "image/png" and image.content[:4] == b"\x89PNG"


def test_second_upload_of_a_kind_is_a_new_version(upload, session, company_id, admin_client):
    upload(make_pdf(2), "deck.pdf")
    upload(make_pdf(4), "deck-v2.pdf")
    session.rollback()
    versions = session.exec(
        select(Document.version, Document.page_count).where(Document.company_id == company_id)
    ).all()
    assert sorted(versions) == [(1, 2), (2, 4)]
    listing = _soup(admin_client.get(f"/companies/{company_id}/documents"))
    rows = listing.select("tr[data-document-id]")
    assert [r.select("td")[2].get_text() for r in rows] == ["v2", "v1"]


def test_pptx_gives_slide_text_and_notes_and_says_no_libreoffice(
    no_libreoffice, upload, admin_client, session
):
    response = upload(make_pptx(2), "deck.pptx")
    document_id = int(response.headers["location"].rsplit("/", 1)[1])
    page = _soup(admin_client.get(f"/documents/{document_id}"))
    text = page.select_one(".page-text").get_text()
    assert "Slide title 1" in text and "Say the numbers slowly." in text
    notice = page.select_one("#no-slide-images").get_text()
    assert "LibreOffice, which is not installed on this server" in notice
    assert page.select(".page-image img, .thumbnails img") == []
    assert admin_client.get(f"/documents/{document_id}/pages/1/image").status_code == 404
    session.rollback()
    assert session.get(Document, document_id).slide_images is False


def test_pptx_slides_get_images_through_libreoffice(upload, admin_client, session):
    # The real conversion: CI installs LibreOffice (.ci/run), so this runs there, unskipped.
    assert rendering.libreoffice_available(), "LibreOffice (soffice) is not installed"
    response = upload(make_pptx(3), "deck.pptx")
    document_id = int(response.headers["location"].rsplit("/", 1)[1])
    session.rollback()
    document = session.get(Document, document_id)
    assert (document.status, document.page_count, document.slide_images) == ("ready", 3, True)
    page = _soup(admin_client.get(f"/documents/{document_id}?page=2"))
    assert page.select_one("#no-slide-images") is None
    image_url = f"/documents/{document_id}/pages/2/image"
    assert page.select_one(".page-image img")["src"] == image_url
    assert len(page.select(".thumbnails img")) == 3
    image = admin_client.get(image_url)
    assert image.headers["content-type"] == "image/png"
    picture = Image.open(io.BytesIO(image.content))
    assert picture.width == SIZES["page"]
    # A slide, not a blank page: the title's dark text is drawn on it.
    assert picture.convert("L").getextrema()[0] < 100
    assert admin_client.get(f"/documents/{document_id}/pages/4/image").status_code == 404


def test_a_failed_conversion_keeps_the_text_and_says_so(monkeypatch, upload, admin_client):
    monkeypatch.setattr(jobs, "to_pdf", lambda data: None)
    response = upload(make_pptx(2), "deck.pptx")
    document_id = int(response.headers["location"].rsplit("/", 1)[1])
    page = _soup(admin_client.get(f"/documents/{document_id}"))
    assert "Slide title 1" in page.select_one(".page-text").get_text()
    assert "could not turn this presentation" in page.select_one(".page-image").get_text()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/presentation.xml", "<p/>")
        archive.writestr("ppt/media/big.bin", b"\0" * (60 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"just some text", "deck.pdf", "not a PDF"),
        (make_pdf(1), "deck.pptx", "not a PowerPoint"),
        (b"", "deck.pdf", "empty"),
        (make_pdf(1), "deck.docx", "Upload a PDF"),
        (_zip_bomb(), "deck.pptx", "zip bomb"),
    ],
)
def test_bad_files_are_refused_beside_the_field(upload, session, company_id, data, name, message):
    response = upload(data, name, client=None)
    assert response.status_code == 422
    error = _soup(response).select_one("#document-file-error")
    assert message in error.get_text()
    session.rollback()
    assert session.exec(select(Document).where(Document.company_id == company_id)).all() == []


def test_too_many_pages_is_refused(app, upload, session):
    app.state.settings.document_max_pages = 5
    response = upload(make_pdf(6), "long.pdf")
    assert response.status_code == 422
    assert "6 pages; at most 5" in _soup(response).select_one("#document-file-error").get_text()


def _encrypted_pdf() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption("user-pw", "owner-pw"))
    pdf.drawString(100, 100, "secret")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_encrypted_pdf_is_refused(upload, session):
    response = upload(_encrypted_pdf(), "secret.pdf")
    assert response.status_code == 422
    assert "password" in _soup(response).select_one("#document-file-error").get_text()


def test_corrupt_pdf_fails_on_the_document_not_with_a_500(upload, session, admin_client):
    damaged = make_pdf(2)[:600] + b"garbage" * 50
    response = upload(damaged, "broken.pdf")
    assert response.status_code == 422
    assert "damaged" in _soup(response).select_one("#document-file-error").get_text()


def test_viewer_reads_but_cannot_upload(make_client, company_id, upload, session):
    upload(make_pdf(1))
    from pitchlab.auth.users import create_user

    session.rollback()
    create_user(
        session,
        email="v@pitchlab.example",
        display_name="V",
        role="viewer",
        password="viewer-password-1",
    )
    from ..conftest import log_in

    viewer = log_in(make_client(), "v@pitchlab.example", "viewer-password-1")
    listing = _soup(viewer.get(f"/companies/{company_id}/documents"))
    assert (
        listing.select("tr[data-document-id]") and listing.select_one("form[data-upload]") is None
    )
    refused = upload(make_pdf(1), client=viewer)
    assert refused.status_code == 403


def test_a_conversion_over_time_ends_libreoffice_and_its_children(monkeypatch, tmp_path):
    # A stand-in soffice that starts a child (as soffice starts soffice.bin) and hangs.
    child_pid = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {child_pid}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setattr(rendering, "libreoffice_command", lambda: str(fake))
    monkeypatch.setattr(rendering, "CONVERT_TIMEOUT_S", 1)
    assert rendering.to_pdf(make_pptx(1)) is None
    pid = int(child_pid.read_text())
    with pytest.raises(ProcessLookupError):  # reaped or gone: not left running
        for _ in range(50):
            os.kill(pid, 0)
            time.sleep(0.05)
