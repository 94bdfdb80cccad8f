"""`pitchlab export ...`: files for an investment memo (comparisons, memos, packs, PR/FAQs)."""

import typer

app = typer.Typer(
    help="Export portfolio comparisons, IC memos and packs, and PR/FAQ drafts to files.",
    no_args_is_help=True,
)
