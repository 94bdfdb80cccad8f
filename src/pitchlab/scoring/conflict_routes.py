"""Declaring and lifting conflicts of interest, and the company's scores page."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.exc import IntegrityError

from ..auth.deps import UserDep, allowed
from ..companies.deps import CompanyDep
from ..companies.routes import detail_page
from ..db import RowId, SessionDep
from ..models import Conflict, User
from ..permissions import Action, can
from ..web.forms import FormDep, parse_number
from ..web.i18n import gettext as _
from ..web.templating import render
from .deps import UnconflictedUserDep
from .results import company_results

ManagerDep = allowed(Action.CONFLICT_REMOVE)

router = APIRouter(include_in_schema=False)
REASON_MAX = 1000


@router.get("/companies/{company_id}/scores")
def company_scores(
    request: Request, session: SessionDep, company: CompanyDep, user: UnconflictedUserDep
):
    """Submitted scorecards per pack; the scores themselves only where the viewer may see them."""
    groups, users = company_results(session, company=company, user=user)
    return render(
        request, "scoring/results.html", {"company": company, "groups": groups, "users": users}
    )


@router.post("/companies/{company_id}/conflicts")
def declare_conflict(
    form: FormDep, request: Request, session: SessionDep, company: CompanyDep, user: UserDep
):
    """Declare a conflict (a reason is required); an admin may declare one for someone else."""
    reason = str(form.get("reason", "")).strip()
    target_id = user.id
    if form.get("user_id") and can(user, Action.CONFLICT_DECLARE_FOR_OTHERS):
        target_id = parse_number(form["user_id"]) or 0
        if session.get(User, target_id) is None:
            raise HTTPException(422, _("Choose a user."))
    elif not can(user, Action.CONFLICT_DECLARE):
        raise HTTPException(403, _("Your role does not allow this."))
    if not reason or len(reason) > REASON_MAX:
        error = _("Give a reason for the conflict (at most %(count)s characters).") % {
            "count": REASON_MAX
        }
        return detail_page(
            request,
            session,
            company,
            user,
            status_code=422,
            conflict_error=error,
            conflict_reason=reason[:REASON_MAX],
        )
    session.add(
        Conflict(company_id=company.id, user_id=target_id, reason=reason, declared_by_id=user.id)
    )
    try:
        session.commit()
    except IntegrityError:
        session.rollback()  # already declared: nothing to add
    return RedirectResponse(f"/companies/{company.id}", status_code=303)


@router.post("/companies/{company_id}/conflicts/{conflict_id}/remove")
def remove_conflict(
    session: SessionDep, company: CompanyDep, conflict_id: RowId, _admin: ManagerDep
):
    """Lift a conflict (admins only)."""
    conflict = session.get(Conflict, conflict_id)
    if conflict is None or conflict.company_id != company.id:
        raise HTTPException(404, _("No such conflict on this company."))
    session.delete(conflict)
    session.commit()
    return RedirectResponse(f"/companies/{company.id}", status_code=303)
