"""`pitchlab bench`: time the compare page and the exports on a generated portfolio;
`pitchlab bench portfolio`: write that portfolio into a database of one's own (issue 17)."""

from typing import Annotated

import typer

app = typer.Typer(
    help="Benchmark comparing and exporting on a generated 2,000-company portfolio.",
    invoke_without_command=True,
    no_args_is_help=False,
)


@app.callback()
def bench(
    context: typer.Context,
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
    if context.invoked_subcommand is not None:
        return
    from ..bench import main  # imported here: the benchmark pulls in the whole app

    raise typer.Exit(
        main(
            [
                *(["--small"] if small else []),
                *(["--database-url", database_url] if database_url else []),
            ]
        )
    )


@app.command()
def portfolio(
    database_url: Annotated[
        str, typer.Option("--database-url", help="The database to write to (SQLite or PostgreSQL).")
    ],
    small: Annotated[bool, typer.Option("--small", help="The small portfolio.")] = False,
) -> None:
    """Write the benchmark portfolio into an empty database, for timing pages under load."""
    # Migrated first if need be; the benchmark pack has level texts, so its pages render.
    from sqlmodel import Session, func, select

    from ..benchdata import FULL, SMALL, advance_sequences, generate_portfolio
    from ..config import normalize_database_url
    from ..db import create_db_engine
    from ..migrate import upgrade
    from ..models import Company, User

    engine = create_db_engine(normalize_database_url(database_url))
    upgrade(engine)
    with Session(engine) as session:
        if (
            session.exec(select(func.count()).select_from(User)).one()
            or session.exec(select(func.count()).select_from(Company)).one()
        ):
            typer.echo("The database already has users or companies: give an empty one.", err=True)
            raise typer.Exit(1)
        size = SMALL if small else FULL
        generate_portfolio(session, size)
        advance_sequences(session)
    engine.dispose()
    typer.echo(f"Wrote {size.companies:,} companies and their scorecards to the database.")


def register(main_app: typer.Typer) -> None:
    main_app.add_typer(app, name="bench")
