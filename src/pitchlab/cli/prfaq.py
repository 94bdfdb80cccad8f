"""`pitchlab prfaq ...`: check and import PR/FAQ template files."""

from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session

from ..config import Settings
from ..db import create_db_engine, writer_engine
from ..prfaq.library import TemplateVersionTaken, install_template
from ..prfaq.templates import TemplateInvalid, load_template

app = typer.Typer(help="Check and import PR/FAQ template files.", no_args_is_help=True)


@app.command()
def check(files: Annotated[list[Path], typer.Argument(help="Template files (YAML).")]) -> None:
    """Validate template files; print FILE: FIELD: PROBLEM for each error."""
    failed = 0
    for path in files:
        try:
            load_template(path)
        except OSError as error:
            typer.echo(f"{path}: cannot read the file: {error.strerror}", err=True)
            failed += 1
        except TemplateInvalid as invalid:
            for error in invalid.errors:
                typer.echo(str(error), err=True)
            failed += 1
        else:
            typer.echo(f"{path}: ok")
    if failed:
        raise typer.Exit(code=1)


@app.command("import")
def import_template(file: Annotated[Path, typer.Argument(help="A template file to add.")]) -> None:
    """Add a template, or a new version of one (the version number is in the file)."""
    try:
        template = load_template(file)
    except TemplateInvalid as invalid:
        for error in invalid.errors:
            typer.echo(str(error), err=True)
        raise typer.Exit(code=1) from None
    engine = writer_engine(create_db_engine(Settings().database_url))
    with Session(engine) as session:
        try:
            _row, added = install_template(session, template, source=str(file))
        except TemplateVersionTaken as taken:
            typer.echo(str(taken.error), err=True)
            raise typer.Exit(code=1) from None
    engine.dispose()
    state = "Imported" if added else "Already installed:"
    typer.echo(f"{state} {template.key} version {template.version}.")
