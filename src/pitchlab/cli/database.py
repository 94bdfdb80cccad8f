"""Commands that run the server and look after its database."""

import os
from typing import Annotated

import typer
import uvicorn
from sqlmodel import Session

from ..config import Settings
from ..db import create_db_engine
from ..migrate import has_pending_migrations, upgrade
from ..seeding import seed_all
from ..web.logging import configure_logging, logging_config

# uvicorn kills a worker that misses its 5 s health check, with the requests it is serving; a
# worker busy with a long export or a burst of password hashing can miss it (issue 7).
WORKER_HEALTHCHECK_TIMEOUT_S = 30


def _engine(settings: Settings):
    return create_db_engine(settings.database_url)


def migrate() -> None:
    """Upgrade the database schema to the latest migration."""
    settings = Settings()
    engine = _engine(settings)
    if not has_pending_migrations(engine):
        typer.echo("The database is up to date.")
        return
    upgrade(engine)
    typer.echo("Migrated the database to the latest schema.")


def seed(
    demo: Annotated[bool, typer.Option(help="Also load the fictional demo portfolio.")] = True,
) -> None:
    """Load rubric packs, templates and (by default) the demo portfolio. Safe to repeat."""
    settings = Settings()
    engine = _engine(settings)
    upgrade(engine)
    with Session(engine) as session:
        report = seed_all(session, demo=demo)
    if report.total == 0:
        typer.echo("Nothing to add: the seed data is already there.")
    for kind, number in sorted(report.added.items()):
        typer.echo(f"Added {number} {kind}.")


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (PostgreSQL only).")] = 1,
    demo: Annotated[
        bool, typer.Option(help="Seed the demo portfolio into an empty database.")
    ] = True,
) -> None:
    """Run the web app; a SQLite database is created, migrated and seeded on first start."""
    settings = Settings()
    configure_logging()
    engine = _engine(settings)
    if settings.is_sqlite or settings.auto_migrate:
        upgrade(engine)
    if demo and not has_pending_migrations(engine):
        # Idempotent, so a demo database also gets what later versions add to the seeds.
        with Session(engine) as session:
            seed_all(session, demo=True)
        os.environ["PITCHLAB_DEMO"] = "true"
    engine.dispose()
    if workers > 1 and settings.is_sqlite:
        raise typer.BadParameter("Several workers need PostgreSQL; SQLite takes one writer.")
    typer.echo(f"pitchlab is running on http://{host}:{port}")
    # JSON log lines; log_config is applied again in each worker process uvicorn starts.
    uvicorn.run(
        "pitchlab.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        log_config=logging_config(),
        access_log=False,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_TIMEOUT_S,
    )


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(migrate)
    app.command()(seed)
