"""Load a server, kill -9 it mid-load, start it again: what a power cut does (issue 7)."""

import threading
import time
from collections.abc import Callable

from .plan import Plan
from .runner import LoadResult, run_load_sync
from .server import ServerProcess

# After the kill, requests keep failing for a moment, so the crash is seen by the load.
AFTER_KILL_S = 0.5
JOIN_TIMEOUT_S = 60
POLL_S = 0.05


def load_and_kill(
    plan: Plan, server: ServerProcess, *, kill_when: Callable[[LoadResult], bool], limit_s: float
) -> LoadResult:
    """Load the running `server`, kill it once `kill_when(progress)` holds, restart it.

    Returns what the load saw; every write it saw acknowledged must survive (verify()).
    """
    stop, progress = threading.Event(), LoadResult()
    thread = threading.Thread(
        target=lambda: run_load_sync(
            plan, server.base_url, seconds=limit_s, stop=stop, result=progress
        )
    )
    thread.start()
    deadline = time.monotonic() + limit_s
    while thread.is_alive() and not kill_when(progress) and time.monotonic() < deadline:
        time.sleep(POLL_S)
    server.kill()
    time.sleep(AFTER_KILL_S)
    stop.set()
    thread.join(JOIN_TIMEOUT_S)
    server.start()
    return progress
