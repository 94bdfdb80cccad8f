"""The meeting form: what it offers and how its submission reads (issue 14)."""

from datetime import date

from sqlmodel import Session, col, select

from ..models import Company, Meeting, MeetingAttendee, User
from ..permissions import Action, can
from ..web.forms import parse_number
from .agenda import agenda


def choices(session: Session) -> dict:
    """Active people (attendees), possible chairs, and the companies an agenda may hold."""
    people = session.exec(
        select(User).where(col(User.is_active).is_(True)).order_by(col(User.display_name))
    ).all()
    companies = session.exec(
        select(Company.id, Company.name)
        .where(col(Company.archived_at).is_(None))
        .order_by(col(Company.name_key))
    ).all()
    return {
        "people": people,
        "chairs": [
            person for person in people if can(person, Action.MEETING_CHAIR, owner_id=person.id)
        ],
        "companies": companies,
    }


def read_form(form) -> dict:
    """The submitted values as the form shows them again and the record functions take them."""
    held_on_text = str(form.get("held_on") or "").strip()
    try:
        held_on = date.fromisoformat(held_on_text) if held_on_text else None
    except ValueError:
        held_on = None
    return {
        "title": str(form.get("title") or ""),
        "held_on_text": held_on_text,
        "held_on": held_on,
        "chair_id": parse_number(form.get("chair_id")),
        "attendee_ids": [n for n in map(parse_number, form.getlist("attendees")) if n],
        "company_ids": [n for n in map(parse_number, form.getlist("companies")) if n],
    }


def meeting_values(session: Session, meeting: Meeting) -> dict:
    """An existing meeting's values, as read_form returns them."""
    attendees = session.exec(
        select(MeetingAttendee.user_id).where(MeetingAttendee.meeting_id == meeting.id)
    ).all()
    return {
        "title": meeting.title,
        "held_on_text": meeting.held_on.isoformat(),
        "held_on": meeting.held_on,
        "chair_id": meeting.chair_id,
        "attendee_ids": list(attendees),
        "company_ids": [item.company_id for item in agenda(session, meeting.id)],
    }
