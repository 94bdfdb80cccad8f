"""Under concurrent evaluators pitchlab answers every request without a 5xx and stores every
write it acknowledged, exactly once (issue 7). A short run for CI; the full one is
`python -m pitchlab.loadtest --seconds 60 --users 32 --serve`."""

from collections import defaultdict

import pytest

from pitchlab.loadtest import describe, prepare, run_load_sync, verify
from pitchlab.loadtest.record import ACKED

from .conftest import WORKERS, request_log

pytestmark = pytest.mark.reliability
USERS = 8
SECONDS = 6
# The kinds that must have run; compare and PR/FAQ join when their areas are installed.
CORE_KINDS = {"api_save", "page_save", "open_scorecard", "company_page", "scorecard_page"}


def test_concurrent_evaluators_lose_no_acknowledged_write(server, database_url):
    plan = prepare(database_url, users=USERS)
    # With several workers, a connection per request spreads each evaluator over all of them.
    result = run_load_sync(plan, server.start(), seconds=SECONDS, keep_alive=WORKERS == 1)
    verdict = verify(database_url, plan, result.ledger)
    report = f"{describe(result, verdict)}\nserver log: {server.log_tail()}"
    assert result.logins_failed == 0, report
    assert result.stats.server_errors == 0 and not result.stats.transport_errors, report
    assert not result.stats.unexpected, report
    assert verdict.ok and verdict.checked == result.ledger.count(ACKED) > 0, report
    assert CORE_KINDS <= set(result.stats.latencies_ms), report
    if WORKERS > 1:
        # Each evaluator was served by more than one worker, so no state can live in one of
        # them. Not "by every worker": which process accepts a connection is the kernel's
        # choice, and under a busy machine (the suite on every CPU) one may take few of them.
        workers_per_user = defaultdict(set)
        for line in request_log(server):
            workers_per_user[line["user_id"]].add(line["pid"])
        assert min(len(workers_per_user[e.user_id]) for e in plan.evaluators) >= 2, report
