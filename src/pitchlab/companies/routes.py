"""Company pages: the pipeline list, one company, and the create/edit forms."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from ..auth.deps import UserDep, allowed, require
from ..db import SessionDep
from ..deals.activity import note_status_change
from ..deals.company_page import deal_context
from ..deals.money import CURRENCIES
from ..deals.terms import deal_owners, owner_error
from ..deals.terms import form_values as deal_form_values
from ..deals.views import OPTIONAL_COLUMNS, chosen_columns, column_values, sort_url, views_for
from ..models import (
    DealRound,
    DealSource,
    Modality,
    ModelStrategy,
    PipelineStatus,
    Stage,
    User,
)
from ..permissions import Action
from ..scoring.panel import company_panel
from ..web.forms import FormDep, field_errors, parse_number
from ..web.i18n import gettext as _
from ..web.inline import runs_inline
from ..web.templating import is_htmx_partial, render
from ..worksheets.store import company_views
from . import data
from .deps import CompanyDep
from .schemas import CompanyIn
from .status import NEW_COMPANY_STATUS, status_refusal

EditorDep = allowed(Action.COMPANY_EDIT)

router = APIRouter(
    prefix="/companies",
    tags=["pages"],
    include_in_schema=False,
    dependencies=[Depends(require(Action.READ))],
)
# Partners decide where a company stands in the pipeline (issue 4); analysts propose companies.
CHOICES = {
    "stage": Stage,
    "status": PipelineStatus,
    "modality": Modality,
    "model_strategy": ModelStrategy,
    "deal_round": DealRound,
    "source": DealSource,
}
FORM_FIELDS = tuple(CompanyIn.model_fields)


def list_filters(request: Request) -> dict:
    params = request.query_params
    return {
        "search": params.get("q", "")[:200],
        "stage": params.get("stage") or None,
        "status": params.get("status") or None,
        "archived": params.get("archived") == "1",
        "sort": params.get("sort", "name"),
        "descending": params.get("dir") == "desc",
    }


@router.get("")
@runs_inline  # issue 17: the most visited page, a few milliseconds of reads
def company_list(request: Request, session: SessionDep, user: UserDep, page: int = 1):
    """The pipeline: search, filter, sort and page through companies."""
    filters = list_filters(request)
    result = data.list_rows(
        session, page=page, page_size=request.app.state.settings.page_size, **filters
    )
    columns = chosen_columns(request.query_params)
    context = {
        "page": result,
        "filters": filters,
        "query": request.query_params,
        "choices": CHOICES,
        # Issue 13: optional columns, sortable headers and saved views.
        "columns": columns,
        "optional_columns": OPTIONAL_COLUMNS,
        "column_values": column_values(session, user, result.items, columns),
        "views": views_for(session, user),
        "sort_url": lambda key: sort_url(request.query_params, key, filters),
    }
    return render(request, "companies/list.html", context, partial="companies/_results.html")


def _form_page(
    request: Request, session, *, values: dict, errors: dict, company=None, status_code=200
):
    context = {
        "values": values,
        "errors": errors,
        "company": company,
        "choices": CHOICES,
        "currencies": CURRENCIES,
        "owners": deal_owners(session),
    }
    return render(
        request,
        "companies/form.html",
        context,
        partial="companies/_form.html",
        status_code=status_code,
    )


@router.get("/new")
def company_new(request: Request, session: SessionDep, _user: EditorDep):
    """An empty form for a new company: it starts in the pipeline as sourced."""
    return _form_page(request, session, values={"status": NEW_COMPANY_STATUS}, errors={})


def _submitted(form) -> dict:
    return {name: str(form.get(name, "")) for name in FORM_FIELDS}


def _status_error(user: User, values: dict, current: str) -> dict[str, str]:
    refusal = status_refusal(user, new=values.get("status"), current=current)
    return {"status": refusal} if refusal else {}


@router.post("")
def company_create(form: FormDep, request: Request, session: SessionDep, user: EditorDep):
    """Create a company, or show the form again with the problems next to their fields."""
    values = _submitted(form)
    try:
        validated = CompanyIn.model_validate(values)
        errors = _status_error(user, values, PipelineStatus.SOURCED.value)
        errors |= owner_error(session, parse_number(values.get("owner_id")))
        if errors:
            return _form_page(request, session, values=values, errors=errors, status_code=422)
        company = data.create_company(session, data=validated)
    except ValidationError as error:
        errors = field_errors(error) | _status_error(user, values, PipelineStatus.SOURCED.value)
        errors |= owner_error(session, parse_number(values.get("owner_id")))
        return _form_page(request, session, values=values, errors=errors, status_code=422)
    except data.DuplicateCompanyName:
        errors = {"name": _("A company with this name already exists.")}
        return _form_page(request, session, values=values, errors=errors, status_code=422)
    if is_htmx_partial(request):
        # The list listens for this event and refreshes itself; the form becomes a notice.
        response = render(request, "companies/_created.html", {"company": company})
        response.headers["HX-Trigger"] = "companies-changed"
        return response
    return RedirectResponse(
        request.url_for("company_detail", company_id=company.id), status_code=303
    )


def detail_page(request: Request, session, company, user: User, *, status_code: int = 200, **extra):
    """The company page with its scoring panel (also re-rendered by forms posted from it)."""
    panel = company_panel(session, company=company, user=user)
    context = {
        "company": company,
        "panel": panel,
        "worksheet_views": company_views(session, company=company, user=user),
        **deal_context(
            session, company=company, user=user, conflicted=panel.my_conflict is not None
        ),
        **extra,
    }
    return render(request, "companies/detail.html", context, status_code=status_code)


@router.get("/{company_id}")
def company_detail(request: Request, session: SessionDep, company: CompanyDep, user: UserDep):
    """One company with its notes, pipeline details and scoring panel."""
    return detail_page(request, session, company, user)


@router.get("/{company_id}/edit")
def company_edit(request: Request, session: SessionDep, company: CompanyDep, _user: EditorDep):
    """The form for changing a company, filled with its current values."""
    values = {name: getattr(company, name) for name in FORM_FIELDS}
    values["tags"] = ", ".join(company.tag_list)
    values["founded_year"] = company.founded_year or ""
    values.update(deal_form_values(company))
    return _form_page(request, session, values=values, errors={}, company=company)


@router.post("/{company_id}")
def company_update(
    form: FormDep, request: Request, session: SessionDep, company: CompanyDep, user: EditorDep
):
    """Save changes to a company, or show the form again with its problems."""
    values = _submitted(form)
    status_errors = _status_error(user, values, company.status)
    status_errors |= owner_error(session, parse_number(values.get("owner_id")))
    old_status = company.status
    try:
        changes = CompanyIn.model_validate(values).to_columns()
        if status_errors:
            return _form_page(
                request,
                session,
                values=values,
                errors=status_errors,
                company=company,
                status_code=422,
            )
        data.update_company(session, company, changes=changes)
    except ValidationError as error:
        return _form_page(
            request,
            session,
            values=values,
            errors=field_errors(error) | status_errors,
            company=company,
            status_code=422,
        )
    except data.DuplicateCompanyName:
        errors = {"name": _("A company with this name already exists.")}
        return _form_page(
            request, session, values=values, errors=errors, company=company, status_code=422
        )
    note_status_change(
        session, company_id=company.id, old=old_status, new=company.status, actor_id=user.id
    )
    return RedirectResponse(
        request.url_for("company_detail", company_id=company.id), status_code=303
    )


@router.post("/{company_id}/archive", dependencies=[Depends(require(Action.COMPANY_ARCHIVE))])
def company_archive(request: Request, session: SessionDep, company: CompanyDep) -> Response:
    """Archive a company, or bring it back when `restore` is sent."""
    restore = request.query_params.get("restore") == "1"
    data.set_archived(session, company, archived=not restore)
    return RedirectResponse(
        request.url_for("company_detail", company_id=company.id), status_code=303
    )
