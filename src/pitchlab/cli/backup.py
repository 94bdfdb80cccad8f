"""`pitchlab backup` and `pitchlab restore`: copy the SQLite database out and back (issue 7)."""

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ..backup import (
    BackupError,
    DatabaseCheck,
    backup_sqlite,
    pg_dump_hint,
    restore_sqlite,
    sqlite_path,
)
from ..config import Settings

ForceOption = Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")]


def _fail(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(1)


def _database_file() -> Path:
    url = Settings().database_url
    try:
        path = sqlite_path(url)
    except BackupError as error:
        _fail(str(error))
    if path is None:
        _fail(pg_dump_hint(url))
    return path


def _summary(check: DatabaseCheck) -> str:
    return (
        f"{check.companies} companies, {check.scorecards} scorecards, {check.scores} scores; "
        f"migration {check.revision}"
    )


def backup(
    path: Annotated[Path, typer.Argument(help="The file to write.")], force: ForceOption = False
) -> None:
    """Copy the SQLite database to PATH while pitchlab keeps running."""
    try:
        check = backup_sqlite(_database_file(), path, overwrite=force)
    except BackupError as error:
        _fail(str(error))
    typer.echo(f"Backed up to {path}: {_summary(check)}.")


def restore(
    path: Annotated[Path, typer.Argument(help="A file made by `pitchlab backup`.")],
    force: ForceOption = False,
) -> None:
    """Check the backup at PATH and make it the database; stop pitchlab first."""
    try:
        check = restore_sqlite(path, _database_file(), overwrite=force)
    except BackupError as error:
        _fail(f"Nothing was restored: {error}")
    typer.echo(f"Restored {check.path} from {path}: {_summary(check)}.")
    if not check.is_latest:
        typer.echo(
            "The backup is from an older schema; `pitchlab migrate` (or the next "
            "`pitchlab serve`) brings it up to date."
        )


def register(app: typer.Typer) -> None:
    app.command()(backup)
    app.command()(restore)
