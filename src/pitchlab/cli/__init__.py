"""The `pitchlab` command line."""

import typer

from . import database, rubrics, users

app = typer.Typer(help="pitchlab: evaluate AI startups with rubrics, scorecards and PR/FAQs.",
                  no_args_is_help=True, add_completion=False)
database.register(app)
users.register(app)
app.add_typer(rubrics.app, name="rubrics")


def main() -> None:
    app()
