"""`pitchlab bench`: time the compare page and the exports on a generated portfolio."""

from typing import Annotated

import typer


def bench(
    small: Annotated[bool, typer.Option("--small", help="A small portfolio (for CI).")] = False,
) -> None:
    """Generate a portfolio in a temporary database and time comparing and exporting it."""
    from ..bench import main  # imported here: the benchmark pulls in the whole app

    raise typer.Exit(main(["--small"] if small else []))


def register(app: typer.Typer) -> None:
    app.command()(bench)
