"""The demo portfolio's pitch decks: written as data (seeds/documents/decks-*.yaml), made into
PDFs by reportlab at seed time, and stored like any upload (issue 12)."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from sqlmodel import Session, select

from ..companies.data import find_by_name
from ..models import Document, User
from .evidence import DeckPage
from .extraction import extract_pdf
from .jobs import apply_extraction
from .limits import check_upload
from .pdfdeck import Slide, deck_pdf
from .storage import store_document

DEMO_UPLOADER = "analyst@pitchlab.example"


@dataclass(frozen=True)
class DeckSpec:
    company: str
    language: str
    filename: str
    slides: list[Slide]
    answers: list[list[str]]  # per slide: the criteria keys it gives evidence for

    def pages(self, document_id: int = 0, version: int = 1) -> list[DeckPage]:
        return [
            DeckPage(document_id, version, n, slide.title, "\n".join(slide.lines))
            for n, slide in enumerate(self.slides, start=1)
        ]


def load_decks(folder: Path) -> list[DeckSpec]:
    decks = []
    for path in sorted(folder.glob("decks-*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["decks"]:
            slides = [Slide(s["title"], list(s.get("lines", []))) for s in raw["slides"]]
            answers = [list(s.get("answers", [])) for s in raw["slides"]]
            decks.append(
                DeckSpec(raw["company"], raw["language"], raw["filename"], slides, answers)
            )
    return decks


@lru_cache(maxsize=4)
def load_signals(folder: Path) -> dict:
    """seeds/documents/evidence-terms.yaml: extra words per criterion key."""
    path = folder / "evidence-terms.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def seed_demo_decks(session: Session, folder: Path) -> int:
    """Give each demo company its deck, once; extracted at once (no background job here)."""
    uploader = session.exec(select(User).where(User.email == DEMO_UPLOADER)).first()
    added = 0
    for spec in load_decks(folder):
        company = find_by_name(session, spec.company)
        if company is None or uploader is None:
            continue
        exists = session.exec(
            select(Document.id).where(
                Document.company_id == company.id, Document.filename == spec.filename
            )
        ).first()
        if exists is not None:
            continue
        data = deck_pdf(spec.slides, language=spec.language, title=spec.company)
        found = check_upload(spec.filename, data)
        document = store_document(
            session,
            company_id=company.id,
            kind="deck",
            filename=spec.filename,
            data=data,
            found=found,
            page_count=len(spec.slides),
            user=uploader,
        )
        _store_pages(session, document, data)
        added += 1
    return added


def _store_pages(session: Session, document: Document, data: bytes) -> None:
    apply_extraction(session, document, extract_pdf(data))
    session.commit()
