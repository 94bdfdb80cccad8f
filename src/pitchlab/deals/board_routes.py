"""The pipeline board page and moving a card (issue 13)."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from ..auth.deps import UserDep, require
from ..db import SessionDep
from ..models import Company, User
from ..permissions import Action
from ..web.forms import FormDep, parse_number
from ..web.i18n import gettext as _
from ..web.templating import is_htmx_partial, render
from .activity import note_status_change
from .board import CARDS_PER_COLUMN, MoveRefused, board, move

router = APIRouter(
    prefix="/board",
    tags=["pages"],
    include_in_schema=False,
    dependencies=[Depends(require(Action.READ))],
)
MoverDep = Depends(require(Action.COMPANY_SET_STATUS))


@router.get("")
def board_page(request: Request, session: SessionDep, user: UserDep, mine: bool = False):
    """Companies in columns by pipeline status; partners and admins move them."""
    context = {
        "columns": board(session, user, mine=mine),
        "mine": mine,
        "per_column": CARDS_PER_COLUMN,
    }
    return render(request, "deals/board.html", context)


@router.post("/move")
def board_move(form: FormDep, request: Request, session: SessionDep, user: User = MoverDep):
    """Move a card to another column (drag and drop, or the card's status menu)."""
    company_id = parse_number(form.get("company_id"))
    company = session.get(Company, company_id) if company_id else None
    if company is None:
        raise HTTPException(404, _("No company with this id."))
    try:
        old = move(session, company, str(form.get("status") or ""))
    except MoveRefused as error:
        raise HTTPException(422, _("Choose one of the listed options.")) from error
    note_status_change(
        session, company_id=company.id, old=old, new=company.status, actor_id=user.id
    )
    if is_htmx_partial(request) or request.headers.get("accept") == "application/json":
        return Response(status_code=204)
    return RedirectResponse(f"/board#card-{company.id}", status_code=303)
