"""`pitchlab export prfaq ID`: a PR/FAQ draft as Markdown, standalone HTML or DOCX."""

from pathlib import Path
from typing import Annotated, Literal

import typer
from sqlmodel import Session

from ..config import Settings
from ..db import create_db_engine
from ..models import PrfaqDraft
from ..prfaq.exports import export_file
from ..prfaq.library import draft_template
from ..prfaq.store import get_revision
from .export import app


@app.command("prfaq")
def export_prfaq(
    draft_id: Annotated[int, typer.Argument(help="The draft's id (see /prfaqs or the API).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    format: Annotated[
        Literal["md", "html", "docx"], typer.Option("--format", "-f", help="md, html or docx.")
    ] = "md",
    revision: Annotated[
        int | None, typer.Option(help="A revision number; the newest by default.")
    ] = None,
) -> None:
    """Write a PR/FAQ draft to a file in the draft's language."""
    engine = create_db_engine(Settings().database_url)
    with Session(engine) as session:
        draft = session.get(PrfaqDraft, draft_id)
        row = get_revision(session, draft_id, revision or draft.current_revision) if draft else None
        if row is None:
            where = f" at revision {revision}" if revision and draft else ""
            typer.echo(f"No PR/FAQ draft {draft_id}{where}.", err=True)
            raise typer.Exit(code=1)
        exported = export_file(draft_template(session, draft), draft, row, format)
    engine.dispose()
    output.write_bytes(exported.content)
    typer.echo(f"Wrote {output} (revision {row.number}).")
