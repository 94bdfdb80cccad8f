"""The write turn: one process's SQLite writers, queued first come, first served (issue 7, 11).

A transaction is a writer's when its connection carries WRITE_OPTION (db.writer_engine). It
takes the turn when it begins, as BEGIN IMMEDIATE, and gives it back when it commits or rolls
back; with NO_WAIT_OPTION too it takes the turn only if it is free (db.write, in the event
loop's thread, issue 17). take_turns() installs this on a SQLite engine.
"""

import functools
import threading
from collections import deque

from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError

WRITE_OPTION = "pitchlab_writes"
# Set with WRITE_OPTION by db.write(): take the turn only if it is free, never wait for it.
NO_WAIT_OPTION = "pitchlab_no_wait"
# Seconds a writer waits in the queue for its turn before the request fails (503).
WRITE_TURN_TIMEOUT_S = 30
_HOLDS_TURN = "pitchlab_holds_write_turn"


class WriteTurn:
    """A first-come, first-served lock for the SQLite writers of one process (issue 7, 11).

    SQLite's own wait for its write lock polls with growing sleeps, so the writer that waited
    longest tries least often: under 32 writers some waited past the busy timeout and got
    "database is locked" (issue 7). Writers queue here instead, each handed the turn in order.
    A transaction takes the turn when it begins and gives it back when it ends (see
    _begin/_end), so the turn covers the database work only: never the reading of a request
    body, the rendering of a page or a background task (issue 11).
    """

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._held = False
        self._waiters: deque[threading.Lock] = deque()

    def acquire(self, timeout: float) -> bool:
        with self._mutex:
            if not self._held:
                self._held = True
                return True
            handover = threading.Lock()
            handover.acquire()
            self._waiters.append(handover)
        if handover.acquire(timeout=timeout):
            return True  # release() handed the turn over
        with self._mutex:
            if handover in self._waiters:
                self._waiters.remove(handover)
                return False
        return True  # handed over just as the wait timed out

    def try_acquire(self) -> bool:
        """Take the turn if nobody holds it; never wait (and never pass a waiter)."""
        with self._mutex:
            if self._held:
                return False
            self._held = True
            return True

    def release(self) -> None:
        with self._mutex:
            if self._waiters:
                self._waiters.popleft().release()  # the turn passes on; _held stays True
            else:
                self._held = False


class TurnTaken(Exception):
    """The write turn is held and the transaction was asked not to wait for it."""


class WriteTurnTimeout(OperationalError):
    """A writer waited longer than WRITE_TURN_TIMEOUT_S for the write turn."""

    def __init__(self) -> None:
        super().__init__("BEGIN IMMEDIATE", {}, Exception("database is busy"))


def _begin(turn: WriteTurn, connection) -> None:
    # pysqlite's own transaction handling is off (isolation_level=None), so we start each
    # transaction ourselves. A writing request asks for IMMEDIATE: it takes the write lock
    # up front, where a deferred transaction that reads and then writes could fail at once
    # when another writer committed in between. Reads stay deferred and never wait.
    options = connection.get_execution_options()
    if not options.get(WRITE_OPTION, False):
        connection.exec_driver_sql("BEGIN")
        return
    if options.get(NO_WAIT_OPTION, False):
        if not turn.try_acquire():
            raise TurnTaken()
    elif not turn.acquire(WRITE_TURN_TIMEOUT_S):
        raise WriteTurnTimeout()
    connection.info[_HOLDS_TURN] = turn
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    except BaseException:
        _end(connection)
        raise


def _end(connection, *_args) -> None:
    turn = connection.info.pop(_HOLDS_TURN, None)
    if turn is not None:
        turn.release()


def _end_on_checkin(_dbapi_connection, record) -> None:
    # A connection handed back to the pool never keeps the turn, whatever path it took.
    turn = record.info.pop(_HOLDS_TURN, None)
    if turn is not None:
        turn.release()


def take_turns(engine: Engine) -> None:
    """Queue the engine's writers in one turn, shared by every copy of it with other options."""
    event.listen(engine, "begin", functools.partial(_begin, WriteTurn()))
    event.listen(engine, "commit", _end)
    event.listen(engine, "rollback", _end)
    event.listen(engine, "checkin", _end_on_checkin)
