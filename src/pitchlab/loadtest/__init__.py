"""A bounded load generator that proves pitchlab loses no acknowledged write (issue 7).

    plan = prepare(database_url, users=8)            # evaluators and tokens, made in the database
    result = run_load_sync(plan, base_url, seconds=8)   # or await run_load(...)
    verdict = verify(database_url, plan, result.ledger)
    print(describe(result, verdict))

Or from a shell: python -m pitchlab.loadtest --seconds 60 --users 32 --serve --workers 3
Needs httpx (installed with pitchlab's test extra).
"""

from .plan import Plan, prepare
from .runner import LoadResult, describe, run_load, run_load_sync
from .server import ServerProcess
from .verify import Verdict, verify

__all__ = [
    "LoadResult",
    "Plan",
    "ServerProcess",
    "Verdict",
    "describe",
    "prepare",
    "run_load",
    "run_load_sync",
    "verify",
]
