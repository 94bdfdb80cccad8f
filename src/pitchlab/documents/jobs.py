"""Text extraction, off the request path: the upload answers at once, this runs after it.

A plain function with its own sessions on the app's engine (it must not borrow the request's):
it reads the file, extracts outside any transaction, then writes every page and the final
status in ONE commit, so a crash part-way leaves the document pending with no pages, never a
half document.
"""

import logging
from dataclasses import replace

from sqlalchemy import Engine
from sqlmodel import Session, delete

from ..models import Document, DocumentBlob, DocumentPage, DocumentStatus
from ..web.i18n import gettext as _
from ..write_turn import WRITE_OPTION
from .extraction import Extracted, count_pages, extract
from .limits import DocumentRefused
from .rendering import to_pdf
from .storage import document_bytes, file_format
from .text import search_terms

logger = logging.getLogger(__name__)


def _read(engine: Engine, document_id: int, folder: str) -> tuple[str, bytes] | None:
    with Session(engine) as session:
        document = session.get(Document, document_id)
        if document is None or document.status != DocumentStatus.PENDING.value:
            return None
        return file_format(document), document_bytes(session, document, folder=folder)


def _finish(engine: Engine, document_id: int, extracted: Extracted | None, error: str) -> None:
    # IMMEDIATE on SQLite: this transaction writes, and must not fail on a racing writer.
    with Session(engine.execution_options(**{WRITE_OPTION: True})) as session:
        document = session.get(Document, document_id)
        if document is None:
            return
        if extracted is None:
            session.exec(delete(DocumentPage).where(DocumentPage.document_id == document_id))
            document.status, document.error = DocumentStatus.FAILED.value, error
        else:
            apply_extraction(session, document, extracted)
        session.add(document)
        session.commit()


def apply_extraction(session: Session, document: Document, extracted: Extracted) -> None:
    """Replace the document's pages with the extracted ones and mark it ready (no commit)."""
    session.exec(delete(DocumentPage).where(DocumentPage.document_id == document.id))
    session.add_all(
        DocumentPage(
            document_id=document.id,
            number=page.number,
            title=page.title,
            text=page.text,
            notes=page.notes,
            terms=search_terms(page.title, page.text, page.notes),
        )
        for page in extracted.pages
    )
    document.status, document.error = DocumentStatus.READY.value, ""
    document.page_count = len(extracted.pages)
    document.language = extracted.language
    document.slide_images = extracted.rendition is not None
    blob = session.get(DocumentBlob, document.id)
    if blob is not None:
        blob.rendition = extracted.rendition
        session.add(blob)
    session.add(document)


def slide_rendition(data: bytes, slides: int) -> bytes | None:
    """The PPTX as PDF for its slide images, kept only with one page per slide: LibreOffice
    leaves hidden slides out, and every later image would then show the wrong slide."""
    pdf = to_pdf(data)
    if pdf is None:
        return None
    try:
        pages = count_pages("pdf", pdf, max_pages=slides)
    except DocumentRefused:
        return None
    return pdf if pages == slides else None


def run_extraction(engine: Engine, document_id: int, *, folder: str = "", max_pages: int) -> None:
    """Extract a pending document's pages and mark it ready, or failed with the reason."""
    found = _read(engine, document_id, folder)
    if found is None:
        return
    kind, data = found
    try:
        extracted, error = extract(kind, data, max_pages=max_pages), ""
        if kind == "pptx":  # seconds of LibreOffice, here off the request path
            extracted = replace(extracted, rendition=slide_rendition(data, len(extracted.pages)))
    except DocumentRefused as refused:
        extracted, error = None, str(refused)
    except Exception:  # a file that crashes a parser is the file's fault, not a 500
        logger.exception("extraction of document %s failed", document_id)
        extracted, error = None, _("The file is damaged and cannot be read.")
    _finish(engine, document_id, extracted, error)
