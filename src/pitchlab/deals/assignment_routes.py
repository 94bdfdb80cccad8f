"""The assignments page: every open assignment, and assigning several companies to several
people at once (issue 13)."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from sqlmodel import col, select

from ..auth.deps import AssignerDep, require
from ..db import SessionDep
from ..models import Assignment, Company, PipelineStatus
from ..permissions import Action
from ..rubrics.store import latest_versions
from ..web.forms import FormDep, parse_number
from ..web.i18n import gettext as _
from ..web.templating import render
from .assignments import AssignmentRefused, assign, assignment_rows, today
from .company_page import evaluators
from .company_routes import parse_due

router = APIRouter(
    prefix="/assignments",
    tags=["pages"],
    include_in_schema=False,
    dependencies=[Depends(require(Action.READ))],
)
OPEN_LIMIT = 500
# Companies still being decided on; invested and passed ones are not assigned in bulk.
ACTIVE = (
    PipelineStatus.SOURCED,
    PipelineStatus.SCREENING,
    PipelineStatus.DILIGENCE,
    PipelineStatus.IC,
)


def _page(request, session, *, errors=(), done=None, status_code=200):
    companies = session.exec(
        select(Company)
        .where(
            col(Company.archived_at).is_(None), col(Company.status).in_([s.value for s in ACTIVE])
        )
        .order_by(col(Company.name_key))
    ).all()
    context = {
        "open": assignment_rows(session, col(Assignment.completed_at).is_(None), limit=OPEN_LIMIT),
        "companies": companies,
        "people": evaluators(session),
        "packs": latest_versions(session),
        "errors": list(errors),
        "done": done,
        "today": today(),
    }
    return render(request, "deals/assignments.html", context, status_code=status_code)


@router.get("")
def assignment_list(request: Request, session: SessionDep, _user: AssignerDep):
    """Every open assignment by due date, and the form to assign in bulk."""
    return _page(request, session)


@router.post("")
def assignment_bulk(form: FormDep, request: Request, session: SessionDep, user: AssignerDep):
    """Assign every chosen person to every chosen company."""
    raw_due = str(form.get("due_date") or "").strip()
    if raw_due and parse_due(raw_due) is None:
        return _page(request, session, errors=[_("Enter a date as YYYY-MM-DD.")], status_code=422)
    try:
        outcome = assign(
            session,
            company_ids=[n for n in map(parse_number, form.getlist("company_id")) if n],
            user_ids=[n for n in map(parse_number, form.getlist("user_id")) if n],
            pack_id=parse_number(form.get("pack_id")) or 0,
            due_date=parse_due(raw_due),
            assigned_by=user,
        )
    except AssignmentRefused as error:
        return _page(request, session, errors=[str(error)], status_code=422)
    if outcome.refused:
        return _page(request, session, errors=outcome.refused, done=outcome, status_code=422)
    return RedirectResponse("/assignments", status_code=303)
