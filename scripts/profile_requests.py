#!/usr/bin/env python3
"""Profile pitchlab's hottest requests in one thread with cProfile (issue 17).

    python scripts/profile_requests.py DB_URL [--runs 200] [--top 25] [--only save,list,compare]
                                              [--time]

DB_URL is a database holding the benchmark portfolio (`pitchlab bench portfolio`). The app runs
in this process through ASGI; plain endpoints, which Starlette hands to worker threads, run
inline instead, so cProfile sees the whole request. Prints each request's mean server time
and the functions with the most cumulative and own time; with --time, only the server time
without the profiler (the median of five batches of runs), to compare a change against its base.
"""

import argparse
import asyncio
import cProfile
import pstats
import statistics
import time
from urllib.parse import urlencode

import starlette.concurrency
from fastapi import dependencies, routing
from sqlmodel import Session, select

from pitchlab.app import create_app
from pitchlab.auth.sessions import SESSION_COOKIE, create_session
from pitchlab.bench_driver import _asgi_get
from pitchlab.config import Settings
from pitchlab.models import Evaluation, RubricCriterion, User
from pitchlab.web.csrf import CSRF_COOKIE, form_token, new_cookie_value


async def _inline(func, *args, **kwargs):
    return func(*args, **kwargs)


def _run_plain_functions_inline() -> None:
    # FastAPI imported run_in_threadpool by name: patch every module that holds it.
    for module in (starlette.concurrency, routing, dependencies.utils):
        module.run_in_threadpool = _inline


async def _call(app, method: str, path: str, headers: dict, body: bytes = b"") -> tuple[int, str]:
    status, answer = await _asgi_get(app, path, headers, method=method, body=body)
    return status, answer.decode()


def _login(app) -> tuple[dict, str, Evaluation]:
    """Cookies of a fresh session of the portfolio's admin, its CSRF token and a scorecard."""
    secret_key = app.state.settings.secret_key
    with Session(app.state.engine) as session:
        # A draft scorecard to save into (the shared harness starts one), and its evaluator.
        evaluation = session.exec(select(Evaluation).where(Evaluation.status == "draft")).first()
        if evaluation is None:
            raise SystemExit("No draft scorecard: start one first (the shared harness does).")
        key = create_session(session, session.get(User, evaluation.evaluator_id))
        session.refresh(evaluation)
        session.expunge_all()
    secret, cookie = new_cookie_value(secret_key)
    headers = {"cookie": f"{SESSION_COOKIE}={key}; {CSRF_COOKIE}={cookie}"}
    return headers, form_token(secret_key, secret, key), evaluation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database_url")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--only", default="save,list,compare")
    parser.add_argument("--time", action="store_true", help="time without the profiler")
    args = parser.parse_args()
    _run_plain_functions_inline()
    settings = Settings(
        database_url=args.database_url,
        environment="test",
        page_size=100,
        secret_key="profile-" + "x" * 40,
    )
    app = create_app(settings)
    headers, csrf, evaluation = _login(app)
    with Session(app.state.engine) as session:
        criteria = session.exec(
            select(RubricCriterion.id).where(
                RubricCriterion.version_id == evaluation.rubric_version_id
            )
        ).all()
    save_headers = {
        **headers,
        "x-csrf-token": csrf,
        "hx-request": "true",
        "content-type": "application/x-www-form-urlencoded",
    }
    counter = iter(range(10**9))

    def save():
        n = next(counter)
        path = f"/scorecards/{evaluation.id}/criteria/{criteria[n % len(criteria)]}"
        body = urlencode({"value": n % 5 + 1}).encode()
        return _call(app, "POST", path, save_headers, body)

    requests = {
        "save": save,
        "list": lambda: _call(app, "GET", "/companies", headers),
        "compare": lambda: _call(app, "GET", "/compare?tag=page", headers),
    }
    for name in args.only.split(","):
        make = requests[name]
        status, body = asyncio.run(make())  # warm-up
        assert status == 200, (name, status, body[:300])
        runs = args.runs if name != "compare" else max(5, args.runs // 20)

        async def many(make=make, runs=runs):
            for _ in range(runs):
                await make()

        if args.time:
            batches = []
            for _ in range(5):
                started = time.perf_counter()
                asyncio.run(many())
                batches.append((time.perf_counter() - started) / runs * 1000)
            median = statistics.median(batches)
            print(f"== {name}: {median:.3f} ms per request (median of 5 x {runs})")
            continue
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        asyncio.run(many())
        profiler.disable()
        elapsed = time.perf_counter() - started
        print(f"== {name}: {elapsed / runs * 1000:.2f} ms per request (profiled, {runs} runs)")
        stats = pstats.Stats(profiler).strip_dirs()
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
