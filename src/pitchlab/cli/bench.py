"""`pitchlab bench`: time the compare page and the exports on a generated portfolio."""

from typing import Annotated

import typer


def bench(
    small: Annotated[bool, typer.Option("--small", help="A small portfolio (for CI).")] = False,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="A PostgreSQL server to run on, in a scratch database it "
            "creates and drops (default: a temporary SQLite file).",
        ),
    ] = None,
) -> None:
    """Generate a portfolio in a temporary database and time comparing and exporting it."""
    from ..bench import main  # imported here: the benchmark pulls in the whole app

    raise typer.Exit(
        main(
            [
                *(["--small"] if small else []),
                *(["--database-url", database_url] if database_url else []),
            ]
        )
    )


def register(app: typer.Typer) -> None:
    app.command()(bench)
