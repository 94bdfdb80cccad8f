"""A draft's past: every revision, one revision as cited, two compared, one restored; exports."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from ..auth.deps import UserDep, require_user
from ..db import RowId, SessionDep
from ..web.forms import FormDep
from ..web.i18n import gettext as _
from ..web.templating import render
from .deps import DraftDep, EditableDraftDep, RevisionDep, may_edit
from .diffing import diff_html, diff_revisions, faq_texts
from .editing import parse_number
from .exports import EXPORT_FORMATS, export_file
from .library import draft_template
from .store import (
    Content,
    author_names,
    get_revision,
    latest_revision,
    revision_page,
    save_revision,
)
from .views import build_view

router = APIRouter(
    prefix="/prfaqs",
    include_in_schema=False,
    dependencies=[Depends(require_user)],
)


@router.get("/{draft_id}/history")
def draft_history(
    request: Request, session: SessionDep, draft: DraftDep, user: UserDep, page: int = 1
):
    """Every revision of the draft, newest first, to view, compare or restore."""
    result = revision_page(
        session, draft.id, page=page, page_size=request.app.state.settings.page_size
    )
    context = {
        "draft": draft,
        "page": result,
        "query": request.query_params,
        "editable": may_edit(user, draft),
        "current": draft.current_revision,
    }
    return render(request, "prfaq/history.html", context)


@router.get("/{draft_id}/revisions/{number}")
def revision_page_view(
    request: Request, session: SessionDep, draft: DraftDep, revision: RevisionDep
):
    """One revision as it was saved; citations in scores link here, to a section's anchor."""
    view = build_view(session, draft, Content.of(revision), revision=revision.number)
    author = author_names(session, [revision]).get(revision.author_id)
    context = {"view": view, "shown": revision, "author": author}
    return render(request, "prfaq/revision.html", context)


def _compare_number(session, draft, raw: str | None, default: int) -> int:
    number = parse_number(raw) if raw else default
    if number is None or get_revision(session, draft.id, number) is None:
        raise HTTPException(404, _("This draft has no revision with this number."))
    return number


@router.get("/{draft_id}/compare")
def draft_compare(request: Request, session: SessionDep, draft: DraftDep):
    """What changed between two revisions (`from` and `to`), section by section."""
    params = request.query_params
    newer = _compare_number(session, draft, params.get("to"), draft.current_revision)
    older = _compare_number(session, draft, params.get("from"), max(1, newer - 1))
    old, new = (Content.of(get_revision(session, draft.id, n)) for n in (older, newer))
    diffs = diff_revisions(
        {**old.sections, **faq_texts(old.faqs)}, {**new.sections, **faq_texts(new.faqs)}
    )
    view = build_view(session, draft, new, revision=newer)
    context = {
        "view": view,
        "older": older,
        "newer": newer,
        "diff_html": diff_html,
        "changed": [d for d in diffs if d.status != "unchanged"],
        "unchanged": [d for d in diffs if d.status == "unchanged"],
    }
    return render(request, "prfaq/compare.html", context)


@router.post("/{draft_id}/revisions/{number}/restore")
def revision_restore(
    form: FormDep,
    request: Request,
    session: SessionDep,
    draft: EditableDraftDep,
    revision: RevisionDep,
    user: UserDep,
):
    """Make an old revision's text the newest revision; the revisions between are kept."""
    base = parse_number(form.get("base_revision"))
    current = latest_revision(session, draft)
    if (
        base != current.number
        or save_revision(
            session, draft, base=current.number, content=Content.of(revision), author=user
        )
        is None
    ):
        message = _(
            "Someone saved revision %(number)s after you opened this page; "
            "nothing was restored. Look at it before restoring again."
        ) % {"number": draft.current_revision}
        result = revision_page(
            session, draft.id, page=1, page_size=request.app.state.settings.page_size
        )
        context = {
            "draft": draft,
            "page": result,
            "query": request.query_params,
            "editable": True,
            "current": draft.current_revision,
            "error": message,
        }
        return render(request, "prfaq/history.html", context, status_code=409)
    return RedirectResponse(f"/prfaqs/{draft.id}", status_code=303)


@router.get("/{draft_id}/export/{fmt}")
def draft_export(session: SessionDep, draft: DraftDep, fmt: str, revision: RowId | None = None):
    """The draft (newest revision, or ?revision=N) as Markdown, HTML or DOCX."""
    if fmt not in EXPORT_FORMATS:
        raise HTTPException(404, _("Export as md, html or docx."))
    row = get_revision(session, draft.id, revision or draft.current_revision)
    if row is None:
        raise HTTPException(404, _("This draft has no revision with this number."))
    exported = export_file(draft_template(session, draft), draft, row, fmt)
    return Response(
        exported.content,
        media_type=exported.media_type,
        headers={"Content-Disposition": exported.disposition},
    )
