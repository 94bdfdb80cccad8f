"""Importing companies from a CSV or XLSX file: upload, preview with bad rows marked, confirm."""

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile

from ..auth.deps import allowed
from ..db import SessionDep
from ..permissions import Action
from ..web.forms import FormDep, parse_number
from ..web.i18n import gettext as _
from ..web.templating import render
from . import importing
from .encodings import encoding_labels
from .importing import ImportFileError

WriterDep = allowed(Action.COMPANY_IMPORT)

router = APIRouter(prefix="/companies/import", include_in_schema=False)


def _upload_page(request: Request, *, error: str = "", status_code: int = 200):
    context = {
        "error": error,
        "max_bytes": importing.MAX_IMPORT_BYTES,
        "max_rows": importing.MAX_IMPORT_ROWS,
        "columns": importing.COLUMNS,
        "encodings": encoding_labels(),
    }
    return render(request, "companies/import.html", context, status_code=status_code)


@router.get("")
def import_form(request: Request, _user: WriterDep):
    """The upload form, with the columns pitchlab reads."""
    return _upload_page(request)


def _read_upload(upload) -> tuple[str, bytes]:
    if not isinstance(upload, UploadFile):
        raise ImportFileError(_("Choose a CSV or XLSX file to upload."))
    # Read one byte past the cap: enough to know the file is too large without reading it all.
    data = upload.file.read(importing.MAX_IMPORT_BYTES + 1)
    return upload.filename or "", data


def _source(form, secret_key: str) -> tuple[str, bytes]:
    # A preview read again in another encoding sends the file back signed, not uploaded.
    if form.get("source"):
        return importing.unsign_source(secret_key, str(form.get("source")))
    return _read_upload(form.get("file"))


@router.post("/preview")
def import_preview(form: FormDep, request: Request, session: SessionDep, user: WriterDep):
    """Read the file and show every row, the bad ones marked with why; nothing is saved yet."""
    secret_key = request.app.state.settings.secret_key
    try:
        filename, data = _source(form, secret_key)
        encoding = str(form.get("encoding") or "") or None
        table, used = importing.read_table(filename, data, encoding=encoding)
        result = importing.preview(session, table, user=user)
    except ImportFileError as error:
        return _upload_page(request, error=str(error), status_code=422)
    context = {
        "preview": result,
        "filename": filename,
        "token": importing.sign_rows(secret_key, result.rows),
        "encoding": used,
        "encodings": encoding_labels(),
        "source": importing.sign_source(secret_key, filename, data) if used else "",
    }
    return render(request, "companies/import_preview.html", context)


@router.post("/confirm")
def import_confirm(form: FormDep, request: Request, session: SessionDep, _user: WriterDep):
    """Add the rows the user kept ticked; rows whose name got taken meanwhile are skipped."""
    try:
        secret_key = request.app.state.settings.secret_key
        rows = importing.unsign_rows(secret_key, str(form.get("rows", "")))
        chosen = {parse_number(line) for line in form.getlist("line")} - {None}
        added, skipped = importing.import_rows(session, [r for r in rows if r.line in chosen])
    except ImportFileError as error:
        return _upload_page(request, error=str(error), status_code=422)
    return render(request, "companies/import_done.html", {"added": added, "skipped": skipped})
