"""Back up and restore a SQLite database while pitchlab runs (issue 7).

A backup is a consistent snapshot taken with SQLite's online backup API in one step: in WAL
mode the copy reads one snapshot while writers carry on, so it never holds a half-written
change. A restore checks the file first (integrity, pitchlab tables, a known migration) and
swaps it in with an atomic rename, so a crash midway leaves either the old or the new file.
PostgreSQL has pg_dump and pg_restore for this; we only point to them.
"""

import os
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from .migrate import alembic_config

SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables any pitchlab database has had since the first migration.
CORE_TABLES = frozenset(
    {
        "alembic_version",
        "company",
        "user",
        "rubricpack",
        "rubricversion",
        "rubriccriterion",
        "evaluation",
        "score",
        "scoreevent",
    }
)
# How long the in-use probe waits for a lock before deciding another process holds the file.
IN_USE_PROBE_TIMEOUT_S = 0.5
SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class DatabaseCheck:
    """What a check of a pitchlab SQLite file found."""

    path: Path
    revision: str
    is_latest: bool
    companies: int
    scorecards: int
    scores: int


def sqlite_path(database_url: str) -> Path | None:
    """The file behind a SQLite URL; None for any other database."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database has nothing to back up.")
    return Path(url.database)


def pg_dump_hint(database_url: str) -> str:
    """What to run instead for PostgreSQL, with the password left out of the screen."""
    url = make_url(database_url)._replace(drivername="postgresql", password=None)
    shown = url.render_as_string(hide_password=False)
    return (
        "pitchlab backs up SQLite only; for PostgreSQL use its own tools "
        "(put the password in PGPASSWORD or ~/.pgpass):\n"
        f"  pg_dump --format=custom --file=pitchlab.dump '{shown}'\n"
        f"  pg_restore --clean --if-exists --no-owner --dbname='{shown}' pitchlab.dump"
    )


def _known_revisions() -> tuple[set[str], set[str]]:
    scripts = ScriptDirectory.from_config(alembic_config())
    return {script.revision for script in scripts.walk_revisions()}, set(scripts.get_heads())


def _count(connection: sqlite3.Connection, table: str) -> int:
    return connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


def check_database(path: Path) -> DatabaseCheck:
    """Check that `path` is an intact pitchlab database at a migration this code knows."""
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise BackupError(f"{path} is not a SQLite database.")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                found = "; ".join(problems[:5])
                raise BackupError(f"{path} is damaged (integrity check: {found}).")
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if not CORE_TABLES <= tables:
                raise BackupError(
                    f"{path} is a SQLite database but not a pitchlab one "
                    f"(missing tables: {', '.join(sorted(CORE_TABLES - tables))})."
                )
            versions = [
                row[0] for row in connection.execute("SELECT version_num FROM alembic_version")
            ]
            counts = [_count(connection, table) for table in ("company", "evaluation", "score")]
    except sqlite3.DatabaseError as error:  # a file with the magic but garbage inside
        raise BackupError(f"{path} cannot be read as a database: {error}.") from error
    known, heads = _known_revisions()
    if len(versions) != 1 or versions[0] not in known:
        raise BackupError(
            f"{path} is at migration {', '.join(versions) or 'none'}, which this "
            "version of pitchlab does not know; restore it with the version "
            "that made it."
        )
    return DatabaseCheck(path, versions[0], versions[0] in heads, *counts)


def _fsync_directory(folder: Path) -> None:
    # The rename is only durable once the directory entry is on disk.
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _snapshot(source: Path, target: Path) -> None:
    """Copy `source` into the new file `target` in one backup step, as a single-file database."""
    with (
        closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as reader,
        closing(sqlite3.connect(target, isolation_level=None)) as writer,
    ):
        # pages=-1: one step, one read snapshot. Copying in small steps would restart the
        # copy every time the app commits, and under steady writes might never finish.
        reader.backup(writer, pages=-1)
        # A backup is one self-contained file: no -wal beside it to lose on the way.
        writer.execute("PRAGMA journal_mode=DELETE")
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def _temporary_beside(target: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    Path(name).unlink()  # sqlite3 creates it afresh
    return Path(name)


def _install(temporary: Path, target: Path) -> None:
    temporary.replace(target)
    _fsync_directory(target.parent)


def backup_sqlite(source: Path, target: Path, *, overwrite: bool = False) -> DatabaseCheck:
    """Write a consistent copy of the live database `source` to `target`; return its check."""
    if not source.is_file():
        raise BackupError(f"There is no database at {source}.")
    if target.exists() and not overwrite:
        raise BackupError(f"{target} already exists; choose another name or pass --force.")
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_beside(target)
    try:
        _snapshot(source, temporary)
        checked = check_database(temporary)
        _install(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return replace(checked, path=target)


def ensure_not_in_use(path: Path) -> None:
    """Refuse when another process has the database open (a running pitchlab)."""
    if not path.exists():
        return
    try:
        with closing(
            sqlite3.connect(path, timeout=IN_USE_PROBE_TIMEOUT_S, isolation_level=None)
        ) as connection:
            # Leaving WAL mode needs every other connection closed, so it fails while any
            # process, even an idle server, holds the file. It also folds the -wal back in.
            connection.execute("PRAGMA journal_mode=DELETE").fetchone()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise BackupError(
                f"{path} is in use (is pitchlab running?); stop it before restoring."
            ) from error
        # Anything else (a damaged file being replaced) does not prove it is in use.


def restore_sqlite(backup: Path, target: Path, *, overwrite: bool = False) -> DatabaseCheck:
    """Replace the database at `target` with the checked backup `backup`."""
    checked = check_database(backup)
    if target.exists():
        if not overwrite:
            raise BackupError(f"{target} already exists; pass --force to replace it with {backup}.")
        ensure_not_in_use(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_beside(target)
    try:
        _snapshot(backup, temporary)
        check_database(temporary)
        # A -wal left from the old database would be replayed onto the new one.
        for suffix in SIDE_FILES:
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        _install(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return replace(checked, path=target)
