"""The presenter view of one agenda item and its votes panel: my vote, the chair's reveal and
the decision (issue 14)."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from ..auth.deps import UserDep, require
from ..db import SessionDep
from ..dossier import company_dossier
from ..permissions import Action
from ..web.forms import FormDep
from ..web.templating import is_htmx_partial, render
from .deps import ChairDep, ItemDep, MeetingDep, VoterDep
from .record import CHOICES, MeetingRefused, cast_vote, decide, reveal
from .routes import refused
from .views import meeting_view

router = APIRouter(
    prefix="/meetings/{meeting_id}/items/{item_id}",
    tags=["pages"],
    include_in_schema=False,
    dependencies=[Depends(require(Action.READ))],
)


def _votes_panel(request, session, user, meeting, item, *, errors=None, status_code=200):
    view = meeting_view(session, meeting, user)
    context = {"view": view, "current": view.item(item.id), "choices": CHOICES}
    context["errors"] = errors or {}
    return render(request, "meetings/_votes.html", context, status_code=status_code)


def _after(request, session, user, meeting, item, *, errors=None, status_code=200):
    """The votes panel for htmx, else back to the presenter view."""
    if is_htmx_partial(request) or errors:
        return _votes_panel(
            request, session, user, meeting, item, errors=errors, status_code=status_code
        )
    return RedirectResponse(f"/meetings/{meeting.id}/items/{item.id}#votes", status_code=303)


@router.get("")
def presenter_view(
    request: Request, session: SessionDep, user: UserDep, meeting: MeetingDep, item: ItemDep
):
    """One screen per company for a laptop or a projector: the dossier and the votes."""
    view = meeting_view(session, meeting, user)
    current = view.item(item.id)
    position = view.items.index(current)
    context = {
        "view": view,
        "current": current,
        "previous": view.items[position - 1] if position > 0 else None,
        "next": view.items[position + 1] if position + 1 < len(view.items) else None,
        "dossier": company_dossier(session, user, item.company_id),
        "choices": CHOICES,
        "errors": {},
    }
    return render(request, "meetings/presenter.html", context)


@router.get("/votes")
def votes_panel(
    request: Request, session: SessionDep, user: UserDep, meeting: MeetingDep, item: ItemDep
):
    """The votes panel alone, which the presenter view reloads to show new votes' count."""
    return _votes_panel(request, session, user, meeting, item)


@router.post("/vote")
def vote(
    form: FormDep,
    request: Request,
    session: SessionDep,
    user: VoterDep,
    meeting: MeetingDep,
    item: ItemDep,
):
    """Cast or change my vote while the votes are hidden."""
    try:
        cast_vote(
            session,
            meeting,
            item,
            user=user,
            choice=str(form.get("choice") or ""),
            note=str(form.get("note") or ""),
        )
    except MeetingRefused as error:
        if error.status_code != 422:
            raise refused(error) from error
        errors = {error.field: error.message}
        return _after(request, session, user, meeting, item, errors=errors, status_code=422)
    return _after(request, session, user, meeting, item)


@router.post("/reveal")
def reveal_votes(
    request: Request, session: SessionDep, user: ChairDep, meeting: MeetingDep, item: ItemDep
):
    """The chair reveals the item's votes: the tally shows, and votes no longer change."""
    try:
        reveal(session, meeting, item, user=user)
    except MeetingRefused as error:
        raise refused(error) from error
    return _after(request, session, user, meeting, item)


@router.post("/decision")
def record_decision(
    form: FormDep,
    request: Request,
    session: SessionDep,
    user: ChairDep,
    meeting: MeetingDep,
    item: ItemDep,
):
    """The chair records the decision, conditions and minutes; the company's status follows."""
    try:
        decide(
            session,
            meeting,
            item,
            user=user,
            decision=str(form.get("decision") or ""),
            conditions=str(form.get("conditions") or ""),
            minutes=str(form.get("minutes") or ""),
        )
    except MeetingRefused as error:
        if error.status_code != 422:
            raise refused(error) from error
        session.rollback()
        errors = {error.field: error.message}
        return _after(request, session, user, meeting, item, errors=errors, status_code=422)
    return _after(request, session, user, meeting, item)
