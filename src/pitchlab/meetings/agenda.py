"""A meeting's details, attendees and agenda: created, changed while open, reordered (issue 14).

The chair always attends; an agenda item keeps its votes while its company stays on the agenda,
and a new item's presenter is the company's deal owner.
"""

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from ..models import AgendaItem, Company, Meeting, MeetingAttendee, User
from ..models.meeting import MEETING_TITLE_MAX
from ..permissions import Action, can
from ..web.i18n import gettext as _
from .record import MeetingRefused, ensure_open


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
        ensure_open(meeting)
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
    ensure_open(meeting)
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
