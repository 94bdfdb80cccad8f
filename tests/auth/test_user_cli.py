"""`pitchlab user` and `pitchlab token`, through typer's runner, on a private database."""

import pytest
from sqlmodel import Session
from typer.testing import CliRunner

from pitchlab.auth.tokens import user_for_token
from pitchlab.auth.users import authenticate, find_user
from pitchlab.cli import app as cli_app
from pitchlab.db import create_db_engine

runner = CliRunner()
PASSWORD = "correct-horse-battery"


@pytest.fixture
def database(tmp_path, monkeypatch):
    """A migrated, empty SQLite database that the CLI finds through the environment."""
    url = f"sqlite:///{tmp_path / 'cli-users.db'}"
    monkeypatch.setenv("PITCHLAB_DATABASE_URL", url)
    assert runner.invoke(cli_app, ["migrate"]).exit_code == 0
    engine = create_db_engine(url)
    yield engine
    engine.dispose()


def _run(*args: str):
    return runner.invoke(cli_app, list(args))


def test_user_add_then_list(database):
    added = _run(
        "user",
        "add",
        "Lena@Fund.example",
        "--role",
        "partner",
        "--name",
        "Lena Park",
        "--password",
        PASSWORD,
    )
    assert added.exit_code == 0, added.output
    assert "Created partner account lena@fund.example (Lena Park)." in added.output
    listed = _run("user", "list")
    assert "lena@fund.example" in listed.output and "partner" in listed.output
    with Session(database) as session:
        user = find_user(session, "lena@fund.example")
        assert user.password_hash.startswith("$argon2") and PASSWORD not in user.password_hash
        assert (
            authenticate(session, email="lena@fund.example", password=PASSWORD, address="cli-test")
            is not None
        )


def test_user_add_can_generate_a_password(database):
    result = _run("user", "add", "gen@fund.example", "--role", "analyst", "--generate")
    assert result.exit_code == 0
    generated = result.output.split("Generated password (shown once): ")[1].split()[0]
    with Session(database) as session:
        assert (
            authenticate(session, email="gen@fund.example", password=generated, address="cli-test")
            is not None
        )


def test_user_add_without_a_password_outside_a_terminal_explains_itself(database):
    result = _run("user", "add", "quiet@fund.example", "--role", "viewer")
    assert result.exit_code == 1
    assert "--password or --generate" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (("--role", "admin", "--password", "short"), "at least 10 characters"),
        (("--role", "chief", "--password", PASSWORD), "Invalid value"),
    ],
)
def test_user_add_refuses_bad_input(database, args, message):
    result = _run("user", "add", "bad@fund.example", *args)
    assert result.exit_code != 0 and message in result.output


def test_user_add_refuses_a_duplicate_email(database):
    _run("user", "add", "dup@fund.example", "--role", "viewer", "--password", PASSWORD)
    again = _run("user", "add", "DUP@fund.example", "--role", "admin", "--password", PASSWORD)
    assert again.exit_code == 1 and "already exists" in again.output


def test_user_password_sets_a_new_password(database):
    _run("user", "add", "pw@fund.example", "--role", "analyst", "--password", PASSWORD)
    result = _run("user", "password", "pw@fund.example", "--password", "another-long-password")
    assert result.exit_code == 0
    with Session(database) as session:
        assert (
            authenticate(
                session,
                email="pw@fund.example",
                password="another-long-password",
                address="cli-test",
            )
            is not None
        )


def test_token_create_list_and_revoke(database):
    _run("user", "add", "bot@fund.example", "--role", "analyst", "--password", PASSWORD)
    created = _run("token", "create", "bot@fund.example", "--name", "notebook")
    assert created.exit_code == 0 and "Created token 1 for bot@fund.example" in created.output
    raw = created.output.strip().splitlines()[-1]
    assert raw.startswith("pl_")
    with Session(database) as session:
        assert user_for_token(session, raw).email == "bot@fund.example"
    listed = _run("token", "list")
    assert "active" in listed.output and "notebook" in listed.output and raw not in listed.output
    assert _run("token", "revoke", "1").output.strip() == "Revoked token 1."
    with Session(database) as session:
        assert user_for_token(session, raw) is None
    again = _run("token", "revoke", "1")
    assert again.exit_code == 1 and "No active token with id 1." in again.output


def test_token_for_an_unknown_account_is_refused(database):
    result = _run("token", "create", "ghost@fund.example")
    assert result.exit_code == 1
    assert "No account with the email ghost@fund.example." in result.output


def test_commands_refuse_an_unmigrated_database(tmp_path, monkeypatch):
    monkeypatch.setenv("PITCHLAB_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    result = _run("user", "list")
    assert result.exit_code == 1 and "pitchlab migrate" in result.output
