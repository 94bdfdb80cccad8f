"""The portfolio benchmark: how fast comparing and exporting are on a large fund's data.

    python -m pitchlab.bench [--small] [--database-url URL]
    pitchlab bench [--small] [--database-url URL]

Builds a temporary SQLite database with a generated portfolio (by default 2,000 companies,
one 32-criterion pack, 10 evaluators, 3 submitted scorecards per company: 192,000 scores),
then drives the real app in this process, through ASGI, and prints the compare page's server
time for 200 companies, CSV and XLSX export times for every company, the SQL statements each
request runs (which must not grow with the portfolio) and the process's peak memory.

With --database-url postgresql://..., the same runs on a scratch database that the benchmark
creates on that PostgreSQL server and drops afterwards (the user needs CREATEDB).
"""

import argparse
import resource
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlmodel import Session

from .app import create_app
from .auth.tokens import create_token
from .bench_driver import _get, release_memory
from .bench_pages import page_figures, report_pages
from .benchdata import FULL, SMALL, Size, generate_portfolio
from .config import Settings, normalize_database_url
from .documents.bench import document_figures, report_documents
from .migrate import upgrade
from .models import User
from .reports.bench import add_bench_meeting, pack_figures, report_pack

TARGET_COMPARE_MS = 100  # 200 of 2,000 companies, server time (issue 17)
TARGET_CSV_S = 1.0
TARGET_XLSX_S = 5.0
TARGET_HOME_MS = 100
TARGET_MEMORY_MB = 250


class StatementCounter:
    """Counts the SQL statements an engine sends to the database."""

    def __init__(self, engine) -> None:
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args) -> None:
        self.count += 1


@dataclass
class Timing:
    seconds: list[float]
    statements: int
    size_bytes: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def _measure(app, counter: StatementCounter, path: str, headers: dict, runs: int) -> Timing:
    seconds = []
    for _ in range(runs):
        before = counter.count
        started = time.perf_counter()
        status, body = _get(app, path, headers)
        seconds.append(time.perf_counter() - started)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}: {body[:300]!r}")
    release_memory()
    return Timing(seconds=seconds, statements=counter.count - before, size_bytes=len(body))


