"""Meeting pages (issue 14): the list, the create and edit form, the meeting's page, the agenda's
order, closing, and corrections after closing."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from ..auth.deps import UserDep, allowed, require
from ..db import SessionDep
from ..models import Meeting
from ..permissions import Action
from ..web.forms import FormDep, parse_number
from ..web.i18n import gettext as _
from ..web.templating import is_htmx_partial, render
from .agenda import move_item, save_meeting
from .deps import ChairDep, ItemDep, MeetingDep
from .forms import choices, meeting_values, read_form
from .record import MeetingRefused, add_correction, close
from .views import meeting_list, meeting_view

router = APIRouter(
    prefix="/meetings",
    tags=["pages"],
    include_in_schema=False,
    dependencies=[Depends(require(Action.READ))],
)
CreatorDep = allowed(Action.MEETING_CREATE)
EditorDep = allowed(Action.MEETING_EDIT)
CorrectorDep = allowed(Action.MEETING_CORRECT)


def refused(error: MeetingRefused) -> HTTPException:
    return HTTPException(error.status_code, error.message)


def _form(request, session, *, meeting: Meeting | None, values: dict, errors=None, status_code=200):
    context = {"meeting": meeting, "values": values, "errors": errors or {}, **choices(session)}
    return render(
        request,
        "meetings/form.html",
        context,
        partial="meetings/_form.html",
        status_code=status_code,
    )


@router.get("")
def meetings_page(request: Request, session: SessionDep, _user: UserDep):
    """Every IC meeting, newest first."""
    return render(request, "meetings/list.html", {"meetings": meeting_list(session)})


@router.get("/new")
def new_meeting_page(request: Request, session: SessionDep, user: CreatorDep):
    """The form for a new meeting; the creator chairs it unless they choose someone else."""
    values = {"title": "", "held_on_text": "", "chair_id": user.id, "attendee_ids": [user.id]}
    return _form(request, session, meeting=None, values={**values, "company_ids": []})


@router.post("")
def create_meeting(form: FormDep, request: Request, session: SessionDep, user: CreatorDep):
    """Create a meeting with its attendees and agenda."""
    values = read_form(form)
    return _save(request, session, user, None, values)


def _save(request, session, user, meeting, values):
    try:
        saved = save_meeting(
            session,
            meeting,
            user=user,
            title=values["title"],
            held_on=values["held_on"],
            chair_id=values["chair_id"],
            attendee_ids=values["attendee_ids"],
            company_ids=values["company_ids"],
        )
    except MeetingRefused as error:
        if error.status_code != 422:
            raise refused(error) from error
        session.rollback()
        errors = {error.field: error.message}
        return _form(
            request, session, meeting=meeting, values=values, errors=errors, status_code=422
        )
    if is_htmx_partial(request):
        # A 303 would be followed inside the XHR and the page swapped into the form.
        return Response(status_code=204, headers={"HX-Redirect": f"/meetings/{saved.id}"})
    return RedirectResponse(f"/meetings/{saved.id}", status_code=303)


@router.get("/{meeting_id}")
def meeting_page(request: Request, session: SessionDep, user: UserDep, meeting: MeetingDep):
    """The meeting: agenda, attendees, votes once revealed, decisions and corrections."""
    view = meeting_view(session, meeting, user)
    return render(request, "meetings/page.html", {"view": view})


@router.get("/{meeting_id}/edit")
def edit_meeting_page(request: Request, session: SessionDep, _user: EditorDep, meeting: MeetingDep):
    """The form for an open meeting's details, attendees and agenda."""
    if meeting.status != "open":
        raise HTTPException(409, _("This meeting is closed; its record can only be corrected."))
    return _form(request, session, meeting=meeting, values=meeting_values(session, meeting))


@router.post("/{meeting_id}")
def update_meeting(
    form: FormDep, request: Request, session: SessionDep, user: EditorDep, meeting: MeetingDep
):
    """Save an open meeting's details, attendees and agenda (kept in its order; companies
    added go last)."""
    values = read_form(form)
    chosen = values["company_ids"]
    current = [i for i in meeting_values(session, meeting)["company_ids"] if i in chosen]
    values["company_ids"] = current + [i for i in chosen if i not in current]
    return _save(request, session, user, meeting, values)


@router.post("/{meeting_id}/items/{item_id}/move")
def move_agenda_item(
    form: FormDep, session: SessionDep, _user: EditorDep, meeting: MeetingDep, item: ItemDep
):
    """Move an agenda item up or down by one."""
    step = -1 if form.get("direction") == "up" else 1
    try:
        move_item(session, meeting, item, step)
    except MeetingRefused as error:
        raise refused(error) from error
    return RedirectResponse(f"/meetings/{meeting.id}#agenda", status_code=303)


@router.post("/{meeting_id}/close")
def close_meeting(session: SessionDep, user: ChairDep, meeting: MeetingDep):
    """Close the meeting: from now on its record only grows by corrections."""
    try:
        close(session, meeting, user=user)
    except MeetingRefused as error:
        raise refused(error) from error
    return RedirectResponse(f"/meetings/{meeting.id}", status_code=303)


@router.post("/{meeting_id}/corrections")
def correct_meeting(
    form: FormDep,
    request: Request,
    session: SessionDep,
    user: CorrectorDep,
    meeting: MeetingDep,
):
    """Add a visible correction to a closed meeting's record."""
    view = meeting_view(session, meeting, user)
    item_id = parse_number(form.get("item_id"))
    item = view.item(item_id).item if item_id and view.item(item_id) else None
    body = str(form.get("body") or "")
    try:
        add_correction(session, meeting, user=user, body=body, item=item)
    except MeetingRefused as error:
        if error.status_code != 422:
            raise refused(error) from error
        context = {"view": view, "correction_error": error.message, "correction_body": body}
        return render(request, "meetings/page.html", context, status_code=422)
    return RedirectResponse(f"/meetings/{meeting.id}#corrections", status_code=303)
