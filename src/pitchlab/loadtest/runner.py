"""Run the virtual evaluators against a server for a bounded time, and say what they saw."""

import asyncio
import random
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from .plan import Plan
from .record import ACKED, REFUSED, UNKNOWN, Ledger, Stats
from .scenarios import SCENARIOS, Scenario, Unavailable, VirtualUser
from .verify import Verdict

# Load is only ever aimed at this machine (issue 7's rule for load tests).
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_SECONDS = 600
REQUEST_TIMEOUT_S = 30.0
# After a request got no answer (the server is down), wait before the next try.
RETRY_PAUSE_S = 0.2
LOGIN_KINDS = ("login_page", "login")


@dataclass
class LoadResult:
    ledger: Ledger = field(default_factory=Ledger)
    stats: Stats = field(default_factory=Stats)
    logins_failed: int = 0


def check_base_url(base_url: str) -> None:
    host = urlsplit(base_url).hostname
    if host not in LOOPBACK_HOSTS:
        raise ValueError(f"load tests run against this machine only, not {host!r}")


async def _evaluator_loop(
    user: VirtualUser,
    scenarios: Mapping[str, tuple[int, Scenario]],
    deadline: float,
    stop: threading.Event,
    result: LoadResult,
) -> None:
    while time.monotonic() < deadline and not stop.is_set():
        names = [name for name in scenarios if name not in result.stats.unavailable]
        if not names:
            return
        name = user.rng.choices(names, weights=[scenarios[n][0] for n in names])[0]
        unanswered = user.unanswered
        try:
            await scenarios[name][1](user)
        except Unavailable:
            result.stats.unavailable.add(name)
        if user.unanswered > unanswered:
            await asyncio.sleep(RETRY_PAUSE_S)


async def run_load(
    plan: Plan,
    base_url: str,
    *,
    seconds: float,
    scenarios: Mapping[str, tuple[int, Scenario]] = SCENARIOS,
    stop: threading.Event | None = None,
    seed: int = 7,
    keep_alive: bool = True,
    result: LoadResult | None = None,
) -> LoadResult:
    """Every evaluator in `plan` logs in and works until `seconds` pass or `stop` is set.

    Without keep_alive each request opens a connection, so with several server workers one
    evaluator's requests land on different ones. Pass `result` to watch it fill while running.
    """
    check_base_url(base_url)
    seconds = min(seconds, MAX_SECONDS)
    stop = stop or threading.Event()
    result = result or LoadResult()
    limits = httpx.Limits() if keep_alive else httpx.Limits(max_keepalive_connections=0)
    clients = [
        httpx.AsyncClient(
            base_url=base_url, timeout=REQUEST_TIMEOUT_S, limits=limits, follow_redirects=False
        )
        for _ in plan.evaluators
    ]
    try:
        users = [
            VirtualUser(
                plan,
                evaluator,
                number,
                client,
                result.ledger,
                result.stats,
                random.Random(seed * 1000 + number),
            )
            for number, (evaluator, client) in enumerate(
                zip(plan.evaluators, clients, strict=False)
            )
        ]
        # Everyone logs in first: the timed part is steady work, not a burst of password hashing.
        logged_in = await asyncio.gather(*(user.log_in() for user in users))
        result.logins_failed = logged_in.count(False)
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(
            *(
                _evaluator_loop(user, scenarios, deadline, stop, result)
                for user, ok in zip(users, logged_in, strict=False)
                if ok
            )
        )
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    result.stats.seconds = time.monotonic() - started
    return result


def describe(result: LoadResult, verdict: Verdict | None = None) -> str:
    """The run in a few lines: throughput, latency per kind, errors, and the database's verdict."""
    stats = result.stats
    # Logins happen before the clock starts, so they are left out of the rate.
    timed = stats.requests - sum(len(stats.latencies_ms.get(kind, ())) for kind in LOGIN_KINDS)
    lines = [
        f"{stats.requests} requests ({timed} in {stats.seconds:.1f} s after logging in: "
        f"{timed / max(stats.seconds, 1e-9):.1f}/s); "
        f"5xx: {stats.server_errors}; no answer: {sum(stats.transport_errors.values())}; "
        f"failed logins: {result.logins_failed}",
        f"writes: {len(result.ledger.writes)} attempted, "
        f"{result.ledger.count(ACKED)} acknowledged, {result.ledger.count(REFUSED)} refused, "
        f"{result.ledger.count(UNKNOWN)} unknown",
        *stats.table(),
    ]
    if stats.client_errors():
        refused = sorted(stats.client_errors().items())
        lines.append(
            "4xx: " + ", ".join(f"{kind} {status} x{count}" for (kind, status), count in refused)
        )
    if stats.unexpected:
        lines.append(
            "writes answered unexpectedly: "
            + ", ".join(
                f"{kind} {status} {location or ''} x{count}"
                for (kind, status, location), count in sorted(stats.unexpected.items(), key=str)
            )
        )
    if stats.unavailable:
        lines.append("not installed (404), skipped: " + ", ".join(sorted(stats.unavailable)))
    if verdict is not None:
        lines.append(verdict.summary())
    return "\n".join(lines)


def run_load_sync(plan: Plan, base_url: str, **options) -> LoadResult:
    """run_load from synchronous code, in a thread of its own: the caller's thread may already
    run an event loop (pytest after the Playwright browser tests does)."""
    outcome: list[LoadResult] = []
    thread = threading.Thread(
        target=lambda: outcome.append(asyncio.run(run_load(plan, base_url, **options)))
    )
    thread.start()
    thread.join()
    if not outcome:
        raise RuntimeError("the load run failed; its traceback is above")
    return outcome[0]
