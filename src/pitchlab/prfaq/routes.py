"""PR/FAQ draft pages: the list, starting a draft from a template, the editor and its saves,
renaming, archiving and restoring."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from ..auth.deps import UserDep, allowed, require_user
from ..db import SessionDep
from ..models import Company, PrfaqTemplate
from ..permissions import Action
from ..web.forms import FormDep, field_errors
from ..web.i18n import SUPPORTED_LOCALES, get_locale
from ..web.i18n import gettext as _
from ..web.templating import is_htmx_partial, render
from .deps import (
    ArchivableDraftDep,
    DraftDep,
    EditableDraftDep,
    ReadableCompanyDep,
    WritableDraftDep,
    archived_message,
    may_archive,
    may_edit,
    refuse_if_archived,
)
from .document import LANGUAGES
from .editing import parse_number, read_submission
from .library import draft_template, latest_templates, template_document
from .saving import conflict_view, save_submission
from .schemas import DraftPatch
from .store import (
    Content,
    create_draft,
    get_revision,
    latest_revision,
    update_draft,
    visible_drafts,
)
from .views import build_view

WriterDep = allowed(Action.PRFAQ_WRITE)

router = APIRouter(
    prefix="/prfaqs",
    include_in_schema=False,
    dependencies=[Depends(require_user)],
)
SEARCH_MAX = 200


@router.get("")
def draft_list(request: Request, session: SessionDep, user: UserDep, page: int = 1):
    """Every PR/FAQ draft the caller may read, most recently changed first (or the archived)."""
    search = request.query_params.get("q", "")[:SEARCH_MAX]
    archived = request.query_params.get("archived") == "1"
    result = visible_drafts(
        session,
        user,
        search=search,
        archived=archived,
        page=page,
        page_size=request.app.state.settings.page_size,
    )
    context = {
        "page": result,
        "search": search,
        "archived": archived,
        "query": request.query_params,
    }
    return render(request, "prfaq/list.html", context, partial="prfaq/_list_results.html")


def _new_form(
    request: Request, session, company, *, values: dict, errors: dict, status_code: int = 200
):
    context = {
        "company": company,
        "templates": latest_templates(session),
        "values": values,
        "errors": errors,
        "languages": {code: SUPPORTED_LOCALES[code] for code in LANGUAGES},
    }
    return render(request, "prfaq/new.html", context, status_code=status_code)


def _read_new_draft(session, values: dict) -> tuple[PrfaqTemplate | None, dict[str, str]]:
    errors = {}
    template_id = parse_number(values.get("template"))
    template_row = session.get(PrfaqTemplate, template_id) if template_id else None
    if template_row is None:
        errors["template"] = _("Choose a template.")
    if values.get("language") not in LANGUAGES:
        errors["language"] = _("Choose English or Chinese.")
    _title, problem = read_title(values.get("title", ""))
    if problem:
        errors["title"] = problem
    return template_row, errors


def read_title(raw: str) -> tuple[str, str | None]:
    """The title trimmed, and what is wrong with it (None if nothing): the API's rule too."""
    try:
        return DraftPatch(title=raw).title, None
    except ValidationError as error:
        return raw, field_errors(error)["title"]


@router.get("/new")
def draft_new(request: Request, session: SessionDep, company: ReadableCompanyDep, _user: WriterDep):
    """Choose a template, a language and a title for a new draft of this company."""
    values = {
        "title": _("%(company)s PR/FAQ") % {"company": company.name},
        "language": get_locale() if get_locale() in LANGUAGES else "en",
    }
    return _new_form(request, session, company, values=values, errors={})


@router.post("/new")
def draft_create(
    form: FormDep,
    request: Request,
    session: SessionDep,
    company: ReadableCompanyDep,
    user: WriterDep,
):
    """Start the draft, pre-filled from the company, and open it."""
    values = {name: str(value) for name, value in form.items()}
    template_row, errors = _read_new_draft(session, values)
    if errors:
        return _new_form(request, session, company, values=values, errors=errors, status_code=422)
    draft = create_draft(
        session,
        company=company,
        template_row=template_row,
        template=template_document(template_row),
        title=values["title"].strip(),
        language=values["language"],
        author=user,
    )
    return RedirectResponse(f"/prfaqs/{draft.id}", status_code=303)


