"""PR/FAQ template pages: browse, read one, export as YAML, and (admins) import a file.

Import and export mirror the rubric packs': the same YAML format as seeds/prfaq, the same
validator as the seed loader and `pitchlab prfaq check`, every problem named by its field.
"""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from ..auth.deps import allowed, require_user
from ..db import RowId, SessionDep
from ..permissions import Action
from ..web.forms import FormDep
from ..web.i18n import gettext as _
from ..web.templating import render
from .library import (
    TemplateVersionTaken,
    find_template,
    install_template,
    latest_templates,
    template_document,
    template_versions,
)
from .templates import TemplateInvalid, dump_template, load_template_bytes

ManagerDep = allowed(Action.PRFAQ_TEMPLATE_MANAGE)

router = APIRouter(
    prefix="/prfaq-templates",
    include_in_schema=False,
    dependencies=[Depends(require_user)],
)
# A template is a few dozen kilobytes of text; anything far larger is not one.
MAX_TEMPLATE_BYTES = 512 * 1024


@router.get("")
def template_list(request: Request, session: SessionDep):
    """The newest version of every PR/FAQ template."""
    rows = latest_templates(session)
    entries = [(row, template_document(row)) for row in rows]
    return render(request, "prfaq/template_list.html", {"entries": entries})


def _template_or_404(session, key: str, version: int | None):
    row = find_template(session, key, version)
    if row is None:
        raise HTTPException(404, _("No PR/FAQ template with this key and version."))
    return row


@router.get("/import")
def template_import_form(request: Request, _admin: ManagerDep):
    """The upload form for a template file."""
    return render(request, "prfaq/template_import.html", {"errors": []})


def _import_error(request: Request, errors: list[str], status_code: int):
    return render(
        request, "prfaq/template_import.html", {"errors": errors}, status_code=status_code
    )


@router.post("/import")
def template_import(form: FormDep, request: Request, session: SessionDep, _admin: ManagerDep):
    """Add a template version from a YAML file, or show every problem in it."""
    upload = form.get("file")
    if upload is None or not hasattr(upload, "read"):
        return _import_error(request, [_("Choose a file to import.")], 422)
    raw = upload.file.read(MAX_TEMPLATE_BYTES + 1)
    if len(raw) > MAX_TEMPLATE_BYTES:
        return _import_error(request, [_("The file is larger than a PR/FAQ template can be.")], 413)
    source = upload.filename or "upload"
    try:
        template = load_template_bytes(raw, source=source)
        row, _added = install_template(session, template, source=source)
    except TemplateInvalid as invalid:
        return _import_error(request, [str(error) for error in invalid.errors], 422)
    except TemplateVersionTaken as taken:
        return _import_error(request, [str(taken.error)], 422)
    return RedirectResponse(f"/prfaq-templates/{row.key}?version={row.version}", status_code=303)


@router.get("/{key}")
def template_detail(request: Request, session: SessionDep, key: str, version: RowId | None = None):
    """One template version: its sections, word ranges, prompts and FAQ topics."""
    row = _template_or_404(session, key, version)
    context = {
        "row": row,
        "template": template_document(row),
        "versions": template_versions(session, key),
    }
    return render(request, "prfaq/template_detail.html", context)


@router.get("/{key}/export")
def template_export(session: SessionDep, key: str, version: RowId | None = None) -> Response:
    """The template version as a YAML file in the seed format, to share or re-import."""
    row = _template_or_404(session, key, version)
    filename = f"{row.key}-v{row.version}.yaml"
    return Response(
        dump_template(template_document(row)),
        media_type="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
