"""Taking an upload in: every quick check, then the stored pending document (issue 12)."""

from sqlmodel import Session

from ..config import Settings
from ..models import Document, DocumentKind, User
from ..web.i18n import gettext as _
from .extraction import count_pages
from .limits import DocumentRefused, check_upload
from .storage import store_document


def accept_upload(
    session: Session,
    *,
    company_id: int,
    kind: str,
    filename: str,
    data: bytes,
    user: User,
    settings: Settings,
) -> Document:
    """Store the file as the next version of its kind, or raise DocumentRefused (nothing stored)."""
    kind = (kind or DocumentKind.DECK.value).strip()
    if kind not in set(DocumentKind):
        raise DocumentRefused(_("Choose one of the listed kinds of document."))
    filename = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    found = check_upload(filename, data, max_bytes=settings.document_max_bytes)
    pages = count_pages(found.kind, data, max_pages=settings.document_max_pages)
    return store_document(
        session,
        company_id=company_id,
        kind=kind,
        filename=filename,
        data=data,
        found=found,
        page_count=pages,
        user=user,
        folder=settings.document_dir,
    )
