"""What the document pages show: a company's documents, one document's pages, page images."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from ..config import Settings
from ..models import Document, DocumentBlob, DocumentPage, DocumentStatus, User
from .rendering import SIZES, cache_folder, cached_image, render_page, store_image
from .storage import document_bytes, file_format


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    uploader: str


def company_document_rows(session: Session, company_id: int) -> list[DocumentRow]:
    """Every document of the company (archived last), newest version first in each kind."""
    rows = session.exec(
        select(Document, User.display_name)
        .join(User, col(User.id) == Document.uploaded_by_id, isouter=True)
        .where(Document.company_id == company_id)
        .order_by(
            col(Document.archived_at).is_not(None),
            Document.kind,
            col(Document.version).desc(),
        )
    ).all()
    return [DocumentRow(document, name or "—") for document, name in rows]


def document_pages(session: Session, document_id: int) -> list[DocumentPage]:
    return session.exec(
        select(DocumentPage)
        .where(DocumentPage.document_id == document_id)
        .order_by(DocumentPage.number)
    ).all()


def has_images(document: Document) -> bool:
    """PDF pages, and PPTX slides that LibreOffice turned into PDF, have images."""
    drawn = file_format(document) == "pdf" or document.slide_images
    return drawn and document.status == DocumentStatus.READY.value


def _pdf_bytes(session: Session, document: Document, folder: str) -> bytes:
    """The PDF the page images come from: the file itself, or a PPTX's rendition."""
    if file_format(document) == "pdf":
        return document_bytes(session, document, folder=folder)
    blob = session.get(DocumentBlob, document.id)
    return (blob.rendition if blob else None) or b""


def page_image(
    session: Session, document: Document, number: int, size: str, settings: Settings
) -> bytes | None:
    """The page as PNG from the cache, rendered and cached on first use; None if no image."""
    if not has_images(document) or not 1 <= number <= document.page_count or size not in SIZES:
        return None
    path = cached_image(cache_folder(settings.page_cache_dir), document.sha256, number, size)
    if path.exists():
        return path.read_bytes()
    image = render_page(_pdf_bytes(session, document, settings.document_dir), number, SIZES[size])
    store_image(path, image)
    return image


LABEL_WORDS = 8


def page_label(page: DocumentPage | None, number: int) -> str:
    """A citation's label: the page's first words (its title, usually)."""
    text = " ".join(((page.title or page.text) if page else "").split())
    if not text:
        return f"p{number}"
    if " " not in text[:40]:  # Chinese: characters, not words
        return text[:24]
    return " ".join(text.split()[:LABEL_WORDS]).replace("|", "/")
