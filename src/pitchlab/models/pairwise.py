"""Head-to-head ranking of finalists (issue 14): sessions, their finalists, judgements."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow

TITLE_MAX = 200


class PairwiseStatus(StrEnum):
    OPEN = "open"  # judgements are taken
    CLOSED = "closed"  # the ranking stands; no more judgements


class PairwiseSession(SQLModel, table=True):
    """A set of finalists that partners compare two at a time."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=TITLE_MAX)
    status: str = Field(default=PairwiseStatus.OPEN, max_length=10)
    created_by_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class PairwiseFinalist(SQLModel, table=True):
    """One company of a session, in the order it was picked."""

    __table_args__ = (UniqueConstraint("session_id", "company_id"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="pairwisesession.id", index=True, ondelete="CASCADE")
    company_id: int = Field(foreign_key="company.id", index=True, ondelete="CASCADE")
    position: int


class PairwiseJudgement(SQLModel, table=True):
    """One judge's answer on one pair: A preferred, B preferred or "can't tell" ("tie").

    The pair is stored with the smaller company id as A, so a judge judges a pair once."""

    __table_args__ = (UniqueConstraint("session_id", "judge_id", "company_a_id", "company_b_id"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="pairwisesession.id", index=True, ondelete="CASCADE")
    judge_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    company_a_id: int = Field(foreign_key="company.id", ondelete="CASCADE")
    company_b_id: int = Field(foreign_key="company.id", ondelete="CASCADE")
    outcome: str = Field(max_length=3)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
