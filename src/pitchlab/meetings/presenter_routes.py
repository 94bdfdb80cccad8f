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


def _votes_panel(
    request,
    session,
    user,
    meeting,
    item,
    *,
    errors=None,
    values=None,
    status_code=200,
    part="_votes",
):
    view = meeting_view(session, meeting, user)
    context = {"view": view, "current": view.item(item.id), "choices": CHOICES}
    context.update(errors=errors or {}, values=values or {})
    return render(request, f"meetings/{part}.html", context, status_code=status_code)


def _after(request, session, user, meeting, item, *, errors=None, values=None, status_code=200):
    """The votes panel for htmx, else back to the presenter view."""
    if is_htmx_partial(request) or errors:
        return _votes_panel(
            request,
            session,
            user,
            meeting,
            item,
            errors=errors,
            values=values,
            status_code=status_code,
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
        "values": {},
    }
    return render(request, "meetings/presenter.html", context)


@router.get("/votes")
def votes_panel(
    request: Request, session: SessionDep, user: UserDep, meeting: MeetingDep, item: ItemDep
):
    """How many votes are cast (or, once revealed, the tally): the presenter view reloads it."""
    return _votes_panel(request, session, user, meeting, item, part="_votes_count")


def _changed(request, session, user, meeting, item, change, values=None):
    """Make a change, then show the votes panel; bad input comes back beside its field, with
    what was typed (`values`)."""
    try:
        change()
    except MeetingRefused as error:
        if error.status_code != 422:
            raise refused(error) from error
        session.rollback()
        errors = {error.field: error.message}
        return _after(
            request, session, user, meeting, item, errors=errors, values=values, status_code=422
        )
    return _after(request, session, user, meeting, item)


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
    choice, note = str(form.get("choice") or ""), str(form.get("note") or "")
    return _changed(
        request,
        session,
        user,
        meeting,
        item,
        lambda: cast_vote(session, meeting, item, user=user, choice=choice, note=note),
        {"choice": choice, "note": note},
    )


@router.post("/reveal")
def reveal_votes(
    request: Request, session: SessionDep, user: ChairDep, meeting: MeetingDep, item: ItemDep
):
    """The chair reveals the item's votes: the tally shows, and votes no longer change."""
    return _changed(
        request, session, user, meeting, item, lambda: reveal(session, meeting, item, user=user)
    )


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
    texts = {name: str(form.get(name) or "") for name in ("decision", "conditions", "minutes")}
    return _changed(
        request,
        session,
        user,
        meeting,
        item,
        lambda: decide(session, meeting, item, user=user, **texts),
        texts,
    )
