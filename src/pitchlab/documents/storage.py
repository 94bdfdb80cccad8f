"""Storing an upload as the next version of its kind, and reading its bytes back.

By default the bytes go into the `documentblob` table, so SQLite and PostgreSQL behave the
same with several workers and `pitchlab backup`/`restore` (or pg_dump) carry the files. With
PITCHLAB_DOCUMENT_DIR set they go to that folder instead, named by their SHA-256; then that
folder must be backed up beside the database.
"""

import hashlib
import os
from pathlib import Path

from sqlalchemy import case
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from ..models import Document, DocumentBlob, DocumentKind, User, utcnow
from .limits import UploadFormat


def next_version(session: Session, company_id: int, kind: str) -> int:
    latest = session.exec(
        select(func.max(Document.version)).where(
            Document.company_id == company_id, Document.kind == kind
        )
    ).one()
    return (latest or 0) + 1


def _write_file(folder: str, digest: str, data: bytes) -> str:
    target = Path(folder) / digest[:2] / digest
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        os.replace(partial, target)  # a crash leaves a .part file, never a half file
    return str(target.relative_to(folder))


def store_document(
    session: Session,
    *,
    company_id: int,
    kind: str,
    filename: str,
    data: bytes,
    found: UploadFormat,
    page_count: int,
    user: User,
    folder: str = "",
) -> Document:
    """Add the upload as a pending document (the next version of its kind) and commit."""
    kind = DocumentKind(kind).value
    digest = hashlib.sha256(data).hexdigest()
    path = _write_file(folder, digest, data) if folder else None
    for _attempt in range(3):  # two uploads of one kind at once: the loser takes the next
        document = Document(
            company_id=company_id,
            kind=kind,
            version=next_version(session, company_id, kind),
            filename=filename,
            content_type=found.content_type,
            sha256=digest,
            size=len(data),
            page_count=page_count,
            uploaded_by_id=user.id,
        )
        session.add(document)
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            continue
        session.add(DocumentBlob(document_id=document.id, data=None if path else data, path=path))
        session.commit()
        session.refresh(document)
        return document
    raise RuntimeError("could not number the document version")


def document_bytes(session: Session, document: Document, *, folder: str = "") -> bytes:
    blob = session.get(DocumentBlob, document.id)
    if blob is None:
        return b""
    if blob.data is not None:
        return blob.data
    return (Path(folder) / (blob.path or "")).read_bytes()


def file_format(document: Document) -> str:
    return "pdf" if document.content_type == "application/pdf" else "pptx"


def company_documents(session: Session, company_id: int, *, archived: bool = False):
    """The company's documents, newest version first within each kind."""
    archived_filter = (
        col(Document.archived_at).is_not(None) if archived else col(Document.archived_at).is_(None)
    )
    return session.exec(
        select(Document)
        .where(Document.company_id == company_id, archived_filter)
        .order_by(Document.kind, col(Document.version).desc())
    ).all()


def current_decks(session: Session, company_ids: list[int]) -> dict[int, Document]:
    """Each company's newest readable pitch deck (or, lacking one, its newest ready document),
    in one statement whatever the number of companies."""
    rows = session.exec(
        select(Document)
        .where(
            col(Document.company_id).in_(company_ids),
            col(Document.archived_at).is_(None),
            Document.status == "ready",
        )
        .order_by(
            case((col(Document.kind) == DocumentKind.DECK.value, 0), else_=1),
            col(Document.id).desc(),
        )
    ).all()
    decks: dict[int, Document] = {}
    for document in rows:
        decks.setdefault(document.company_id, document)
    return decks


def current_deck(session: Session, company_id: int) -> Document | None:
    """The company's current deck (see current_decks)."""
    return current_decks(session, [company_id]).get(company_id)


def set_archived(session: Session, document: Document, *, by: User, archived: bool) -> None:
    document.archived_at = utcnow() if archived else None
    document.archived_by_id = by.id if archived else None
    session.add(document)
    session.commit()
