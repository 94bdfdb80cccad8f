"""Per-company worksheets (issue 16): the current state of each kind, every saved revision,
and the admin's marks that a new model shipped (which flag every stress test for review)."""

from datetime import date, datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow


class Worksheet(SQLModel, table=True):
    """One company's worksheet of one kind; `data` is its fields as canonical text."""

    __table_args__ = (UniqueConstraint("company_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=40)
    data: dict = Field(default_factory=dict, sa_type=JSON)
    revision: int = 0
    updated_by_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class WorksheetRevision(SQLModel, table=True):
    """One saved state of a worksheet; never edited, only added (cited as worksheet:KIND@REV)."""

    __table_args__ = (UniqueConstraint("worksheet_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    worksheet_id: int = Field(foreign_key="worksheet.id", index=True, ondelete="CASCADE")
    number: int
    data: dict = Field(default_factory=dict, sa_type=JSON)
    author_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ModelRelease(SQLModel, table=True):
    """An admin's mark that a new base model shipped: stress tests saved before it need review."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    shipped_on: date
    created_by_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
