"""The database engine, its per-connection settings, and the session dependency.

SQLite's writers of one process take turns (write_turn.py); this module decides which
transactions are a writer's, and where a request may wait for its turn."""

from collections.abc import AsyncIterator, Callable
from functools import lru_cache
from typing import Annotated, TypeVar

from annotated_types import Ge, Le
from fastapi import Depends, Request
from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine
from starlette.concurrency import run_in_threadpool

from .write_turn import NO_WAIT_OPTION, WRITE_OPTION, TurnTaken, take_turns

# Milliseconds a SQLite writer waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT_MS = 5000
# Connections kept open between requests; more are opened (and closed after) when busy.
SQLITE_POOL_SIZE = 10
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
        take_turns(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


@lru_cache(maxsize=4)  # one per app; deriving an engine took 26 us a request
def autocommit_engine(engine: Engine) -> Engine:
    """The engine as a PostgreSQL request that does not write by its method uses it: every
    statement on its own, with no BEGIN and no ROLLBACK (issue 17).

    At READ COMMITTED a transaction gives reads no common snapshot (each statement takes its
    own), so a read-only transaction only cost two round trips. Ending it with ROLLBACK also
    made psycopg forget the connection's prepared statements; without it, a statement a
    connection has run five times is prepared, and PostgreSQL no longer parses and plans it on
    every request. A GET that does write (the home page notes the visit) writes one statement,
    which commits on its own."""
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def writer_engine(engine: Engine) -> Engine:
    """The engine as a writer uses it: every transaction IMMEDIATE, in the write turn on SQLite.

    For the CLI and background jobs too, so they wait their turn instead of failing with
    "database is locked" when a deferred read turns into a write (issue 11)."""
    return engine.execution_options(**{WRITE_OPTION: True})


# Set on an endpoint by reads_first(): its request reads in deferred transactions, and
# writes through write().
_READS_FIRST = "_pitchlab_reads_first"


def reads_first(endpoint):
    """Mark a writing async endpoint whose dependencies only read (issue 17).

    Its request's session reads in ordinary deferred transactions (the login session, the
    scorecard, the permission checks), in the event loop's thread, and takes the write turn
    only in write(), so the turn covers the statements that write and the reads they depend on.
    """
    setattr(endpoint, _READS_FIRST, True)
    return endpoint


Result = TypeVar("Result")
# How long a PostgreSQL write in the event loop's thread may wait for a row lock before it is
# rolled back and run again in a worker thread: a bound on how long the loop can stall.
LOOP_LOCK_TIMEOUT_MS = 50
_LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for a lock wait that timed out


async def write(session: Session, work: Callable[[Session], Result]) -> Result:
    """Run work(session) as one writer's transaction, commit it and return what work returned;
    for an async reads_first endpoint, whose reads ran in the event loop's thread (issue 17).

    The writes run in the loop's thread too, unless that would mean waiting: the holder of what
    they wait for may need the loop to let it go (its session closes there), so the loop must
    never wait for it. On SQLite the session's reading transaction ends first (objects read so
    far stay loaded; work re-reads inside the write whatever the write depends on), and the
    write turn is taken only if it is free, and it is unless a plain endpoint, the CLI or a job
    holds it (the loop's own writers take and give it back within one step); when held, the
    wait happens in a worker thread. On PostgreSQL the writes join the reading transaction: at
    READ COMMITTED each statement sees what others committed before it, so a new transaction
    would only cost a commit, a checkout and its ping. A row lock is waited for at most
    LOOP_LOCK_TIMEOUT_MS; then the transaction is rolled back and work runs again, from the
    start, in a worker thread. If work raises, the transaction is rolled back and the exception
    passes on. After the commit the session reads again, in transactions that never wait.
    """
    reader = session.get_bind()
    session.expire_on_commit = False
    if reader.dialect.name != "sqlite":
        return await _write_postgresql(session, work)
    session.commit()  # only reads so far: this ends the deferred transaction
    session.bind = writer_engine(reader).execution_options(**{NO_WAIT_OPTION: True})
    try:
        try:
            session.connection()  # BEGIN IMMEDIATE if the turn is free, else TurnTaken
        except TurnTaken:
            session.rollback()
            session.bind = writer_engine(reader)
            await run_in_threadpool(session.connection)  # waits for the turn in a worker thread
        # In the write turn, taken in the loop's thread or waited for in a worker's.
        return _committed(session, work)
    finally:
        session.bind = reader


async def _write_postgresql(session: Session, work: Callable[[Session], Result]) -> Result:
    session.connection().exec_driver_sql(f"SET LOCAL lock_timeout = {LOOP_LOCK_TIMEOUT_MS}")
    try:
        return _committed(session, work)
    except OperationalError as error:
        if getattr(error.orig, "sqlstate", None) != _LOCK_NOT_AVAILABLE:
            raise
    # Rolled back: the new transaction has no lock timeout, and waits in a worker thread.
    return await run_in_threadpool(_committed, session, work)


def _committed(session: Session, work: Callable[[Session], Result]) -> Result:
    try:
        done = work(session)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return done


def writes_from_start(request: Request) -> bool:
    """Whether the request's session writes from its first statement: IMMEDIATE transactions,
    each of which may wait for the write turn on SQLite. Writing methods do, unless their
    endpoint is reads_first; everything else reads in deferred transactions that never wait."""
    endpoint = request.scope.get("endpoint")
    return request.method in WRITE_METHODS and not getattr(endpoint, _READS_FIRST, False)


async def read_for(request: Request, function, *args):
    """Run a dependency's reads for this request: in the event loop's thread when its session
    only reads (such reads never wait, and a worker thread for them cost more than the read;
    issue 17), in a worker thread when its first statement may wait for the write turn."""
    if writes_from_start(request):
        return await run_in_threadpool(function, *args)
    return function(*args)


async def get_session(request: Request) -> AsyncIterator[Session]:
    """Yield a session bound to the app's engine for the length of the endpoint.

    A writing request (by its method: GETs write at most a single statement) gets IMMEDIATE
    transactions, each in the write turn, unless its endpoint is marked reads_first; on
    PostgreSQL any other request reads in autocommit (autocommit_engine). The request body is
    read before this runs (web.guard), and the session closes when the endpoint returns
    (scope="function"), before the response is sent and before any background task, so
    neither a slow client nor a job holds the turn. Async, though the session is used from
    worker threads: opening one touches no database, and a plain function here cost every
    request a thread hop.
    """
    engine = request.app.state.engine
    if request.method not in WRITE_METHODS and engine.dialect.name != "sqlite":
        engine = autocommit_engine(engine)
    elif writes_from_start(request):
        # Every transaction of the request, not only the first: after a commit, a deferred
        # transaction that reads and then writes fails at once with "database is locked" when
        # another writer committed in between (found by the issue 7 load test, 8 users).
        engine = writer_engine(engine)
    with Session(engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
