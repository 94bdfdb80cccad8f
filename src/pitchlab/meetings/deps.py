"""Load-or-404 for the meeting and agenda item in the URL, written once."""

from typing import Annotated

from fastapi import Depends, HTTPException

from ..db import RowId, SessionDep
from ..models import AgendaItem, Meeting
from ..web.i18n import gettext as _


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
