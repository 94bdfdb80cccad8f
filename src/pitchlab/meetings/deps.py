"""Load-or-404 for the meeting and agenda item in the URL, written once."""

from typing import Annotated

from fastapi import Depends, HTTPException

from ..auth.deps import UserDep
from ..db import RowId, SessionDep
from ..models import AgendaItem, Meeting, User
from ..permissions import Action, can
from ..web.i18n import gettext as _
from .record import MeetingRefused, is_attendee, is_conflicted, refuse_unless_chair


def get_meeting(meeting_id: RowId, session: SessionDep) -> Meeting:
    """The meeting named by the path, or a 404."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise HTTPException(status_code=404, detail=_("No meeting with this id."))
    return meeting


MeetingDep = Annotated[Meeting, Depends(get_meeting)]


def get_item(meeting: MeetingDep, item_id: RowId, session: SessionDep) -> AgendaItem:
    """The agenda item named by the path, on that meeting's agenda, or a 404."""
    item = session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting.id:
        raise HTTPException(status_code=404, detail=_("No agenda item with this id here."))
    return item


ItemDep = Annotated[AgendaItem, Depends(get_item)]


def chair(meeting: MeetingDep, user: UserDep) -> User:
    """The caller, when they chair the meeting (or are an admin); else 403. A dependency, so
    that the API refuses before it reads a body."""
    try:
        refuse_unless_chair(meeting, user)
    except MeetingRefused as error:
        raise HTTPException(error.status_code, error.message) from error
    return user


ChairDep = Annotated[User, Depends(chair)]


def voter(meeting: MeetingDep, item: ItemDep, session: SessionDep, user: UserDep) -> User:
    """The caller, when they may vote on the item: an attendee whose role votes, with no
    conflict of interest with the company; else 403."""
    conflicted = is_conflicted(session, user, item.company_id)
    if not can(user, Action.MEETING_VOTE, conflicted=conflicted):
        raise HTTPException(403, _("You may not vote on this company."))
    if not is_attendee(session, meeting, user):
        raise HTTPException(403, _("Only the meeting's attendees vote."))
    return user


VoterDep = Annotated[User, Depends(voter)]
