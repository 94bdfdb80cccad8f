"""The pitchlab command line, through typer's runner, on a private database."""

from sqlmodel import Session, func, select
from typer.testing import CliRunner

from pitchlab.cli import app as cli_app
from pitchlab.db import create_db_engine
from pitchlab.migrate import has_pending_migrations
from pitchlab.models import Company

runner = CliRunner()


def _count_companies(url: str) -> int:
    engine = create_db_engine(url)
    with Session(engine) as session:
        count = session.exec(select(func.count()).select_from(Company)).one()
    engine.dispose()
    return count


def test_help_lists_every_command():
    result = runner.invoke(cli_app, ["--help"])
    assert result.exit_code == 0
    for command in ("serve", "migrate", "seed"):
        assert command in result.output
    for command in ("serve", "migrate", "seed"):
        assert runner.invoke(cli_app, [command, "--help"]).exit_code == 0


def test_migrate_then_seed_twice_changes_nothing_the_second_time(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("PITCHLAB_DATABASE_URL", url)
    migrated = runner.invoke(cli_app, ["migrate"])
    assert migrated.exit_code == 0 and "Migrated" in migrated.output
    assert not has_pending_migrations(create_db_engine(url))
    first = runner.invoke(cli_app, ["seed"])
    assert first.exit_code == 0 and "Added 15 companies." in first.output
    second = runner.invoke(cli_app, ["seed"])
    assert second.exit_code == 0 and "Nothing to add" in second.output
    assert _count_companies(url) == 15  # issue 15 added three companies in a Chinese setting


def test_seed_without_demo_adds_no_companies(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("PITCHLAB_DATABASE_URL", url)
    assert runner.invoke(cli_app, ["seed", "--no-demo"]).exit_code == 0
    assert _count_companies(url) == 0
