"""The deal workflow on a company page: comments, the timeline's pages, assigning evaluators."""

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from ..auth.deps import AssignerDep, UserDep, require
from ..companies.deps import CompanyDep
from ..companies.routes import detail_page
from ..db import SessionDep
from ..models import Company, User
from ..permissions import Action
from ..scoring.access import conflict_for
from ..web.forms import FormDep, parse_number
from ..web.i18n import gettext as _
from ..web.templating import is_htmx_partial, render
from .activity import timeline
from .assignments import AssignmentRefused, assign
from .comments import CommentInvalid, add_comment, change_comment, remove_comment
from .deps import EditableCommentDep

router = APIRouter(
    prefix="/companies/{company_id}",
    tags=["pages"],
    include_in_schema=False,
    dependencies=[Depends(require(Action.READ))],
)


def _back(company: Company, anchor: str = "activity") -> RedirectResponse:
    return RedirectResponse(f"/companies/{company.id}#{anchor}", status_code=303)


def _is_conflicted(session, user: User, company: Company) -> bool:
    return conflict_for(session, user_id=user.id, company_id=company.id) is not None


@router.get("/activity")
def company_activity(
    request: Request,
    session: SessionDep,
    company: CompanyDep,
    user: UserDep,
    kind: str = "",
    page: int = 1,
):
    """One page of the company's timeline, optionally of one kind of entry."""
    page_of = timeline(
        session,
        company_id=company.id,
        kind=kind or None,
        conflicted=_is_conflicted(session, user, company),
        page=max(1, min(page, 10_000)),
    )
    context = {"company": company, "timeline": page_of, "timeline_kind": kind}
    return render(request, "deals/timeline_page.html", context, partial="deals/_timeline.html")


def _activity_section(request, session, company, user, *, status_code=200, **extra):
    context = {
        "company": company,
        "timeline": timeline(
            session, company_id=company.id, conflicted=_is_conflicted(session, user, company)
        ),
        "timeline_kind": "",
        **extra,
    }
    return render(request, "deals/_activity.html", context, status_code=status_code)


@router.post("/comments", dependencies=[Depends(require(Action.COMMENT))])
def comment_create(
    form: FormDep, request: Request, session: SessionDep, company: CompanyDep, user: UserDep
):
    """Post a comment; the people it @mentions are notified."""
    try:
        add_comment(
            session,
            company=company,
            author=user,
            raw=form.get("body"),
            settings=request.app.state.settings,
        )
    except CommentInvalid as error:
        if not is_htmx_partial(request):
            return detail_page(
                request,
                session,
                company,
                user,
                status_code=422,
                comment_error=str(error),
                comment_draft=str(form.get("body") or ""),
            )
        return _activity_section(
            request,
            session,
            company,
            user,
            status_code=422,
            comment_error=str(error),
            comment_draft=str(form.get("body") or ""),
        )
    if is_htmx_partial(request):
        return _activity_section(request, session, company, user)
    return _back(company)


@router.post("/comments/{comment_id}")
def comment_edit(
    form: FormDep, session: SessionDep, company: CompanyDep, comment: EditableCommentDep
):
    """Change one's own comment (the timeline shows it was edited)."""
    try:
        change_comment(session, comment, form.get("body"))
    except CommentInvalid:
        pass  # an emptied comment keeps its text; deleting is its own button
    return _back(company, f"activity-{comment.id}")


@router.post("/comments/{comment_id}/delete")
def comment_delete(session: SessionDep, company: CompanyDep, comment: EditableCommentDep):
    """Delete one's own comment; the timeline keeps a "deleted" line in its place."""
    remove_comment(session, comment)
    return _back(company)


def parse_due(raw: object) -> date | None:
    try:
        return date.fromisoformat(str(raw or "").strip()) if str(raw or "").strip() else None
    except ValueError:
        return None


@router.post("/assignments")
def company_assign(
    form: FormDep,
    request: Request,
    session: SessionDep,
    company: CompanyDep,
    user: AssignerDep,
):
    """Assign evaluators to score this company with a pack by a date."""
    user_ids = [n for n in map(parse_number, form.getlist("user_id")) if n]
    pack_id = parse_number(form.get("pack_id"))
    errors: list[str] = []
    if str(form.get("due_date") or "").strip() and parse_due(form.get("due_date")) is None:
        errors.append(_("Enter a date as YYYY-MM-DD."))
    else:
        try:
            outcome = assign(
                session,
                company_ids=[company.id],
                user_ids=user_ids,
                pack_id=pack_id or 0,
                due_date=parse_due(form.get("due_date")),
                assigned_by=user,
            )
            errors = outcome.refused
        except AssignmentRefused as error:
            errors = [str(error)]
    if errors:
        return detail_page(request, session, company, user, status_code=422, assign_errors=errors)
    return _back(company, "assignment-panel")
