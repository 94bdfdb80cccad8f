"""What meeting pages and the API show, each in a fixed number of statements (issue 14).

Hidden votes never leave this module: before the chair reveals an item's votes, a reader gets
their count and their own vote only; `tally` and `votes` stay empty.
"""

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, or_, select

from ..models import (
    AgendaItem,
    Company,
    Meeting,
    MeetingAttendee,
    MeetingCorrection,
    MeetingStatus,
    MeetingVote,
    User,
)
from ..permissions import Action, can
from ..scoring.access import conflicted_user_ids
from .record import CHOICES


@dataclass
class ItemView:
    item: AgendaItem
    company: Company
    presenter_name: str
    votes_cast: int = 0
    my_vote: MeetingVote | None = None
    tally: dict[str, int] = field(default_factory=dict)  # only once revealed
    votes: list[tuple[MeetingVote, str]] = field(default_factory=list)  # once revealed
    conflicted_names: list[str] = field(default_factory=list)  # attendees who do not vote
    i_am_conflicted: bool = False
    may_vote: bool = False

    @property
    def revealed(self) -> bool:
        return self.item.revealed_at is not None


@dataclass
class MeetingView:
    meeting: Meeting
    chair_name: str
    attendees: list[User]
    items: list[ItemView]
    corrections: list[tuple[MeetingCorrection, str]]
    is_chair: bool
    may_edit: bool

    @property
    def closed(self) -> bool:
        return self.meeting.status == MeetingStatus.CLOSED.value

    def item(self, item_id: int) -> ItemView | None:
        return next((view for view in self.items if view.item.id == item_id), None)

    def company_ids(self) -> list[int]:
        return [view.company.id for view in self.items]


def meeting_list(session: Session) -> list[tuple[Meeting, int]]:
    """Every meeting, newest first, with its number of agenda items."""
    counts = (
        select(AgendaItem.meeting_id, func.count(AgendaItem.id).label("n_items"))
        .group_by(AgendaItem.meeting_id)
        .subquery()
    )
    rows = session.exec(
        select(Meeting, counts.c.n_items)
        .outerjoin(counts, counts.c.meeting_id == Meeting.id)
        .order_by(col(Meeting.held_on).desc(), col(Meeting.id).desc())
    ).all()
    return [(meeting, items or 0) for meeting, items in rows]


def meeting_view(session: Session, meeting: Meeting, user: User) -> MeetingView:
    """The meeting as `user` may see it: six statements whatever its size."""
    attendees = list(
        session.exec(
            select(User)
            .join(MeetingAttendee, col(MeetingAttendee.user_id) == User.id)
            .where(MeetingAttendee.meeting_id == meeting.id)
            .order_by(col(User.display_name))
        )
    )
    rows = session.exec(
        select(AgendaItem, Company)
        .join(Company, col(Company.id) == AgendaItem.company_id)
        .where(AgendaItem.meeting_id == meeting.id)
        .order_by(col(AgendaItem.position), col(AgendaItem.id))
    ).all()
    people = {person.id: person.display_name for person in attendees}
    wanted = ({item.presenter_id for item, _ in rows} | {meeting.chair_id}) - set(people)
    wanted.discard(None)
    if wanted:
        people |= dict(
            session.exec(select(User.id, User.display_name).where(col(User.id).in_(wanted))).all()
        )
    conflicts = conflicted_user_ids(session, [company.id for _, company in rows])
    attending = {person.id for person in attendees}
    items = [
        ItemView(
            item=item,
            company=company,
            presenter_name=people.get(item.presenter_id, ""),
            conflicted_names=sorted(
                people[uid] for uid in conflicts.get(company.id, set()) & attending
            ),
            i_am_conflicted=user.id in conflicts.get(company.id, set()),
        )
        for item, company in rows
    ]
    for view in items:
        view.may_vote = (
            meeting.status == MeetingStatus.OPEN.value
            and not view.revealed
            and user.id in attending
            and can(user, Action.MEETING_VOTE, conflicted=view.i_am_conflicted)
        )
    _add_votes(session, items, user)
    corrections = session.exec(
        select(MeetingCorrection, User.display_name)
        .outerjoin(User, col(User.id) == MeetingCorrection.author_id)
        .where(MeetingCorrection.meeting_id == meeting.id)
        .order_by(col(MeetingCorrection.created_at), col(MeetingCorrection.id))
    ).all()
    return MeetingView(
        meeting=meeting,
        chair_name=people.get(meeting.chair_id, ""),
        attendees=attendees,
        items=items,
        corrections=[(correction, name or "") for correction, name in corrections],
        is_chair=can(user, Action.MEETING_CHAIR, owner_id=meeting.chair_id),
        may_edit=meeting.status == MeetingStatus.OPEN.value and can(user, Action.MEETING_EDIT),
    )


def _add_votes(session: Session, items: list[ItemView], user: User) -> None:
    """Counts for every item; the votes themselves only of revealed items, and one's own."""
    if not items:
        return
    by_id = {view.item.id: view for view in items}
    counts = session.exec(
        select(MeetingVote.item_id, func.count(MeetingVote.id))
        .where(col(MeetingVote.item_id).in_(list(by_id)))
        .group_by(MeetingVote.item_id)
    ).all()
    for item_id, count in counts:
        by_id[item_id].votes_cast = count
    revealed = [item_id for item_id, view in by_id.items() if view.revealed]
    # Hidden votes are not even read, except the reader's own.
    rows = session.exec(
        select(MeetingVote, User.display_name)
        .join(User, col(User.id) == MeetingVote.user_id)
        .where(
            col(MeetingVote.item_id).in_(list(by_id)),
            or_(col(MeetingVote.item_id).in_(revealed or [0]), MeetingVote.user_id == user.id),
        )
        .order_by(col(User.display_name))
    ).all()
    for vote, name in rows:
        view = by_id[vote.item_id]
        if vote.user_id == user.id:
            view.my_vote = vote
        if view.revealed:
            view.votes.append((vote, name))
    for view in items:
        if view.revealed:
            found = Counter(vote.choice for vote, _ in view.votes)
            view.tally = {choice: found.get(choice, 0) for choice in CHOICES}
