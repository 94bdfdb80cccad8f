"""Admin page of valuation anchors: the average pre-money deal per region, stage and currency."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse

from ..auth.deps import UserDep, require
from ..db import RowId, SessionDep
from ..models import ValuationAnchor
from ..permissions import Action
from ..web.forms import FormDep
from ..web.i18n import gettext as _
from ..web.templating import render
from .data import REGIONS, STAGES, list_anchors, parse_anchor, save_anchor

router = APIRouter(
    prefix="/admin/anchors",
    include_in_schema=False,
    dependencies=[Depends(require(Action.ANCHOR_MANAGE))],
)


def _page(request: Request, session, *, errors=None, values=None, status_code=200):
    context = {
        "anchors": list_anchors(session),
        "regions": REGIONS,
        "stages": STAGES,
        "errors": errors or {},
        "values": values or {},
    }
    return render(request, "admin/anchors.html", context, status_code=status_code)


@router.get("")
def anchors_page(request: Request, session: SessionDep):
    """Every anchor, with its date and source, and a form to add or replace one."""
    return _page(request, session)


@router.post("")
def anchor_save(form: FormDep, request: Request, session: SessionDep, user: UserDep):
    """Add an anchor or replace the one of the same region, stage and currency."""
    anchor, errors = parse_anchor(form)
    if errors:
        return _page(request, session, errors=errors, values=dict(form), status_code=422)
    save_anchor(session, anchor, user_id=user.id)
    return RedirectResponse("/admin/anchors", status_code=303)


@router.post("/{anchor_id}/delete")
def anchor_delete(session: SessionDep, anchor_id: RowId):
    """Remove an anchor: cards of its region and stage fall back to the pack's default."""
    row = session.get(ValuationAnchor, anchor_id)
    if row is None:
        raise HTTPException(404, _("No such valuation anchor."))
    session.delete(row)
    session.commit()
    return RedirectResponse("/admin/anchors", status_code=303)