def _peak_memory_mb(who: int = resource.RUSAGE_SELF) -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS); for RUSAGE_CHILDREN it is the
    # largest child's, here the PDF renderer processes' (reports.pdf).
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@contextmanager
def scratch_database(server_url: str | None) -> Iterator[str]:
    """A new, empty database for one run: a SQLite file in a temporary folder, or a database
    created on the PostgreSQL server of server_url and dropped after the run."""
    if not server_url:
        with tempfile.TemporaryDirectory(prefix="pitchlab-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'bench.db'}"
        return
    server = make_url(normalize_database_url(server_url))
    name = f"pitchlab_bench_{secrets.token_hex(5)}"

    def administer(sql: str) -> None:
        # Imported here: on SQLite the benchmark, like the server, never loads it (9 MiB).
        import psycopg

        with psycopg.connect(
            host=server.host,
            port=server.port or 5432,
            user=server.username,
            password=server.password,
            dbname=server.database,
            autocommit=True,
        ) as admin:
            admin.execute(sql)

    administer(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        administer(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_bench(
    size: Size = FULL, *, runs: int = 5, out=print, database_url: str | None = None
) -> dict:
    """Generate, measure, print; return the figures (also for tests)."""
    with scratch_database(database_url) as url:
        settings = Settings(database_url=url, environment="test", secret_key="bench-" + "x" * 40)
        app = create_app(settings)
        engine = app.state.engine
        upgrade(engine)
        started = time.perf_counter()
        with Session(engine) as session:
            admin_id = generate_portfolio(session, size)
            token = create_token(session, user=session.get(User, admin_id), name="bench")
        generated = time.perf_counter() - started
        release_memory()  # the generator's rows are written and gone
        headers = {"authorization": f"Bearer {token}"}
        counter = StatementCounter(engine)
        _measure(app, counter, "/compare?tag=page", headers, 1)  # warm-up: imports, caches
        figures = {
            "database": engine.dialect.name,
            "companies": size.companies,
            "generate_s": generated,
            "scores": size.companies * size.scorecards_per_company * size.criteria,
            "compare_few": _measure(app, counter, "/compare?tag=few", headers, runs),
            "compare_page": _measure(app, counter, "/compare?tag=page", headers, runs),
            "compare_all": _measure(app, counter, "/compare", headers, max(1, runs // 2)),
            "csv": _measure(app, counter, "/compare/export.csv", headers, max(1, runs // 2)),
            "xlsx": _measure(app, counter, "/compare/export.xlsx", headers, 1),
            "home": _measure(app, counter, "/", headers, runs),
            "home_disagreement": _measure(app, counter, "/home/disagreement", headers, runs),
            "board": _measure(app, counter, "/board", headers, runs),
        }
        # Issue 12: documents and search on the same portfolio.
        figures["documents"] = document_figures(app, counter, headers, admin_id, runs)
        # Issue 14: a meeting of 10 companies (with the decks just added): its pages, then its
        # IC pack as PDF.
        meeting_id = add_bench_meeting(engine, admin_id)
        figures["pages"] = page_figures(app, counter, headers, runs)
        figures.update(pack_figures(app, counter, headers, meeting_id, runs))
        engine.dispose()
    figures["peak_memory_mb"] = _peak_memory_mb()
    figures["renderer_memory_mb"] = _peak_memory_mb(resource.RUSAGE_CHILDREN)
    figures["statements_constant"] = (
        figures["compare_few"].statements
        == figures["compare_page"].statements
        == figures["compare_all"].statements
    )
    _report(figures, size, out)
    return figures


def _mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def _report(figures: dict, size: Size, out) -> None:
    few, page = figures["compare_few"], figures["compare_page"]
    csv, xlsx = figures["csv"], figures["xlsx"]
    database = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(
        figures["database"], figures["database"]
    )
    out(
        f"pitchlab bench ({database}): {size.companies:,} companies, {size.criteria} criteria, "
        f"{size.evaluators} evaluators, {size.scorecards_per_company} scorecards per company "
        f"= {figures['scores']:,} scores (generated in {figures['generate_s']:.1f} s)"
    )
    out(
        f"compare page, {size.page_companies} companies: {page.median * 1000:.0f} ms median of "
        f"{len(page.seconds)} ({page.size_bytes / 1024:.0f} KiB) "
        f"[target < {TARGET_COMPARE_MS} ms: {_mark(page.median * 1000 < TARGET_COMPARE_MS)}]"
    )
    out(f"compare page, {size.small_page_companies} companies: {few.median * 1000:.0f} ms")
    every = figures["compare_all"]
    out(
        f"compare page, all {size.companies:,} companies (the matrix shows a page of them): "
        f"{every.median * 1000:.0f} ms ({every.size_bytes / 1024:.0f} KiB)"
    )
    out(
        f"CSV export, all {size.companies:,}: {csv.median:.2f} s ({csv.size_bytes / 1024:.0f} KiB) "
        f"[target < {TARGET_CSV_S:g} s: {_mark(csv.median < TARGET_CSV_S)}]"
    )
    out(
        f"XLSX export, all {size.companies:,}: {xlsx.median:.2f} s "
        f"({xlsx.size_bytes / 1024:.0f} KiB) "
        f"[target < {TARGET_XLSX_S:g} s: {_mark(xlsx.median < TARGET_XLSX_S)}]"
    )
    out(
        f"SQL statements per request: compare {size.small_page_companies} companies "
        f"{few.statements}, compare {size.page_companies} companies {page.statements}, "
        f"compare all {figures['compare_all'].statements}, CSV all {csv.statements}, "
        f"XLSX all {xlsx.statements} "
        f"[constant: {_mark(figures['statements_constant'])}]"
    )
    home, board = figures["home"], figures["board"]
    out(
        f"home page: {home.median * 1000:.0f} ms median, {home.statements} statements "
        f"[target < {TARGET_HOME_MS} ms: {_mark(home.median * 1000 < TARGET_HOME_MS)}]; "
        f"board: {board.median * 1000:.0f} ms, {board.statements} statements"
    )
    out(
        "home page's disagreement panel (a fragment loaded after the page, every score read): "
        f"{figures['home_disagreement'].median * 1000:.0f} ms"
    )
    report_documents(figures["documents"], out, _mark)
    report_pages(figures["pages"], out)
    report_pack(figures, out, _mark)
    peak = figures["peak_memory_mb"]
    out(
        f"peak memory (max RSS): {peak:.0f} MiB "
        f"[target < {TARGET_MEMORY_MB} MiB: {_mark(peak < TARGET_MEMORY_MB)}]; "
        f"largest PDF renderer process: {figures['renderer_memory_mb']:.0f} MiB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pitchlab bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--small", action="store_true", help="a small portfolio that finishes in seconds (for CI)"
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="run on a scratch database on this PostgreSQL server instead of "
        "a temporary SQLite file",
    )
    args = parser.parse_args(argv)
    if (
        args.database_url
        and make_url(normalize_database_url(args.database_url)).get_backend_name() != "postgresql"
    ):
        parser.error("--database-url takes a PostgreSQL URL (without it, SQLite is used)")
    figures = run_bench(SMALL if args.small else FULL, database_url=args.database_url)
    # Timings depend on the machine; only a growing statement count fails the run.
    return 0 if figures["statements_constant"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
