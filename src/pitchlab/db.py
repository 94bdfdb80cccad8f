"""The database engine, its per-connection settings, and the session dependency."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Annotated

from annotated_types import Ge, Le
from fastapi import Depends, Request
from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

# Milliseconds a SQLite writer waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT_MS = 5000
# Connections kept open between requests; more are opened (and closed after) when busy.
SQLITE_POOL_SIZE = 10
WRITE_OPTION = "pitchlab_writes"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Ids, version and revision numbers are 32-bit INTEGER columns on PostgreSQL. A larger one in a
# URL names no row, and on SQLite (64-bit) it made the driver raise OverflowError, a 500
# (found by schemathesis, issue 7): parameters typed RowId refuse it with 422 instead.
MAX_ROW_ID = 2**31 - 1
RowId = Annotated[int, Ge(1), Le(MAX_ROW_ID)]


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
    # Endpoints are plain functions (see web.forms.submitted_form), so this wait happens in a
    # worker thread, never on the event loop.
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _without_nul(parameters):
    if isinstance(parameters, dict):
        return {key: _without_nul(value) for key, value in parameters.items()}
    if isinstance(parameters, (list, tuple)):
        return type(parameters)(_without_nul(value) for value in parameters)
    if isinstance(parameters, str) and "\x00" in parameters:
        return parameters.replace("\x00", "")
    return parameters


def _drop_nul_characters(_conn, _cursor, statement, parameters, _context, _executemany):
    # PostgreSQL refuses text with a NUL character, so "?q=a%00b" or a name with one was a 500
    # there (found by schemathesis, issue 7). No text pitchlab stores or searches needs NUL:
    # it is dropped from every bound string, on SQLite too so both databases behave alike.
    return statement, _without_nul(parameters)


def create_db_engine(url: str) -> Engine:
    """Build an engine for SQLite or PostgreSQL with the settings each needs."""
    engine = _engine_for(url)
    event.listen(engine, "before_cursor_execute", _drop_nul_characters, retval=True)
    return engine


def _engine_for(url: str) -> Engine:
    if url.startswith("sqlite"):
        # No cap on connections (max_overflow=-1): the write lock, not the pool, bounds SQLite.
        # A capped pool made requests queue for a connection, and an async endpoint that needs a
        # fresh one after its commit queued on the event loop, stalling every request until some
        # writer gave up on the lock ("database is locked"; issue 7's load test, 32 users).
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "isolation_level": None},
            pool_size=SQLITE_POOL_SIZE,
            max_overflow=-1,
        )
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _writes(request: Request) -> bool:
    # GETs never write (opening a scorecard is a POST), so the method tells.
    return request.method in WRITE_METHODS


async def _write_turn(request: Request) -> AsyncIterator[None]:
    """On SQLite, let one writing request of this process at a time in, first come first served.

    SQLite's own wait for its write lock polls with growing sleeps, so the writer that has
    waited longest tries least often: under 32 writers some waited past the busy timeout and
    got "database is locked" (issue 7's load test). This queue is fair, and a request waiting
    in it holds no worker thread. It has no timeout of its own: each turn is bounded by the
    busy timeout and the request's own work (and asyncio.wait_for around acquire() can leak the
    lock on Python 3.11). Other processes (the CLI) still meet the busy timeout.
    """
    app = request.app
    if app.state.engine.dialect.name != "sqlite" or not _writes(request):
        yield
        return
    if getattr(app.state, "write_queue", None) is None:
        app.state.write_queue = asyncio.Lock()
    async with app.state.write_queue:
        yield


def get_session(
    request: Request, _turn: Annotated[None, Depends(_write_turn)] = None
) -> Iterator[Session]:
    """Yield a session bound to the app's engine for the length of one request."""
    engine = request.app.state.engine
    writes = _writes(request)
    if writes:
        # Every transaction of the request, not only the first: after a commit, a deferred
        # transaction that reads and then writes fails at once with "database is locked" when
        # another writer committed in between (found by the issue 7 load test, 8 users).
        engine = engine.execution_options(**{WRITE_OPTION: True})
    with Session(engine) as session:
        if writes:
            session.connection()  # takes the lock here, in a worker thread
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
