"""`pitchlab export ...`: files for an investment memo (comparisons, PR/FAQs)."""

import typer

app = typer.Typer(
    help="Export portfolio comparisons and PR/FAQ drafts to files.", no_args_is_help=True
)
