"""Run a short plain endpoint in the event loop's thread rather than in a worker thread.

FastAPI hands every plain (`def`) endpoint to a worker thread. For an endpoint that is a few
milliseconds of Python, the hand-over costs more than the thread gives back (the GIL runs one
thread's Python at a time anyway). Measured with the shared harness (16 clients, 2 cores,
issue 17), the company list answered 57 requests a second from a worker thread and 126 in the
loop's thread.

Only for endpoints that are short and only read (GETs: SQLite's WAL readers never wait for the
writer). A short write is an async reads_first endpoint that writes through db.write, which
never waits in the loop's thread: waiting there for the write turn, held by a request whose
session the loop itself must close, stalled every request until the turn's timeout (the
autosave run inline as a plain function failed the load test so). Anything long (a comparison
of a whole portfolio, an export, an upload, a PDF) stays a plain endpoint, so one slow request
does not hold up every other.
"""

import functools


def runs_inline(endpoint):
    """Run this plain endpoint in the event loop's thread (see the module's note)."""

    @functools.wraps(endpoint)  # FastAPI reads the parameters through __wrapped__
    async def inline(*args, **kwargs):
        return endpoint(*args, **kwargs)

    return inline
