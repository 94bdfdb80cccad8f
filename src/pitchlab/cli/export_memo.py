"""`pitchlab export memo COMPANY` and `pitchlab export pack MEETING`: IC documents as files.

A memo is written as one user sees it (conflicts and blind review apply to documents as to
pages): `--as EMAIL`, by default the first active admin.
"""

from pathlib import Path
from typing import Annotated, Literal

import typer
from sqlmodel import Session, col, select

from ..auth.users import find_user
from ..companies.data import find_by_name
from ..config import Settings
from ..db import create_db_engine
from ..models import Company, Meeting, Role, User
from ..reports.files import as_file, company_memo, meeting_pack
from .export import app

Format = Annotated[Literal["pdf", "docx"], typer.Option("--format", "-f", help="pdf or docx.")]
Output = Annotated[Path, typer.Option("--output", "-o", help="File to write.")]
As = Annotated[
    str | None, typer.Option("--as", help="Write it as this user sees it (default: an admin).")
]


def _reader(session: Session, email: str | None) -> User:
    if email:
        user = find_user(session, email)
    else:
        user = session.exec(
            select(User)
            .where(User.role == Role.ADMIN.value, col(User.is_active).is_(True))
            .order_by(col(User.id))
        ).first()
    if user is None or not user.is_active:
        typer.echo(f"No active user {email or '(admin)'} to write the document for.", err=True)
        raise typer.Exit(code=1)
    return user


def _company(session: Session, company: str) -> Company | None:
    found = session.get(Company, int(company)) if company.isdigit() else None
    return found or find_by_name(session, company)


def _export(reader: str | None, output: Path, fmt: str, kind: str, build) -> None:
    """Open the database, build the document with build(session, user) -> (document, id),
    write it; build returns (None, message) when there is nothing to write."""
    engine = create_db_engine(Settings().database_url)
    with Session(engine) as session:
        document, ident = build(session, _reader(session, reader))
        if document is None:
            typer.echo(ident, err=True)
            raise typer.Exit(code=1)
        exported = as_file(document, fmt, kind=kind, ident=ident)
    engine.dispose()
    output.write_bytes(exported.content)
    typer.echo(f"Wrote {output} ({len(exported.content):,} bytes).")


@app.command("memo")
def export_memo(
    company: Annotated[str, typer.Argument(help="The company's id or name.")],
    output: Output,
    fmt: Format = "pdf",
    reader: As = None,
) -> None:
    """Write a company's IC memo (PDF or DOCX)."""

    def build(session: Session, user: User):
        found = _company(session, company)
        memo = company_memo(session, user, found.id) if found else None
        return (memo, found.id) if memo else (None, f"No company {company!r}.")

    _export(reader, output, fmt, "memo", build)


@app.command("pack")
def export_pack(
    meeting_id: Annotated[int, typer.Argument(help="The meeting's id.")],
    output: Output,
    fmt: Format = "pdf",
    reader: As = None,
) -> None:
    """Write a meeting's IC pack (PDF or DOCX)."""

    def build(session: Session, user: User):
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            return None, f"No meeting {meeting_id}."
        return meeting_pack(session, user, meeting), meeting_id

    _export(reader, output, fmt, "pack", build)
