"""Company documents (pitch decks and the like): every upload a version, its bytes, its pages.

Issue 12. A document row is one version of one kind of file for a company; a new upload of the
same kind adds a row with the next version, so citations of an older version keep working.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow

EXTRACTION_STALE_S = 600


class DocumentKind(StrEnum):
    DECK = "deck"
    ONE_PAGER = "one-pager"
    FINANCIALS = "financials"
    MEMO = "memo"
    OTHER = "other"


class DocumentStatus(StrEnum):
    PENDING = "pending"  # uploaded; text extraction runs in the background
    READY = "ready"
    FAILED = "failed"  # `error` says why; the file stays for the record


class Document(SQLModel, table=True):
    """One uploaded version of a company's document, and what became of its extraction."""

    __table_args__ = (UniqueConstraint("company_id", "kind", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True, ondelete="CASCADE")
    kind: str = Field(default=DocumentKind.DECK.value, max_length=20)
    version: int = 1
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=100)
    sha256: str = Field(max_length=64)
    size: int = 0
    page_count: int = 0
    status: str = Field(default=DocumentStatus.PENDING.value, max_length=10)
    error: str = ""
    # "en" or "zh": guessed from the extracted text; the founders' questions use it.
    language: str = Field(default="en", max_length=10)
    # A PPTX that LibreOffice turned into a PDF (documentblob.rendition): its slides have images.
    slide_images: bool = False
    uploaded_by_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    uploaded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    archived_by_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")

    @property
    def extraction_interrupted(self) -> bool:
        """Pending for longer than any extraction takes: the process died during it (its one
        transaction never committed, so there are no pages); uploading again starts anew."""
        return (
            self.status == DocumentStatus.PENDING.value
            and (utcnow() - self.uploaded_at).total_seconds() > EXTRACTION_STALE_S
        )


class DocumentBlob(SQLModel, table=True):
    """The file's bytes, in the database so backups carry them; or, when a storage directory
    is configured, the name of the file there (`path`) and no bytes."""

    document_id: int = Field(foreign_key="document.id", primary_key=True, ondelete="CASCADE")
    data: bytes | None = Field(default=None, sa_type=LargeBinary)
    path: str | None = Field(default=None, max_length=300)
    # A PPTX's slides as PDF, made by LibreOffice when installed; page images render from it.
    rendition: bytes | None = Field(default=None, sa_type=LargeBinary)


class DocumentPage(SQLModel, table=True):
    """The text of one page (PDF) or slide (PPTX, with its speaker notes)."""

    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True, ondelete="CASCADE")
    number: int
    title: str = ""
    text: str = ""
    notes: str = ""
    # The words of title, text and notes, Chinese segmented (jieba), lower-cased and
    # space-separated: what the full-text index (FTS5 / tsvector, migration 0005) reads.
    terms: str = ""
