"""A pitchlab server in its own process group on a free loopback port: start, kill -9, restart."""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from ..web.logging import logging_config

STARTUP_TIMEOUT_S = 60
# uvicorn kills a worker that misses a 5 s health check; on a busy two-core machine a worker
# that is starting or hashing passwords can miss it, and its requests die with it.
WORKER_HEALTHCHECK_TIMEOUT_S = 30
STARTED_LINE = "Application startup complete."
STOP_TIMEOUT_S = 10
POLL_INTERVAL_S = 0.1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerProcess:
    """`uvicorn pitchlab.app:create_app --factory` as a production deployment runs it."""

    def __init__(self, database_url: str, *, log_path: Path, workers: int = 1) -> None:
        self.database_url, self.log_path, self.workers = database_url, log_path, workers
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        # One key for every start, so sessions survive a restart as they would in production.
        self.secret_key = secrets.token_urlsafe(32)
        self.process: subprocess.Popen | None = None

    def _command(self) -> list[str]:
        # The JSON request log, as `pitchlab serve` writes it, for reading after a failed run.
        log_config = self.log_path.with_suffix(".logging.json")
        log_config.write_text(json.dumps(logging_config()))
        return [
            sys.executable,
            "-m",
            "uvicorn",
            "pitchlab.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--workers",
            str(self.workers),
            "--log-config",
            str(log_config),
            "--no-access-log",
            "--timeout-worker-healthcheck",
            str(WORKER_HEALTHCHECK_TIMEOUT_S),
        ]

    def _workers_started(self, log_offset: int) -> bool:
        with self.log_path.open("rb") as log:
            log.seek(log_offset)
            return log.read().decode(errors="replace").count(STARTED_LINE) >= self.workers

    def start(self) -> str:
        """Start and wait until every worker is up and /healthz answers; return the base URL."""
        log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        env = {
            **os.environ,
            "PITCHLAB_DATABASE_URL": self.database_url,
            "PITCHLAB_SECRET_KEY": self.secret_key,
            # Not "production": the test databases hold the demo accounts, which a production
            # server refuses to run with (issue 11).
            "PITCHLAB_ENVIRONMENT": "test",
        }
        with self.log_path.open("ab") as log:
            # A session of its own, so kill() reaches the workers and nothing else.
            self.process = subprocess.Popen(
                self._command(), env=env, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited at start-up: {self.log_tail()}")
            try:
                if (
                    self._workers_started(log_offset)
                    and httpx.get(f"{self.base_url}/healthz", timeout=1).status_code == 200
                ):
                    return self.base_url
            except httpx.TransportError:
                pass
            time.sleep(POLL_INTERVAL_S)
        self.kill()
        raise RuntimeError(
            f"the server did not answer within {STARTUP_TIMEOUT_S} s: {self.log_tail()}"
        )

    def _signal(self, number: int) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, number)

    def kill(self) -> None:
        """kill -9 the server and its workers, as a power cut or the OOM killer would."""
        self._signal(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=STOP_TIMEOUT_S)

    def stop(self) -> None:
        """Shut down gracefully, or kill when that takes too long."""
        self._signal(signal.SIGTERM)
        if self.process is None:
            return
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.kill()

    def log_tail(self, characters: int = 2000) -> str:
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")[-characters:]

    def __enter__(self) -> "ServerProcess":
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()
