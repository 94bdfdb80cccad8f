"""The database engine, its per-connection settings, and the session dependency."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

# Milliseconds a SQLite writer waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT_MS = 5000
WRITE_OPTION = "pitchlab_writes"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _configure_sqlite(dbapi_connection, _record) -> None:
    # WAL lets readers and one writer work at once; NORMAL is durable in WAL mode and
    # much faster than FULL; foreign keys are off in SQLite unless asked for.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin(connection) -> None:
    # pysqlite's own transaction handling is off (isolation_level=None), so we start each
    # transaction ourselves. A writing request asks for IMMEDIATE: it takes the write lock
    # up front and waits (busy_timeout) for it, where a deferred transaction that reads and
    # then writes could fail at once when another writer committed in between. Reads stay
    # deferred so they never hold the write lock.
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_db_engine(url: str) -> Engine:
    """Build an engine for SQLite or PostgreSQL with the settings each needs."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "isolation_level": None},
        )
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def get_session(request: Request) -> Iterator[Session]:
    """Yield a session bound to the app's engine for the length of one request."""
    with Session(request.app.state.engine) as session:
        if request.method in WRITE_METHODS:
            session.connection(execution_options={WRITE_OPTION: True})
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
