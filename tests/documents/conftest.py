"""Fixtures for documents: files made on the spot (PDF by reportlab, PPTX by python-pptx)."""

import io

import pytest

from pitchlab.documents.pdfdeck import Slide, deck_pdf


def make_pdf(pages: int = 3, *, language: str = "en", prefix: str = "Slide") -> bytes:
    slides = [
        Slide(f"{prefix} {n}", [f"Text of page {n}.", "Our customers lose hours every week."])
        for n in range(1, pages + 1)
    ]
    return deck_pdf(slides, language=language)


def make_pptx(slides: int = 2, *, notes: str = "Say the numbers slowly.") -> bytes:
    from pptx import Presentation

    deck = Presentation()
    for n in range(1, slides + 1):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = f"Slide title {n}"
        slide.placeholders[1].text = f"Body of slide {n}"
        slide.notes_slide.notes_text_frame.text = notes
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


@pytest.fixture
def no_libreoffice(monkeypatch):
    """A server without LibreOffice, whether or not this machine has it."""
    from pitchlab.documents import rendering

    monkeypatch.setattr(rendering, "libreoffice_command", lambda: None)


@pytest.fixture
def company_id(session) -> int:
    """A demo company without a demo deck (they have none until a test uploads one)."""
    from sqlmodel import select

    from pitchlab.models import Company

    return session.exec(select(Company.id).where(Company.name == "Pixelorchard")).one()


@pytest.fixture
def upload(admin_client, company_id):
    """Upload a file to that company through the page and return the response."""

    def send(data: bytes, filename: str = "deck.pdf", *, kind: str = "deck", client=None):
        return (client or admin_client).post(
            f"/companies/{company_id}/documents",
            data={"kind": kind},
            files={"file": (filename, data, "application/octet-stream")},
            follow_redirects=False,
        )

    return send
