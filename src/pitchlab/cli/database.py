"""Commands that run the server and look after its database."""

import inspect
import os
from typing import Annotated

import typer
import uvicorn
from sqlmodel import Session
from uvicorn.supervisors import Multiprocess

from ..auth.firstrun import KnownCredentials, has_admin, issue_setup_token, refuse_known_credentials
from ..config import Settings
from ..db import create_db_engine, writer_engine
from ..migrate import has_pending_migrations, upgrade
from ..seeding import seed_all
from ..web.logging import configure_logging, logging_config

# uvicorn kills a worker that misses its 5 s health check, with the requests it is serving; a
# worker busy with a long export or a burst of password hashing can miss it (issue 7).
WORKER_HEALTHCHECK_TIMEOUT_S = 30


def _engine(settings: Settings):
    # Every transaction IMMEDIATE, so the CLI's writes wait their turn beside a running app.
    return writer_engine(create_db_engine(settings.database_url))


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
    demo: Annotated[
        bool | None,
        typer.Option(help="Also load the fictional demo portfolio (development only)."),
    ] = None,
) -> None:
    """Load rubric packs, templates and, in development, the demo portfolio. Safe to repeat."""
    settings = Settings()
    if demo and not settings.allows_demo:
        typer.echo(
            "The demo portfolio and its published passwords are for development only "
            f"(PITCHLAB_ENVIRONMENT is {settings.environment}).",
            err=True,
        )
        raise typer.Exit(2)
    engine = _engine(settings)
    upgrade(engine)
    with Session(engine) as session:
        report = seed_all(session, demo=settings.allows_demo if demo is None else demo)
    if report.total == 0:
        typer.echo("Nothing to add: the seed data is already there.")
    for kind, number in sorted(report.added.items()):
        typer.echo(f"Added {number} {kind}.")


def _prepare_to_serve(settings: Settings, *, demo: bool) -> str | None:
    """Migrate, seed and check the database before serving; returns a first-admin setup token
    when the database has no admin yet. Exits when production finds demo credentials."""
    engine = _engine(settings)
    try:
        if settings.is_sqlite or settings.auto_migrate:
            upgrade(engine)
        if has_pending_migrations(engine):
            return None  # the app refuses to start and says why
        with Session(engine) as session:
            # Idempotent, so a database also gets what later versions add to the seeds.
            seed_all(session, demo=demo and settings.allows_demo)
            if settings.environment == "production":
                try:
                    refuse_known_credentials(session)
                except KnownCredentials as error:
                    typer.echo(f"pitchlab cannot start: {error}", err=True)
                    raise typer.Exit(2) from None
            return None if has_admin(session) else issue_setup_token(session)
    finally:
        engine.dispose()


class _AnnouncingServer(uvicorn.Server):
    """Says the server is running once its socket is bound, not before (issue 11)."""

    def __init__(self, config: uvicorn.Config, announcement: str) -> None:
        super().__init__(config)
        self.announcement = announcement

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            typer.echo(self.announcement)


def _worker_target(server) -> dict:
    # Newer uvicorn (0.55 here) builds each worker's server itself and takes no target: passing
    # one raised TypeError, so `serve --workers 2` never started (found by issue 17's PG run).
    if "target" in inspect.signature(Multiprocess.__init__).parameters:
        return {"target": server.run}
    return {}


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (PostgreSQL only).")] = 1,
    demo: Annotated[
        bool, typer.Option(help="Seed the demo portfolio (in development only).")
    ] = True,
) -> None:
    """Run the web app; a SQLite database is created, migrated and seeded on first start."""
    settings = Settings()
    configure_logging()
    if workers > 1 and settings.is_sqlite:
        raise typer.BadParameter("Several workers need PostgreSQL; SQLite takes one writer.")
    setup_token = _prepare_to_serve(settings, demo=demo)
    if demo and settings.allows_demo:
        os.environ["PITCHLAB_DEMO"] = "true"
    announcement = f"pitchlab is running on http://{host}:{port}"
    if setup_token:
        announcement += (
            "\nThis database has no admin yet. Open this link once to create one (it works "
            f"for 24 hours): http://{host}:{port}/setup/{setup_token}\n"
            "or run `pitchlab user add EMAIL --role admin`."
        )
    # JSON log lines; log_config is applied again in each worker process uvicorn starts.
    config = uvicorn.Config(
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
    server = _AnnouncingServer(config, announcement)
    if workers > 1:
        # As uvicorn.run does: the supervisor binds once and hands the socket to each worker.
        socket = config.bind_socket()
        typer.echo(announcement)
        Multiprocess(config, sockets=[socket], **_worker_target(server)).run()
    else:
        server.run()


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(migrate)
    app.command()(seed)
