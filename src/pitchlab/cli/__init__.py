"""The `pitchlab` command line."""

import typer

from . import database

app = typer.Typer(help="pitchlab: evaluate AI startups with rubrics, scorecards and PR/FAQs.",
                  no_args_is_help=True, add_completion=False)
database.register(app)


def main() -> None:
    app()
