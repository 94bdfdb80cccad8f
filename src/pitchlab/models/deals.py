"""The deal workflow (issue 13): assignments, the activity timeline, notifications, saved views."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow

COMMENT_MAX = 10_000
VIEW_NAME_MAX = 80
VIEW_QUERY_MAX = 2000


class ActivityKind(StrEnum):
    """What a timeline entry records; `record_activity` accepts these kinds."""

    COMMENT = "comment"
    STATUS = "status"
    ASSIGNMENT = "assignment"
    SUBMISSION = "submission"
    PRFAQ_REVISION = "prfaq_revision"
    DOCUMENT = "document"
    DEAL = "deal"
    IC_DECISION = "ic_decision"
    IC_CORRECTION = "ic_correction"


# Entries about scoring: hidden from a user conflicted with the company.
SCORE_RELATED_KINDS = frozenset({ActivityKind.ASSIGNMENT.value, ActivityKind.SUBMISSION.value})


class Assignment(SQLModel, table=True):
    """An evaluator asked to score a company with a rubric pack, by a due date."""

    __table_args__ = (UniqueConstraint("company_id", "user_id", "pack_id"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    pack_id: int = Field(foreign_key="rubricpack.id", index=True, ondelete="CASCADE")
    due_date: date | None = None
    assigned_by_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    # Set when the assignee submits the scorecard (or the API marks it done).
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Activity(SQLModel, table=True):
    """One entry of a company's timeline; a comment is an entry whose body its author wrote."""

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=30, index=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    payload: dict = Field(default_factory=dict, sa_type=JSON)
    body: str = Field(default="", max_length=COMMENT_MAX)
    edited_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deleted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class Notification(SQLModel, table=True):
    """Something a user should look at (an @mention, an assignment); unread until opened."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    activity_id: int = Field(foreign_key="activity.id", index=True, ondelete="CASCADE")
    reason: str = Field(max_length=30)
    read_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SavedView(SQLModel, table=True):
    """A named company-list query (filters, sort, columns) of one user, optionally shared."""

    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=VIEW_NAME_MAX)
    query: str = Field(default="", max_length=VIEW_QUERY_MAX)
    shared: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
