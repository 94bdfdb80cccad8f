"""Investment committee meetings (issue 14): an agenda of companies, hidden votes, decisions.

Nothing of a closed meeting changes: a correction is a new MeetingCorrection row, shown beside
what it corrects (meetings.record enforces it for pages and the API alike).
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow

MEETING_TITLE_MAX = 200
VOTE_NOTE_MAX = 2000
MINUTES_MAX = 20_000


class MeetingStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class VoteChoice(StrEnum):
    """What an attendee votes, and what the chair decides: the same three answers."""

    INVEST = "invest"
    PASS = "pass"
    MORE_DILIGENCE = "more-diligence"


class Meeting(SQLModel, table=True):
    """One IC meeting; its chair reveals votes, records decisions and closes it."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=MEETING_TITLE_MAX)
    held_on: date
    status: str = Field(default=MeetingStatus.OPEN.value, max_length=10, index=True)
    chair_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    created_by_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class MeetingAttendee(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")


class AgendaItem(SQLModel, table=True):
    """A company on a meeting's agenda, in order, with the vote's state and the decision."""

    __table_args__ = (UniqueConstraint("meeting_id", "company_id"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    company_id: int = Field(foreign_key="company.id", index=True, ondelete="CASCADE")
    position: int = 0
    presenter_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    revealed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision: str = Field(default="", max_length=20)  # a VoteChoice value once decided
    conditions: str = Field(default="", max_length=MINUTES_MAX)
    minutes: str = Field(default="", max_length=MINUTES_MAX)
    decided_by_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class MeetingVote(SQLModel, table=True):
    """One attendee's vote on one agenda item; hidden from everyone until the chair reveals."""

    __table_args__ = (UniqueConstraint("item_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="agendaitem.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    choice: str = Field(max_length=20)
    note: str = Field(default="", max_length=VOTE_NOTE_MAX)
    cast_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class MeetingCorrection(SQLModel, table=True):
    """A correction to a closed meeting's record: added, never edited."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    item_id: int | None = Field(default=None, foreign_key="agendaitem.id", ondelete="CASCADE")
    author_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    body: str = Field(max_length=MINUTES_MAX)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
