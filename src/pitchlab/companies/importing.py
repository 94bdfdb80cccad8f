"""Companies from a CSV or XLSX file: read it, check every row, add the rows the user confirms.

Nothing is stored between the preview and the confirmation: the valid rows travel back in a
signed hidden field (itsdangerous, the app's secret key), so any app process can finish it.
"""

import base64
import csv
import io
from dataclasses import dataclass, field

from itsdangerous import BadSignature, URLSafeTimedSerializer
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ..models import Company, PipelineStatus, Stage, User
from ..uploads import NotAZipArchive, UnsafeArchive, check_zip_archive
from ..web.forms import field_errors
from ..web.i18n import gettext as _
from . import encodings
from .names import name_key
from .schemas import CompanyIn
from .status import status_refusal

MAX_IMPORT_BYTES = 1024 * 1024
MAX_IMPORT_ROWS = 2000
MAX_CELL_CHARS = 20_000
PREVIEW_MAX_AGE_S = 3600
SIGNING_SALT = "pitchlab.company-import"
SOURCE_SALT = "pitchlab.company-import.source"
# A deal owner is an account, chosen on the company page, not typed into a spreadsheet.
COLUMNS = tuple(name for name in CompanyIn.model_fields if name != "owner_id")
# Other headers people use for the same columns.
ALIASES = {
    "company": "name",
    "company_name": "name",
    "description": "one_liner",
    "url": "website",
    "year": "founded_year",
    "founded": "founded_year",
}
CHOICE_COLUMNS = {"stage": {s.value for s in Stage}, "status": {s.value for s in PipelineStatus}}


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message says why, for the user."""


@dataclass
class ImportRow:
    line: int
    values: dict[str, str]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    ignored_columns: list[str]

    @property
    def good(self) -> list[ImportRow]:
        return [row for row in self.rows if row.ok]


def _header_key(text: str) -> str:
    key = "_".join(str(text or "").strip().lower().replace("-", " ").split())
    return ALIASES.get(key, key)


def _csv_rows(data: bytes, encoding: str | None) -> tuple[list[list[str]], str]:
    if b"\x00" in data:
        raise ImportFileError(_("This does not look like a CSV file (it contains binary data)."))
    try:
        text, used = encodings.decode(data, encoding)
    except encodings.UndecodableText as error:
        raise ImportFileError(str(error)) from error
    # Only the delimiter is guessed, from the header line: sniffing quoting from the rows misread
    # notes with doubled quotes ("") as another dialect and split them (issue 13's round trip).
    header = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    try:
        delimiter = csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        return list(csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter)), used
    except csv.Error as error:
        message = _("The CSV file is malformed: %(problem)s") % {"problem": error}
        raise ImportFileError(message) from error


def _xlsx_rows(data: bytes) -> list[list[str]]:
    unreadable = _("The file is not a readable XLSX workbook.")
    try:
        check_zip_archive(data)  # before openpyxl reads a part whole (issue 11)
    except NotAZipArchive as error:
        raise ImportFileError(unreadable) from error
    except UnsafeArchive as error:
        raise ImportFileError(str(error)) from error
    rows = []
    try:
        from openpyxl import load_workbook  # on use: 12 MiB in every worker otherwise

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            rows.append(["" if value is None else str(value) for value in values])
            if len(rows) > MAX_IMPORT_ROWS + 1:
                break
        workbook.close()
    except Exception as error:
        # A broken workbook fails in many ways (bad zip, XML syntax, missing parts, no sheet,
        # lazily while rows are read); a zip of garbage XML was a 500 (issue 7).
        raise ImportFileError(unreadable) from error
    return rows


def read_table(
    filename: str, data: bytes, *, encoding: str | None = None
) -> tuple[list[list[str]], str | None]:
    """The file's rows of text, header first, and the encoding a CSV was read with (None for
    XLSX); `encoding` overrides the detected one. Raises ImportFileError with a user message."""
    if not data:
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)s MB; split it into smaller files.")
            % {"size": MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    is_xlsx = filename.lower().endswith(".xlsx") or data[:2] == b"PK"
    rows, used = (_xlsx_rows(data), None) if is_xlsx else _csv_rows(data, encoding)
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if len(rows) > MAX_IMPORT_ROWS + 1:
        raise ImportFileError(
            _(
                "The file has more than %(count)s rows; import at most %(count)s "
                "companies at a time."
            )
            % {"count": MAX_IMPORT_ROWS}
        )
    if len(rows) < 2:
        raise ImportFileError(_("The file has no rows below its header."))
    return rows, used


def _check_choices(values: dict[str, str]) -> list[str]:
    problems = []
    for column, allowed in CHOICE_COLUMNS.items():
        raw = values.get(column, "").strip()
        normal = "-".join(raw.lower().split())
        if raw and normal not in allowed:
            problems.append(
                _("Unknown %(column)s “%(value)s”; use one of: %(allowed)s.")
                % {"column": column, "value": raw, "allowed": ", ".join(sorted(allowed))}
            )
        elif raw:
            values[column] = normal
    return problems


def _validate(values: dict[str, str], *, user: User) -> list[str]:
    problems = _check_choices(values)
    if not name_key(values.get("name", "")):  # empty, or invisible characters only
        return [_("The name is missing."), *problems]
    refusal = status_refusal(user, new=values.get("status"))
    if refusal:
        problems.append(refusal)
    if problems:
        return problems
    try:
        CompanyIn.model_validate(values)
    except ValidationError as error:
        problems += [f"{column}: {message}" for column, message in field_errors(error).items()]
    return problems


def preview(session: Session, table: list[list[str]], *, user: User) -> ImportPreview:
    """Check every row: missing name, unknown stage or status, invalid value, duplicate."""
    header = [_header_key(cell) for cell in table[0]]
    if "name" not in header:
        raise ImportFileError(
            _("The file has no “name” column. Columns pitchlab reads: %(columns)s.")
            % {"columns": ", ".join(COLUMNS)}
        )
    positions = {key: index for index, key in reversed(list(enumerate(header))) if key in COLUMNS}
    ignored = [
        cell
        for cell, key in zip(table[0], header, strict=False)
        if key not in COLUMNS and cell.strip()
    ]
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        values = {
            key: cells[index].strip()[:MAX_CELL_CHARS] if index < len(cells) else ""
            for key, index in positions.items()
        }
        values = {key: value for key, value in values.items() if value}
        rows.append(ImportRow(line=line, values=values, problems=_validate(values, user=user)))
    _mark_duplicates(session, rows)
    return ImportPreview(rows=rows, ignored_columns=ignored)


def _mark_duplicates(session: Session, rows: list[ImportRow]) -> None:
    keys = {name_key(row.values["name"]) for row in rows if row.values.get("name")}
    taken = set(session.exec(select(Company.name_key).where(col(Company.name_key).in_(keys))))
    seen: dict[str, int] = {}
    for row in rows:
        key = name_key(row.values.get("name", ""))
        if not key:
            continue
        if key in taken:
            row.problems.append(_("A company with this name already exists."))
        elif key in seen:
            row.problems.append(_("Duplicate of line %(line)s in this file.") % {"line": seen[key]})
        else:
            seen[key] = row.line


def _serializer(secret_key: str, salt: str = SIGNING_SALT) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=salt)


def sign_source(secret_key: str, filename: str, data: bytes) -> str:
    """The uploaded file as a signed token, so the preview can read it again in another
    encoding without an upload (and without storing it anywhere)."""
    payload = [filename, base64.b64encode(data).decode("ascii")]
    return _serializer(secret_key, SOURCE_SALT).dumps(payload)


def unsign_source(secret_key: str, token: str) -> tuple[str, bytes]:
    """The (filename, bytes) signed by sign_source; ImportFileError if changed or too old."""
    try:
        filename, data = _serializer(secret_key, SOURCE_SALT).loads(
            token, max_age=PREVIEW_MAX_AGE_S
        )
    except BadSignature as error:
        message = _("The preview expired or was changed; upload the file again.")
        raise ImportFileError(message) from error
    return str(filename), base64.b64decode(data)


def sign_rows(secret_key: str, rows: list[ImportRow]) -> str:
    """The valid rows as a signed, compressed token for the confirmation form."""
    return _serializer(secret_key).dumps([[row.line, row.values] for row in rows if row.ok])


def unsign_rows(secret_key: str, token: str) -> list[ImportRow]:
    """The rows signed at preview time; raises ImportFileError if tampered with or too old."""
    try:
        data = _serializer(secret_key).loads(token, max_age=PREVIEW_MAX_AGE_S)
    except BadSignature as error:
        message = _("The preview expired or was changed; upload the file again.")
        raise ImportFileError(message) from error
    return [ImportRow(line=int(line), values=dict(values)) for line, values in data]


def import_rows(session: Session, rows: list[ImportRow]) -> tuple[list, list[ImportRow]]:
    """Add the rows as companies in one transaction; return (id, name) rows of the companies
    added and the rows skipped because their name was taken since the preview."""
    taken = set(
        session.exec(
            select(Company.name_key).where(
                col(Company.name_key).in_([name_key(row.values["name"]) for row in rows])
            )
        )
    )
    added: list[Company] = []
    skipped: list[ImportRow] = []
    for row in rows:
        key = name_key(row.values["name"])
        if key in taken:
            skipped.append(row)
            continue
        taken.add(key)
        columns = CompanyIn.model_validate(row.values).to_columns()
        added.append(Company(**columns, name_key=name_key(columns["name"])))
    session.add_all(added)
    try:
        session.commit()
    except IntegrityError:
        # Someone added one of these names in between: nothing was written; start over.
        session.rollback()
        raise ImportFileError(
            _(
                "Another import added some of these companies just now; "
                "upload the file again to see what is left."
            )
        ) from None
    keys = [company.name_key for company in added]
    statement = select(Company.id, Company.name).where(col(Company.name_key).in_(keys or [""]))
    return list(session.exec(statement.order_by(col(Company.name_key)))), skipped
