"""kill -9 in the middle of writes loses nothing the server acknowledged, and the database
comes back intact (issue 7)."""

import httpx
import pytest

from pitchlab.loadtest import describe, prepare, verify
from pitchlab.loadtest.crash import load_and_kill
from pitchlab.loadtest.record import ACKED

pytestmark = pytest.mark.reliability
USERS = 8
# The kill comes once this many writes were acknowledged, so it lands in the middle of writing.
ACKED_BEFORE_KILL = 40
LOAD_LIMIT_S = 30  # only bounds a stuck run


def test_kill_dash_nine_mid_load_loses_no_acknowledged_write(server, database_url):
    plan = prepare(database_url, users=USERS)
    server.start()
    seen = load_and_kill(
        plan,
        server,
        limit_s=LOAD_LIMIT_S,
        kill_when=lambda progress: progress.ledger.count(ACKED) >= ACKED_BEFORE_KILL,
    )
    assert httpx.get(f"{server.base_url}/healthz").json()["database"] == "up"  # restarted
    verdict = verify(database_url, plan, seen.ledger)
    report = f"{describe(seen, verdict)}\nserver log: {server.log_tail()}"
    assert seen.ledger.count(ACKED) >= ACKED_BEFORE_KILL, report
    assert sum(seen.stats.transport_errors.values()) > 0, report  # the kill hit the load
    assert verdict.ok, report  # includes SQLite's integrity_check == "ok"
