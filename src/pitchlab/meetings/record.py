"""Changing a meeting's record: one set of functions for pages and the API (issue 14).

Every function refuses with MeetingRefused (a readable message, an HTTP status and, for bad
input, the field) instead of changing a closed meeting: after closing, the record only grows by
corrections. A decision moves the company along the pipeline by the companies.status rule and
goes on the company's timeline with it.
"""

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from ..companies.status import status_refusal
from ..deals.activity import note_status_change, record_activity
from ..models import (
    ActivityKind,
    AgendaItem,
    Company,
    Meeting,
    MeetingAttendee,
    MeetingCorrection,
    MeetingStatus,
    MeetingVote,
    PipelineStatus,
    User,
    VoteChoice,
    utcnow,
)
from ..models.meeting import MEETING_TITLE_MAX, MINUTES_MAX, VOTE_NOTE_MAX
from ..permissions import Action, can
from ..scoring.access import conflicted_user_ids
from ..web.i18n import gettext as _

# What the company's pipeline status becomes when the committee decides.
STATUS_AFTER = {
    VoteChoice.INVEST.value: PipelineStatus.INVESTED.value,
    VoteChoice.PASS.value: PipelineStatus.PASSED.value,
    VoteChoice.MORE_DILIGENCE.value: PipelineStatus.DILIGENCE.value,
}
CHOICES = tuple(choice.value for choice in VoteChoice)


class MeetingRefused(Exception):
    """Why a change to a meeting was refused: 403 not yours, 409 closed or revealed, 422 input."""

    def __init__(self, message: str, status_code: int = 422, field: str = ""):
        super().__init__(message)
        self.message, self.status_code, self.field = message, status_code, field


def _open(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.OPEN.value:
        raise MeetingRefused(
            _("This meeting is closed; its record can only be corrected."), 409, "meeting"
        )


def refuse_unless_chair(meeting: Meeting, user: User) -> None:
    if not can(user, Action.MEETING_CHAIR, owner_id=meeting.chair_id):
        raise MeetingRefused(_("Only the meeting's chair (or an admin) may do this."), 403)


def check_details(title: str, held_on: date | None) -> dict[str, str]:
    """Errors by field for a meeting's title and date."""
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the meeting a title.")
    elif len(title) > MEETING_TITLE_MAX:
        errors["title"] = _("A title has at most %(max)s characters.") % {"max": MEETING_TITLE_MAX}
    if held_on is None:
        errors["held_on"] = _("Enter a date such as 2026-12-31.")
    return errors


def _check_people(session: Session, chair_id: int | None, attendee_ids: Sequence[int]) -> None:
    wanted = {*attendee_ids, *([chair_id] if chair_id else [])}
    found = session.exec(select(User).where(col(User.id).in_(wanted or {0}))).all()
    active = {user.id: user for user in found if user.is_active}
    if set(attendee_ids) - set(active):
        raise MeetingRefused(_("Choose attendees from the list."), field="attendees")
    chair = active.get(chair_id) if chair_id else None
    if chair is None or not can(chair, Action.MEETING_CHAIR, owner_id=chair.id):
        raise MeetingRefused(_("The chair must be an active partner or admin."), field="chair_id")


def _companies(session: Session, company_ids: Sequence[int]) -> dict[int, Company]:
    found = session.exec(
        select(Company).where(
            col(Company.id).in_(company_ids or [0]), col(Company.archived_at).is_(None)
        )
    ).all()
    companies = {company.id: company for company in found}
    if set(company_ids) - set(companies):
        raise MeetingRefused(_("Choose companies from the list."), field="companies")
    return companies


def save_meeting(
    session: Session,
    meeting: Meeting | None,
    *,
    user: User,
    title: str,
    held_on: date | None,
    chair_id: int | None,
    attendee_ids: Sequence[int],
    company_ids: Sequence[int],
) -> Meeting:
    """Create a meeting (meeting None) or change an open one; the chair always attends."""
    if meeting is not None:
        _open(meeting)
    errors = check_details(title, held_on)
    if errors:
        field, message = next(iter(errors.items()))
        raise MeetingRefused(message, field=field)
    attendee_ids = list(dict.fromkeys([*attendee_ids, *([chair_id] if chair_id else [])]))
    _check_people(session, chair_id, attendee_ids)
    company_ids = list(dict.fromkeys(company_ids))
    companies = _companies(session, company_ids)
    if meeting is None:
        meeting = Meeting(created_by_id=user.id, title="", held_on=held_on)
    meeting.title, meeting.held_on, meeting.chair_id = title.strip(), held_on, chair_id
    session.add(meeting)
    session.flush()
    _set_attendees(session, meeting, attendee_ids)
    _set_agenda(session, meeting, company_ids, companies)
    session.commit()
    session.refresh(meeting)
    return meeting


def _set_attendees(session: Session, meeting: Meeting, user_ids: list[int]) -> None:
    current = session.exec(
        select(MeetingAttendee).where(MeetingAttendee.meeting_id == meeting.id)
    ).all()
    for attendee in current:
        if attendee.user_id not in user_ids:
            session.delete(attendee)
    have = {attendee.user_id for attendee in current}
    session.add_all(
        MeetingAttendee(meeting_id=meeting.id, user_id=user_id)
        for user_id in user_ids
        if user_id not in have
    )


def _set_agenda(
    session: Session, meeting: Meeting, company_ids: list[int], companies: dict[int, Company]
) -> None:
    """Keep the items (and their votes) of companies still on the agenda, in the new order; a
    new item's presenter is the company's deal owner."""
    items = {
        item.company_id: item
        for item in session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))
    }
    for company_id, item in items.items():
        if company_id not in company_ids:
            session.delete(item)
    session.flush()
    for position, company_id in enumerate(company_ids):
        item = items.get(company_id) or AgendaItem(
            meeting_id=meeting.id,
            company_id=company_id,
            presenter_id=companies[company_id].owner_id,
        )
        item.position = position
        session.add(item)


