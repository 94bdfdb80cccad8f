"""The benchmark script runs end to end (CI runs `pitchlab bench --small`), on the database the
suite runs on: a temporary SQLite file, or a scratch database on the PostgreSQL server."""

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from tests.conftest import PG_URL

from pitchlab.bench import Size, main, run_bench, scratch_database
from pitchlab.config import normalize_database_url

TINY = Size(
    companies=24,
    criteria=4,
    evaluators=4,
    scorecards_per_company=3,
    page_companies=12,
    small_page_companies=3,
)


def test_bench_measures_every_figure_on_a_tiny_portfolio():
    lines = []
    figures = run_bench(TINY, runs=1, out=lines.append, database_url=PG_URL)
    assert figures["database"] == ("postgresql" if PG_URL else "sqlite")
    assert figures["scores"] == 24 * 3 * 4
    assert figures["statements_constant"]
    assert figures["compare_page"].statements == figures["compare_few"].statements > 0
    assert figures["pack_pages"] >= 10 + 2  # a cover, a memo per company, the appendix
    text = "\n".join(lines)
    for label in (
        "compare page, 12 companies",
        "compare page, all 24 companies",
        "CSV export, all 24",
        "XLSX export, all 24",
        "SQL statements per request",
        "peak memory",
        "upload and extraction of a 40-page PDF",  # issue 12
        "search over 480 document pages",
        "IC pack of 10 companies as PDF",  # issue 14
    ):
        assert label in text


def test_bench_small_mode_through_main(capsys):
    assert main(["--small", *(["--database-url", PG_URL] if PG_URL else [])]) == 0
    database = "PostgreSQL" if PG_URL else "SQLite"
    assert f"pitchlab bench ({database}): 150 companies" in capsys.readouterr().out


def test_bench_refuses_a_database_url_that_is_not_postgresql(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--small", "--database-url", "sqlite:///elsewhere.db"])
    assert stopped.value.code == 2
    assert "--database-url takes a PostgreSQL URL" in capsys.readouterr().err


def test_scratch_database_starts_empty_and_is_gone_after():
    with scratch_database(PG_URL) as url:
        engine = create_engine(normalize_database_url(url))
        with engine.connect() as connection:
            tables = (
                text("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
                if PG_URL
                else text("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
            )
            assert connection.execute(tables).scalar() == 0
        engine.dispose()
    if PG_URL:
        server = create_engine(normalize_database_url(PG_URL))
        with server.connect() as connection:
            name = url.rsplit("/", 1)[1]
            found = connection.execute(
                text("SELECT count(*) FROM pg_database WHERE datname = :n"), {"n": name}
            ).scalar()
        server.dispose()
        assert found == 0
    else:
        assert not Path(url.removeprefix("sqlite:///")).exists()


def test_bench_portfolio_writes_a_renderable_portfolio_into_an_empty_database():
    """`pitchlab bench portfolio` (issue 17): the perf harness's database, pages and all."""
    from typer.testing import CliRunner

    from pitchlab.cli import app as cli_app

    with scratch_database(PG_URL) as url:
        written = CliRunner().invoke(
            cli_app, ["bench", "portfolio", "--small", "--database-url", url]
        )
        assert written.exit_code == 0, written.output
        engine = create_engine(normalize_database_url(url))
        with engine.connect() as connection:
            companies = connection.execute(text("SELECT count(*) FROM company")).scalar()
            levels = connection.execute(text("SELECT levels FROM rubriccriterion")).scalars()
            assert companies == 150 and all("Level 5" in str(level) for level in levels)
        again = CliRunner().invoke(cli_app, ["bench", "portfolio", "--database-url", url])
        assert again.exit_code == 1 and "empty" in again.output
        engine.dispose()
