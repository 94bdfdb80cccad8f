"""`pitchlab export comparison`: the portfolio comparison as a file, with the page's filters.

Run by an operator on the server, so it sees every submitted scorecard (conflicted evaluators
are still left out of each company's numbers and listed in the methodology).
"""

from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session

from ..compare.exporting import FORMATS, export_comparison
from ..compare.selection import Selection
from ..config import Settings
from ..db import create_db_engine
from ..models import PipelineStatus, Stage
from .export import app


def _choice(value: str | None, allowed, name: str) -> str | None:
    values = {item.value for item in allowed}
    if value is not None and value not in values:
        raise typer.BadParameter(f"use one of {', '.join(sorted(values))}", param_hint=name)
    return value


@app.command("comparison")
def comparison(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="csv, xlsx, json or pdf (a report with charts).")
    ] = "xlsx",
    stage: Annotated[str | None, typer.Option(help="Only companies at this stage.")] = None,
    status: Annotated[str | None, typer.Option(help="Only companies with this status.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only companies with this tag.")] = None,
    search: Annotated[str, typer.Option(help="Only names, sectors or tags with this.")] = "",
    company: Annotated[list[int] | None, typer.Option(help="A company id (repeatable).")] = None,
    pack: Annotated[
        list[str] | None, typer.Option(help="A rubric pack key (repeatable); default: all.")
    ] = None,
    anonymize: Annotated[bool, typer.Option(help="Replace evaluator names by pseudonyms.")] = False,
) -> None:
    """Write the portfolio comparison (summary, matrices, agreement, rank intervals, method)."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    selection = Selection(
        search=search.strip(),
        stage=_choice(stage, Stage, "--stage"),
        status=_choice(status, PipelineStatus, "--status"),
        tag=" ".join((tag or "").split()).lower() or None,
        company_ids=tuple(company or ()),
        pack_keys=tuple(pack or ()),
        anonymize=anonymize,
    )
    engine = create_db_engine(Settings().database_url)
    with Session(engine) as session:
        exported = export_comparison(session, selection, user=None, fmt=fmt)
    engine.dispose()
    output.write_bytes(exported.content)
    typer.echo(f"Wrote {output} ({len(exported.content):,} bytes).")
