"""`pitchlab rubrics ...`: check, import and export rubric pack files."""

from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session

from ..config import Settings
from ..db import create_db_engine, writer_engine
from ..rubrics.constructs import construct_problems
from ..rubrics.packfile import dump_pack, load_pack_file
from ..rubrics.store import construct_clashes, get_pack_version, save_pack, to_pack_file

app = typer.Typer(help="Check, import and export rubric pack files.", no_args_is_help=True)


@app.command()
def check(files: Annotated[list[Path], typer.Argument(help="Pack files (YAML or JSON).")]) -> None:
    """Validate pack files; print FILE: FIELD: PROBLEM for each error."""
    failed = 0
    packs = []
    for path in files:
        pack, errors = load_pack_file(path)
        for error in errors:
            typer.echo(str(error), err=True)
        if errors:
            failed += 1
        else:
            packs.append(pack)
            typer.echo(f"{path}: ok")
    # Files checked together must also keep one home per construct (issue 15).
    for problem in construct_problems(packs):
        typer.echo(f"constructs: {problem}", err=True)
        failed += 1
    if failed:
        raise typer.Exit(code=1)


@app.command("import")
def import_pack(file: Annotated[Path, typer.Argument(help="A pack file to add.")]) -> None:
    """Add a pack, or a new version of it when its key exists and it has been scored."""
    pack_file, errors = load_pack_file(file)
    for error in errors:
        typer.echo(str(error), err=True)
    if pack_file is None:
        raise typer.Exit(code=1)
    engine = writer_engine(create_db_engine(Settings().database_url))
    with Session(engine) as session:
        clashes = construct_clashes(session, pack_file)
        for clash in clashes:
            typer.echo(f"{file}: {clash}", err=True)
        if clashes:
            raise typer.Exit(code=1)
        version = save_pack(session, pack_file)
        typer.echo(f"Imported {pack_file.key} as version {version.version}.")


@app.command()
def export(
    key: Annotated[str, typer.Argument(help="The pack's key, e.g. problem-space.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    version: Annotated[
        int | None, typer.Option(help="A version number; the newest by default.")
    ] = None,
) -> None:
    """Write a pack version to a file in the seed format."""
    engine = create_db_engine(Settings().database_url)
    with Session(engine) as session:
        entry = get_pack_version(session, key, version)
        if entry is None:
            typer.echo(
                f"No rubric pack {key!r}" + (f" at version {version}" if version else ""), err=True
            )
            raise typer.Exit(code=1)
        output.write_text(dump_pack(to_pack_file(entry)), encoding="utf-8")
    typer.echo(f"Wrote {output}.")