def agenda(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(
        session.exec(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(col(AgendaItem.position), col(AgendaItem.id))
        )
    )


def move_item(session: Session, meeting: Meeting, item: AgendaItem, step: int) -> None:
    """Swap an item with its neighbour above (step -1) or below (+1); at an end, nothing."""
    _open(meeting)
    items = agenda(session, meeting.id)
    at = next(index for index, found in enumerate(items) if found.id == item.id)
    other = at + (1 if step > 0 else -1)
    if not 0 <= other < len(items):
        return
    items[at], items[other] = items[other], items[at]
    for position, found in enumerate(items):
        found.position = position
        session.add(found)
    session.commit()


def is_attendee(session: Session, meeting: Meeting, user: User) -> bool:
    return (
        session.exec(
            select(MeetingAttendee.id).where(
                MeetingAttendee.meeting_id == meeting.id, MeetingAttendee.user_id == user.id
            )
        ).first()
        is not None
    )


def is_conflicted(session: Session, user: User, company_id: int) -> bool:
    return user.id in conflicted_user_ids(session, [company_id]).get(company_id, set())


def cast_vote(
    session: Session, meeting: Meeting, item: AgendaItem, *, user: User, choice: str, note: str
) -> MeetingVote:
    """Record (or change) an attendee's vote while the item's votes are still hidden."""
    conflicted = is_conflicted(session, user, item.company_id)
    if not can(user, Action.MEETING_VOTE, conflicted=conflicted):
        raise MeetingRefused(_("You may not vote on this company."), 403)
    if not is_attendee(session, meeting, user):
        raise MeetingRefused(_("Only the meeting's attendees vote."), 403)
    _open(meeting)
    if item.revealed_at is not None:
        raise MeetingRefused(_("The votes are revealed; they no longer change."), 409)
    if choice not in CHOICES:
        raise MeetingRefused(_("Choose one of the listed options."), field="choice")
    if len(note) > VOTE_NOTE_MAX:
        raise MeetingRefused(
            _("A note has at most %(max)s characters.") % {"max": VOTE_NOTE_MAX}, field="note"
        )
    vote = session.exec(
        select(MeetingVote).where(MeetingVote.item_id == item.id, MeetingVote.user_id == user.id)
    ).first() or MeetingVote(item_id=item.id, user_id=user.id, choice=choice)
    vote.choice, vote.note, vote.cast_at = choice, note.strip(), utcnow()
    session.add(vote)
    session.commit()
    session.refresh(vote)
    return vote


def reveal(session: Session, meeting: Meeting, item: AgendaItem, *, user: User) -> None:
    refuse_unless_chair(meeting, user)
    _open(meeting)
    if item.revealed_at is None:
        item.revealed_at = utcnow()
        session.add(item)
        session.commit()


def decide(
    session: Session,
    meeting: Meeting,
    item: AgendaItem,
    *,
    user: User,
    decision: str,
    conditions: str = "",
    minutes: str = "",
) -> None:
    """Record the committee's decision on an item; the company's status follows it."""
    refuse_unless_chair(meeting, user)
    _open(meeting)
    if decision not in CHOICES:
        raise MeetingRefused(_("Choose one of the listed options."), field="decision")
    for field, text in (("conditions", conditions), ("minutes", minutes)):
        if len(text) > MINUTES_MAX:
            raise MeetingRefused(
                _("This text has at most %(max)s characters.") % {"max": MINUTES_MAX}, field=field
            )
    company = session.get(Company, item.company_id)
    new_status = STATUS_AFTER[decision]
    refusal = status_refusal(user, new=new_status, current=company.status)
    if refusal:
        raise MeetingRefused(refusal, 403)
    item.decision, item.conditions, item.minutes = decision, conditions.strip(), minutes.strip()
    item.decided_by_id, item.decided_at = user.id, utcnow()
    old = company.status
    company.status, company.updated_at = new_status, utcnow()
    session.add_all([item, company])
    record_activity(
        session,
        company_id=company.id,
        kind=ActivityKind.IC_DECISION,
        actor_id=user.id,
        payload={"meeting_id": meeting.id, "title": meeting.title, "decision": decision},
        body=item.conditions,
    )
    session.commit()
    note_status_change(session, company_id=company.id, old=old, new=new_status, actor_id=user.id)


def close(session: Session, meeting: Meeting, *, user: User) -> None:
    refuse_unless_chair(meeting, user)
    _open(meeting)
    meeting.status, meeting.closed_at = MeetingStatus.CLOSED.value, utcnow()
    session.add(meeting)
    session.commit()


def add_correction(
    session: Session, meeting: Meeting, *, user: User, body: str, item: AgendaItem | None = None
) -> MeetingCorrection:
    """A visible correction to a closed meeting's record, on the company's timeline too."""
    if meeting.status != MeetingStatus.CLOSED.value:
        raise MeetingRefused(_("An open meeting is edited, not corrected."), 409)
    body = body.strip()
    if not body:
        raise MeetingRefused(_("Write the correction."), field="body")
    if len(body) > MINUTES_MAX:
        raise MeetingRefused(
            _("This text has at most %(max)s characters.") % {"max": MINUTES_MAX}, field="body"
        )
    correction = MeetingCorrection(
        meeting_id=meeting.id, item_id=item.id if item else None, author_id=user.id, body=body
    )
    session.add(correction)
    if item is not None:
        record_activity(
            session,
            company_id=item.company_id,
            kind=ActivityKind.IC_CORRECTION,
            actor_id=user.id,
            payload={"meeting_id": meeting.id, "title": meeting.title},
            body=body,
        )
    session.commit()
    session.refresh(correction)
    return correction