def _page(
    request: Request,
    session,
    draft,
    *,
    user,
    content: Content,
    revision: int,
    errors=None,
    conflict=None,
    status_code: int = 200,
    **extra,
):
    view = build_view(session, draft, content, revision=revision, errors=errors)
    context = {
        "view": view,
        "editable": may_edit(user, draft),
        "conflict": conflict,
        "may_archive": may_archive(user, draft),
        **extra,
    }
    return render(request, "prfaq/draft.html", context, status_code=status_code)


def _newest_page(request: Request, session, draft, *, user, status_code: int = 200, **extra):
    revision = latest_revision(session, draft)
    return _page(
        request,
        session,
        draft,
        user=user,
        content=Content.of(revision),
        revision=revision.number,
        status_code=status_code,
        **extra,
    )


@router.get("/{draft_id}")
def draft_page(request: Request, session: SessionDep, draft: DraftDep, user: UserDep):
    """The draft: each section's editor and preview, the FAQ, and the completeness check."""
    return _newest_page(request, session, draft, user=user)


@router.post("/{draft_id}")
def draft_save(
    form: FormDep, request: Request, session: SessionDep, draft: WritableDraftDep, user: UserDep
):
    """Save the form as a new revision; a stale form gets 409 and the others' changes."""
    if draft.archived_at is not None and is_htmx_partial(request):
        # An editor left open while someone archived the draft: say so where saves report,
        # or the writer would type on, trusting "Changes save as you type".
        return render(
            request, "prfaq/_save_refused.html", {"message": archived_message()}, status_code=409
        )
    refuse_if_archived(draft)
    base_number = parse_number(form.get("base_revision"))
    base = get_revision(session, draft.id, base_number) if base_number else None
    if base is None:
        raise HTTPException(
            400, _("The form does not say which revision it started from; reload the page.")
        )
    template = draft_template(session, draft)
    submission = read_submission(form, template, Content.of(base), language=draft.language)
    outcome = save_submission(
        session,
        draft,
        base=base,
        submission=submission,
        author=user,
        keep_mine_over=parse_number(form.get("keep_mine_over")),
    )
    conflict = None
    if outcome.status == "conflict":
        conflict = conflict_view(
            session, draft, base=base, theirs=outcome.theirs, typed=submission.typed
        )
    status_code = 409 if conflict else 422 if submission.errors else 200
    if not is_htmx_partial(request):
        if status_code == 200:
            return RedirectResponse(f"/prfaqs/{draft.id}", status_code=303)
        return _page(
            request,
            session,
            draft,
            user=user,
            content=submission.typed,
            revision=base.number if conflict else outcome.revision,
            errors=submission.errors,
            conflict=conflict,
            status_code=status_code,
        )
    view = build_view(
        session, draft, submission.typed, revision=outcome.revision, errors=submission.errors
    )
    context = {
        "view": view,
        "outcome": outcome,
        "conflict": conflict,
        "action": submission.action,
        "errors": submission.errors,
    }
    return render(request, "prfaq/_saved.html", context, status_code=status_code)


@router.post("/{draft_id}/title")
def draft_rename(
    form: FormDep, request: Request, session: SessionDep, draft: EditableDraftDep, user: UserDep
):
    """Give the draft a new title, or show the title form again with the problem."""
    typed = str(form.get("title", ""))
    title, problem = read_title(typed)
    if problem:
        return _title_refused(request, session, draft, user=user, typed=typed, problem=problem)
    update_draft(session, draft, by=user, title=title)
    if is_htmx_partial(request):
        context = {
            "draft": draft,
            "company": session.get(Company, draft.company_id),
            "renamable": True,
            "renamed": True,
        }
        return render(request, "prfaq/_draft_title.html", context)
    return RedirectResponse(f"/prfaqs/{draft.id}", status_code=303)


def _title_refused(request: Request, session, draft, *, user, typed: str, problem: str):
    """The title form with the typed value and its problem: alone for htmx, else in the page."""
    context = {"typed_title": typed, "title_error": problem}
    if is_htmx_partial(request):
        return render(
            request,
            "prfaq/_draft_title.html",
            {"draft": draft, "renamable": True, **context},
            status_code=422,
        )
    return _newest_page(request, session, draft, user=user, status_code=422, **context)


@router.post("/{draft_id}/archive")
def draft_archive(request: Request, session: SessionDep, draft: ArchivableDraftDep, user: UserDep):
    """Archive the draft (it leaves the lists and stops changing), or restore it with `restore`."""
    restore = request.query_params.get("restore") == "1"
    update_draft(session, draft, by=user, archived=not restore)
    return RedirectResponse(f"/prfaqs/{draft.id}", status_code=303)
