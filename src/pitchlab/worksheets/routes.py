"""Worksheet pages: a company's five worksheets, one worksheet with its live chart and
history, a saved revision (what evidence cites), and the admin's new-model marks."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse

from ..auth.deps import require
from ..companies.deps import CompanyDep
from ..db import SessionDep
from ..models import User
from ..permissions import Action
from ..web.forms import FormDep, parse_number
from ..web.i18n import gettext as _
from ..web.templating import render
from . import store
from .deps import EditorDep, KindDep, ReaderDep
from .fields import validate
from .registry import KINDS
from .view import build_view

router = APIRouter(include_in_schema=False)
RELEASE_NAME_MAX = 200
MarkerDep = Annotated[User, Depends(require(Action.MODEL_RELEASE_MARK))]


@router.get("/companies/{company_id}/worksheets")
def worksheet_index(request: Request, session: SessionDep, company: CompanyDep, _user: ReaderDep):
    """The company's five worksheets with a one-line outcome each."""
    saved = store.company_worksheets(session, company.id)
    release = store.latest_release(session)
    views = [build_view(kind, saved.get(kind), release=release) for kind in KINDS]
    return render(request, "worksheets/index.html", {"company": company, "views": views})


@router.get("/companies/{company_id}/worksheets/scorecard-aside")
def scorecard_aside(
    request: Request, session: SessionDep, company: CompanyDep, _user: ReaderDep, pack: str = ""
):
    """Out-of-band fragments: each worksheet beside the criteria of `pack` that it informs
    (loaded by the scorecard, so scoring need not know about worksheets)."""
    saved = store.company_worksheets(session, company.id)
    release = store.latest_release(session)
    beside: dict[str, list] = {}
    for kind, module in KINDS.items():
        for criterion_key in module.CRITERIA.get(pack, ()):
            view = build_view(kind, saved.get(kind), release=release)
            beside.setdefault(criterion_key, []).append(view)
    context = {"company": company, "beside": beside}
    return render(request, "worksheets/_scorecard_aside.html", context)


def _page(request, session, company, kind, *, worksheet, parsed=None, status_code=200, **extra):
    release = store.latest_release(session)
    view = build_view(kind, worksheet, parsed=parsed, release=release)
    context = {
        "company": company,
        "view": view,
        "release": release,
        "history": store.revisions(session, worksheet) if worksheet else [],
        **extra,
    }
    return render(request, "worksheets/page.html", context, status_code=status_code)


@router.get("/companies/{company_id}/worksheets/{kind}")
def worksheet_page(
    request: Request, session: SessionDep, company: CompanyDep, kind: KindDep, _user: ReaderDep
):
    """One worksheet: its fields, outcome, chart, sources and history."""
    worksheet = store.get_worksheet(session, company.id, kind)
    saved = request.query_params.get("saved") == "1"
    return _page(request, session, company, kind, worksheet=worksheet, saved=saved)


@router.post("/companies/{company_id}/worksheets/{kind}/preview")
def worksheet_preview(
    form: FormDep, request: Request, company: CompanyDep, kind: KindDep, _user: ReaderDep
):
    """The outcome and chart for the fields as typed, without saving (htmx, as fields change)."""
    parsed = validate(KINDS[kind].FIELDS, form)
    view = build_view(kind, None, parsed=parsed)
    return render(
        request,
        "worksheets/_result.html",
        {"company": company, "view": view, "oob_errors": True},
        status_code=422 if parsed.errors else 200,
    )


@router.post("/companies/{company_id}/worksheets/{kind}")
def worksheet_save(
    form: FormDep,
    request: Request,
    session: SessionDep,
    company: CompanyDep,
    kind: KindDep,
    user: EditorDep,
):
    """Save the worksheet as a new revision, or show it again with each problem by its field."""
    parsed = validate(KINDS[kind].FIELDS, form)
    worksheet = store.get_worksheet(session, company.id, kind)
    if parsed.errors:
        return _page(
            request, session, company, kind, worksheet=worksheet, parsed=parsed, status_code=422
        )
    try:
        store.save_worksheet(
            session,
            company_id=company.id,
            kind=kind,
            parsed=parsed,
            user=user,
            base_revision=parse_number(form.get("revision")),
        )
    except store.StaleWorksheet:
        conflict = _(
            "Someone saved this worksheet while you edited it; your values are kept below, "
            "compare them with the history and save again."
        )
        return _page(
            request,
            session,
            company,
            kind,
            worksheet=worksheet,
            parsed=parsed,
            status_code=409,
            conflict=conflict,
        )
    url = request.url_for("worksheet_page", company_id=company.id, kind=kind)
    return RedirectResponse(f"{url}?saved=1", status_code=303)


@router.get("/companies/{company_id}/worksheets/{kind}/revisions/{number}")
def worksheet_revision(
    request: Request,
    session: SessionDep,
    company: CompanyDep,
    kind: KindDep,
    number: int,
    _user: ReaderDep,
):
    """A saved revision, read-only: what a `worksheet:KIND@REV` evidence line points at."""
    worksheet = store.get_worksheet(session, company.id, kind)
    revision = store.get_revision(session, worksheet, number) if worksheet else None
    if revision is None:
        raise HTTPException(404, _("No such revision of this worksheet."))
    view = build_view(kind, worksheet, parsed=store.parsed_data(kind, revision.data))
    context = {"company": company, "view": view, "revision": revision}
    return render(request, "worksheets/revision.html", context)


def _releases_page(request, session, *, values=None, errors=None, status_code=200):
    context = {
        "releases": store.releases(session),
        "values": values or {},
        "errors": errors or {},
    }
    return render(request, "worksheets/releases.html", context, status_code=status_code)


@router.get("/model-releases", dependencies=[Depends(require(Action.READ))])
def release_list(request: Request, session: SessionDep):
    """New base models marked as shipped; each one flags every stress test for review."""
    return _releases_page(request, session)


@router.post("/model-releases")
def release_mark(
    form: FormDep,
    request: Request,
    session: SessionDep,
    user: MarkerDep,
):
    """Mark that a new model shipped (name, date), or show the problems by their fields."""
    values = {
        "name": str(form.get("name", "")).strip(),
        "shipped_on": str(form.get("shipped_on", "")).strip(),
    }
    errors, shipped = {}, None
    if not values["name"] or len(values["name"]) > RELEASE_NAME_MAX:
        errors["name"] = _("Enter the model's name (at most %(count)s characters).") % {
            "count": RELEASE_NAME_MAX
        }
    try:
        shipped = date.fromisoformat(values["shipped_on"])
        if shipped > date.today():
            errors["shipped_on"] = _("A model cannot have shipped in the future.")
    except ValueError:
        errors["shipped_on"] = _("Enter the date it shipped, like 2026-11-30.")
    if errors:
        return _releases_page(request, session, values=values, errors=errors, status_code=422)
    store.mark_release(session, name=values["name"], shipped_on=shipped, user=user)
    return RedirectResponse(request.url_for("release_list"), status_code=303)
