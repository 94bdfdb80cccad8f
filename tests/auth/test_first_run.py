"""No known credentials outside development (issue 11): production seeds no demo accounts,
refuses to run with one that still has the published password, and gets its first admin
through a one-time link printed once the server listens."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlmodel import Session, select

from pitchlab.app import create_app
from pitchlab.auth.firstrun import KnownCredentials
from pitchlab.config import Settings
from pitchlab.db import create_db_engine
from pitchlab.loadtest.server import free_port
from pitchlab.migrate import upgrade
from pitchlab.models import User

from ..conftest import DEMO_EMAILS, DEMO_PASSWORD, TEST_SECRET, log_in

RUN_CLI = "import sys; from pitchlab.cli import main; sys.argv[0] = 'pitchlab'; main()"
STARTUP_TIMEOUT_S = 90
SETUP_LINK = re.compile(r"(http://127\.0\.0\.1:\d+/setup/[A-Za-z0-9_-]+)")
TOKEN_IN_PAGE = re.compile(r'name="csrf_token" value="([^"]+)"')


def _env(database: Path, **extra) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PITCHLAB_")}
    env.update(
        {
            "PITCHLAB_ENVIRONMENT": "production",
            "PITCHLAB_SECRET_KEY": TEST_SECRET,
            "PITCHLAB_DATABASE_URL": f"sqlite:///{database}",
            **extra,
        }
    )
    return env


def _start_serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        return subprocess.Popen(
            [sys.executable, "-c", RUN_CLI, "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _wait_for(log: Path, pattern: str, process: subprocess.Popen) -> str:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        text = log.read_text()
        if re.search(pattern, text):
            return text
        if process.poll() is not None:
            pytest.fail(f"serve exited early: {text}")
        time.sleep(0.2)
    pytest.fail(f"no {pattern!r} within {STARTUP_TIMEOUT_S} s: {log.read_text()}")


def test_production_serve_seeds_no_demo_and_prints_a_one_time_setup_link(tmp_path):
    database, port, log = tmp_path / "prod.db", free_port(), tmp_path / "serve.log"
    server = _start_serve(_env(database), port, log)
    try:
        output = _wait_for(log, r"setup/[A-Za-z0-9_-]+", server)
        running = output.index("pitchlab is running")
        link = SETUP_LINK.search(output).group(1)
        assert output.index(link) > running
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", follow_redirects=True) as browser:
            login_page = browser.get("/login").text
            assert DEMO_PASSWORD not in login_page and "Demo accounts" not in login_page
            refused = browser.post(
                "/login",
                data={
                    "email": DEMO_EMAILS["admin"],
                    "password": DEMO_PASSWORD,
                    "csrf_token": TOKEN_IN_PAGE.search(login_page).group(1),
                },
            )
            assert refused.status_code == 422
            form = browser.get(link)
            assert form.status_code == 200 and "Create the first admin" in form.text
            created = browser.post(
                link,
                data={
                    "email": "founder@fund.example",
                    "display_name": "Ada",
                    "password": "a-long-secret-1",
                    "csrf_token": TOKEN_IN_PAGE.search(form.text).group(1),
                },
            )
            assert created.status_code == 200 and "Ada" in created.text  # logged in
            assert browser.get(link).status_code == 404  # the link works once
    finally:
        server.terminate()
        server.wait(timeout=30)
    engine = create_db_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        users = session.exec(select(User)).all()
    engine.dispose()
    assert [(user.email, user.role) for user in users] == [("founder@fund.example", "admin")]


def _database_with_demo_accounts(path: Path) -> str:
    url = f"sqlite:///{path}"
    engine = create_db_engine(url)
    upgrade(engine)
    from pitchlab.seeding import seed_all

    with Session(engine) as session:
        seed_all(session, demo=True, demo_scorecards=False)
    engine.dispose()
    return url


def test_production_refuses_to_start_with_a_published_demo_password(tmp_path):
    url = _database_with_demo_accounts(tmp_path / "demo.db")
    result = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "serve", "--port", str(free_port())],
        env=_env(tmp_path / "demo.db"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "published demo password" in result.stderr and DEMO_EMAILS["admin"] in result.stderr
    assert "Traceback" not in result.stderr and "running" not in result.stdout
    # The app factory, as `uvicorn pitchlab.asgi:app` runs it, refuses the same way.
    app = create_app(Settings(database_url=url, environment="production", secret_key=TEST_SECRET))
    with pytest.raises(KnownCredentials), TestClient(app):
        pass


def test_production_starts_once_the_demo_passwords_are_changed(tmp_path, monkeypatch):
    url = _database_with_demo_accounts(tmp_path / "demo.db")
    monkeypatch.setenv("PITCHLAB_DATABASE_URL", url)
    for email in DEMO_EMAILS.values():
        subprocess.run(
            [
                sys.executable,
                "-c",
                RUN_CLI,
                "user",
                "password",
                email,
                "--password",
                "not-the-demo-one-1",
            ],
            env=_env(tmp_path / "demo.db"),
            check=True,
            capture_output=True,
            timeout=120,
        )
    app = create_app(Settings(database_url=url, environment="production", secret_key=TEST_SECRET))
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200


def test_demo_mode_and_demo_seeding_are_for_development_only(tmp_path):
    with pytest.raises(ValidationError, match="development only"):
        Settings(environment="production", secret_key=TEST_SECRET, demo=True)
    result = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "seed", "--demo"],
        env=_env(tmp_path / "prod.db"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2 and "development only" in result.stderr
    test_env = _env(tmp_path / "test.db", PITCHLAB_ENVIRONMENT="test")
    subprocess.run(
        [sys.executable, "-c", RUN_CLI, "seed"],
        env=test_env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    engine = create_db_engine(f"sqlite:///{tmp_path / 'test.db'}")
    with Session(engine) as session:
        assert session.exec(select(User)).all() == []
    engine.dispose()


def test_serve_says_running_only_once_it_listens(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-c", RUN_CLI, "serve", "--port", str(port), "--no-demo"],
            env=_env(tmp_path / "dev.db", PITCHLAB_ENVIRONMENT="development"),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert "is running" not in result.stdout + result.stderr
    assert result.returncode != 0


def test_a_wrong_setup_token_shows_nothing(client, session):
    assert client.get("/setup/not-a-token").status_code == 404
    answer = client.post("/setup/not-a-token", data={"email": "x@y.example", "password": "p" * 12})
    assert answer.status_code == 404
    assert log_in  # demo admins exist here, so no token would be valid anyway
