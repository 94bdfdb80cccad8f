"""PR/FAQ templates, drafts and every saved revision of a draft."""

from datetime import datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow

TITLE_MAX = 200


class PrfaqTemplate(SQLModel, table=True):
    """A template version, stored as the validated document of its seed file."""

    __table_args__ = (UniqueConstraint("key", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=80)
    version: int = 1
    body: dict = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PrfaqDraft(SQLModel, table=True):
    """A PR/FAQ being written for a company; its text lives in revisions."""

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True, ondelete="CASCADE")
    template_id: int = Field(foreign_key="prfaqtemplate.id")
    title: str = Field(max_length=TITLE_MAX)
    language: str = Field(default="en", max_length=10)
    created_by_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    current_revision: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Archiving hides a draft instead of deleting it: scores cite its revisions.
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # No ON DELETE here, unlike created_by_id: SQLite adds a foreign key to an existing table
    # only inline, where SQLAlchemy cannot read ON DELETE back, so the schema check would
    # differ. pitchlab deactivates users and never deletes them.
    archived_by_id: int | None = Field(default=None, foreign_key="user.id")


class PrfaqRevision(SQLModel, table=True):
    """One saved state of a draft; revisions are never edited, only added."""

    __table_args__ = (UniqueConstraint("draft_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="prfaqdraft.id", index=True, ondelete="CASCADE")
    number: int
    sections: dict = Field(default_factory=dict, sa_type=JSON)
    faqs: dict = Field(default_factory=dict, sa_type=JSON)
    author_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
