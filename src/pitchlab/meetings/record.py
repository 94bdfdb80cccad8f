"""Changing a meeting's record: one set of functions for pages and the API (issue 14).

Every function refuses with MeetingRefused (a readable message, an HTTP status and, for bad
input, the field) instead of changing a closed meeting: after closing, the record only grows by
corrections. A decision moves the company along the pipeline by the companies.status rule and
goes on the company's timeline with it.
"""

from sqlmodel import Session, select

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
from ..models.meeting import MINUTES_MAX, VOTE_NOTE_MAX
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


def ensure_open(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.OPEN.value:
        raise MeetingRefused(
            _("This meeting is closed; its record can only be corrected."), 409, "meeting"
        )


def refuse_unless_chair(meeting: Meeting, user: User) -> None:
    if not can(user, Action.MEETING_CHAIR, owner_id=meeting.chair_id):
        raise MeetingRefused(_("Only the meeting's chair (or an admin) may do this."), 403)


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
    ensure_open(meeting)
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
    ensure_open(meeting)
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
    ensure_open(meeting)
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
    ensure_open(meeting)
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
