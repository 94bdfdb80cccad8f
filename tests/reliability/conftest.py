"""A pitchlab server process on the test's own database, as production runs it (issue 7)."""

import json
from collections.abc import Iterator

import pytest

from pitchlab.loadtest import ServerProcess

from ..conftest import PG_URL

# PostgreSQL runs several workers to prove no state lives in one process; SQLite takes one.
WORKERS = 3 if PG_URL else 1


@pytest.fixture
def server(database_url, tmp_path) -> Iterator[ServerProcess]:
    """A server on a free loopback port, started by the test; stopped (or killed) after."""
    process = ServerProcess(database_url, log_path=tmp_path / "server.log", workers=WORKERS)
    yield process
    process.stop()


def request_log(server: ServerProcess) -> list[dict]:
    """The server's JSON request lines."""
    lines = []
    for line in server.log_path.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            entry = json.loads(line)
            if entry.get("logger") == "pitchlab.request":
                lines.append(entry)
    return lines
