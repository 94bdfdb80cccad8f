"""`pitchlab backup` and `restore` (issue 7): a copy taken under writes is whole, and a restore
takes only an intact pitchlab database. SQLite only, so these run on both suite backends."""

import re
import shutil
import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pitchlab.backup import BackupError, backup_sqlite, check_database, restore_sqlite
from pitchlab.cli import app as cli_app
from pitchlab.db import create_db_engine
from pitchlab.migrate import upgrade

runner = CliRunner()
BACKUPS_UNDER_WRITES = 5
WRITER_LIMIT_S = 20


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("backup") / "migrated.db"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def live_db(migrated_sqlite, tmp_path) -> Path:
    """A private pitchlab SQLite database in WAL mode, as the app leaves it."""
    path = tmp_path / "live.db"
    shutil.copyfile(migrated_sqlite, path)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
    return path


def _add_company(connection: sqlite3.Connection, name: str) -> None:
    # A company and a login attempt in one transaction: a backup must hold both or neither.
    with connection:
        connection.execute(
            "INSERT INTO company (name, name_key, one_liner, website, sector, stage, status,"
            " modality, model_strategy, founders, location, tags, customers, notes, created_at,"
            " updated_at)"
            " VALUES (?, ?, '', '', '', 'seed', 'active', 'text', 'api', '', '', '', '', '',"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            (name, name.lower()),
        )
        connection.execute(
            "INSERT INTO loginattempt (email, address, succeeded, created_at)"
            " VALUES (?, 'test', 1, '2026-01-01 00:00:00')",
            (name,),
        )


def _counts(path: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(path)) as connection:
        return (
            connection.execute("SELECT count(*) FROM company").fetchone()[0],
            connection.execute("SELECT count(*) FROM loginattempt").fetchone()[0],
        )


def test_backup_under_concurrent_writes_is_whole(live_db, tmp_path):
    committed, stop = [0], threading.Event()

    def write() -> None:
        deadline = time.monotonic() + WRITER_LIMIT_S
        with closing(sqlite3.connect(live_db, timeout=5)) as connection:
            while not stop.is_set() and time.monotonic() < deadline:
                _add_company(connection, f"Company {committed[0]}")
                committed[0] += 1

    writer = threading.Thread(target=write)
    writer.start()
    taken = []
    try:
        for number in range(BACKUPS_UNDER_WRITES):
            while committed[0] < (number + 1) * 50:  # let the writer get ahead between copies
                time.sleep(0.01)
            before = committed[0]
            check = backup_sqlite(live_db, tmp_path / f"copy-{number}.db")
            taken.append((before, committed[0], check))
    finally:
        stop.set()
        writer.join()
    for before, after, check in taken:
        companies, attempts = _counts(check.path)
        assert companies == attempts == check.companies  # no half transaction
        assert before <= companies <= after  # nothing committed before the copy is missing
        assert not Path(f"{check.path}-wal").exists()
    assert len({check.companies for _b, _a, check in taken}) > 1  # the copies saw the writes


def test_restore_round_trip_brings_back_what_was_backed_up(live_db, tmp_path, monkeypatch):
    with closing(sqlite3.connect(live_db)) as connection:
        _add_company(connection, "Kept")
    monkeypatch.setenv("PITCHLAB_DATABASE_URL", f"sqlite:///{live_db}")
    copy = tmp_path / "copy.db"
    backed_up = runner.invoke(cli_app, ["backup", str(copy)])
    assert backed_up.exit_code == 0, backed_up.output
    assert "1 companies" in backed_up.output
    with closing(sqlite3.connect(live_db)) as connection, connection:
        connection.execute("DELETE FROM loginattempt")
        connection.execute("DELETE FROM company")
    refused = runner.invoke(cli_app, ["restore", str(copy)])
    assert refused.exit_code == 1 and "--force" in refused.output
    restored = runner.invoke(cli_app, ["restore", "--force", str(copy)])
    assert restored.exit_code == 0, restored.output
    assert _counts(live_db) == (1, 1)
    assert check_database(live_db).revision == check_database(copy).revision


def test_restore_refuses_a_database_in_use(live_db, tmp_path):
    copy = backup_sqlite(live_db, tmp_path / "copy.db").path
    with closing(sqlite3.connect(live_db)) as server_connection:
        server_connection.execute("SELECT count(*) FROM company").fetchone()
        with pytest.raises(BackupError, match="in use"):
            restore_sqlite(copy, live_db, overwrite=True)


def _text_file(target: Path) -> Path:
    target.write_text("not a database")
    return target


def _damaged(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    with target.open("r+b") as handle:
        handle.seek(4096 * 3)  # into the tables' pages, past the header
        handle.write(b"\xff" * 4096 * 4)
    return target


def _foreign(target: Path) -> Path:
    with closing(sqlite3.connect(target)) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    return target


def _unknown_migration(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    with closing(sqlite3.connect(target)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    return target


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda live, folder: _text_file(folder / "text.db"), "not a SQLite database"),
        (lambda live, folder: _damaged(live, folder / "damaged.db"), "damaged|cannot be read"),
        (lambda live, folder: _foreign(folder / "other.db"), "not a pitchlab one"),
        (lambda live, folder: _unknown_migration(live, folder / "future.db"), "does not know"),
    ],
)
def test_restore_refuses_a_bad_file_and_keeps_the_database(
    live_db, tmp_path, monkeypatch, make, message
):
    with closing(sqlite3.connect(live_db)) as connection:
        _add_company(connection, "Kept")
    bad = make(live_db, tmp_path)
    monkeypatch.setenv("PITCHLAB_DATABASE_URL", f"sqlite:///{live_db}")
    result = runner.invoke(cli_app, ["restore", "--force", str(bad)])
    assert result.exit_code == 1
    assert "Nothing was restored" in result.output
    assert re.search(message, result.output)
    assert _counts(live_db) == (1, 1)


def test_backup_of_postgresql_points_to_pg_dump(monkeypatch, tmp_path):
    monkeypatch.setenv("PITCHLAB_DATABASE_URL", "postgresql://pitchlab:s3cret@db.internal/pitchlab")
    result = runner.invoke(cli_app, ["backup", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "pg_dump --format=custom" in result.output and "pg_restore" in result.output
    assert "s3cret" not in result.output
    assert not (tmp_path / "x.db").exists()
