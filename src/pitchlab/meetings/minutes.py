"""A meeting's record as plain data, for the IC memo and pack (issue 14, branch i14-docs).

    meeting_minutes(session, meeting, user) -> MeetingMinutes
    company_decisions(session, company_id, user) -> [ItemMinutes]   # newest meeting first

Built on meetings.views, so the same rule holds: votes (and the tally) only once revealed.
Field names are stable; add rather than rename.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, col, select

from ..models import AgendaItem, Meeting, User
from .views import ItemView, meeting_view


@dataclass(frozen=True)
class VoteMinutes:
    voter_name: str
    choice: str  # a VoteChoice value
    note: str


@dataclass(frozen=True)
class ItemMinutes:
    """One agenda item: who presented, the votes once revealed, the decision once made."""

    meeting_id: int
    meeting_title: str
    held_on: date
    item_id: int
    company_id: int
    company_name: str
    presenter_name: str
    votes_cast: int
    revealed: bool
    tally: dict[str, int]  # empty until revealed
    votes: list[VoteMinutes]  # empty until revealed
    decision: str  # "" until decided, else a VoteChoice value
    conditions: str  # Markdown
    minutes: str  # Markdown
    decided_at: datetime | None
    not_voting: list[str] = field(default_factory=list)  # attendees conflicted with the company


@dataclass(frozen=True)
class MeetingMinutes:
    id: int
    title: str
    held_on: date
    status: str  # "open" or "closed"
    chair_name: str
    attendees: list[str]
    items: list[ItemMinutes]
    corrections: list[tuple[str, datetime, str]]  # (author, when, Markdown), oldest first


def _item(meeting: Meeting, view: ItemView) -> ItemMinutes:
    item = view.item
    return ItemMinutes(
        meeting_id=meeting.id,
        meeting_title=meeting.title,
        held_on=meeting.held_on,
        item_id=item.id,
        company_id=view.company.id,
        company_name=view.company.name,
        presenter_name=view.presenter_name,
        votes_cast=view.votes_cast,
        revealed=view.revealed,
        tally=dict(view.tally),
        votes=[VoteMinutes(name, vote.choice, vote.note) for vote, name in view.votes],
        decision=item.decision,
        conditions=item.conditions,
        minutes=item.minutes,
        decided_at=item.decided_at,
        not_voting=list(view.conflicted_names),
    )


def meeting_minutes(session: Session, meeting: Meeting, user: User) -> MeetingMinutes:
    """The whole meeting's record as `user` may read it."""
    view = meeting_view(session, meeting, user)
    return MeetingMinutes(
        id=meeting.id,
        title=meeting.title,
        held_on=meeting.held_on,
        status=meeting.status,
        chair_name=view.chair_name,
        attendees=[person.display_name for person in view.attendees],
        items=[_item(meeting, entry) for entry in view.items],
        corrections=[(name, c.created_at, c.body) for c, name in view.corrections],
    )


def company_decisions(session: Session, company_id: int, user: User) -> list[ItemMinutes]:
    """Every decided agenda item of the company, newest meeting first (a memo's "votes and
    minutes once decided")."""
    meetings = session.exec(
        select(Meeting)
        .join(AgendaItem, col(AgendaItem.meeting_id) == Meeting.id)
        .where(AgendaItem.company_id == company_id, AgendaItem.decision != "")
        .order_by(col(Meeting.held_on).desc(), col(Meeting.id).desc())
    ).all()
    found = []
    for meeting in meetings:  # a company is decided at a handful of meetings at most
        view = meeting_view(session, meeting, user)
        found += [_item(meeting, entry) for entry in view.items if entry.company.id == company_id]
    return found
