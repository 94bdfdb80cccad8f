"""Fixtures: a fresh, migrated database per test (SQLite, or PostgreSQL when
PITCHLAB_TEST_DATABASE_URL is set), an app built by the factory, and a client."""

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url
from sqlmodel import Session

from pitchlab.app import create_app
from pitchlab.auth.sessions import SESSION_COOKIE
from pitchlab.config import Settings, normalize_database_url
from pitchlab.db import create_db_engine
from pitchlab.migrate import upgrade
from pitchlab.seeding import seed_all
from pitchlab.web.csrf import CSRF_COOKIE, cookie_secret, form_token

PG_URL = os.environ.get("PITCHLAB_TEST_DATABASE_URL")
IN_CI = os.environ.get("CI") == "true"
TEST_SECRET = "test-secret-key-that-is-long-enough-0123456789"


def _pg_admin(url: str) -> psycopg.Connection:
    parsed = make_url(normalize_database_url(url))
    return psycopg.connect(
        host=parsed.host,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        dbname=parsed.database,
        autocommit=True,
    )


def _pg_database_url(url: str, name: str) -> str:
    return (
        make_url(normalize_database_url(url))
        .set(database=name)
        .render_as_string(hide_password=False)
    )


@pytest.fixture(scope="session")
def template_database(tmp_path_factory) -> Iterator[str]:
    """A migrated (and seeded) database that every test copies: migrations run once."""
    if PG_URL:
        name = f"pitchlab_tpl_{uuid.uuid4().hex[:10]}"
        with _pg_admin(PG_URL) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = _pg_database_url(PG_URL, name)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('template') / 'template.db'}"
    engine = create_db_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        # Demo scorecards stay out: tests create the scores they assert on.
        seed_all(session, demo=True, demo_scorecards=False)
        _demo_sessions.update(_open_demo_sessions(session))
    engine.dispose()
    yield url
    if PG_URL:
        with _pg_admin(PG_URL) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database_url(template_database: str, tmp_path: Path) -> Iterator[str]:
    """A private copy of the template database for one test."""
    if PG_URL:
        name = f"pitchlab_t_{uuid.uuid4().hex[:12]}"
        template = make_url(template_database).database
        with _pg_admin(PG_URL) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        yield _pg_database_url(PG_URL, name)
        with _pg_admin(PG_URL) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        target = tmp_path / "pitchlab.db"
        shutil.copyfile(make_url(template_database).database, target)
        yield f"sqlite:///{target}"


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, environment="test", secret_key=TEST_SECRET)


@pytest.fixture
def app(settings: Settings):
    return create_app(settings)


def echo_csrf(test_client: TestClient) -> TestClient:
    """Send the CSRF token a page would carry for the client's cookies, as htmx does.

    The token is bound to the login session, so call it again after logging in or out."""
    secret_key = test_client.app.state.settings.secret_key
    secret = cookie_secret(secret_key, test_client.cookies.get(CSRF_COOKIE))
    session_key = test_client.cookies.get(SESSION_COOKIE, "")
    test_client.headers["X-CSRF-Token"] = form_token(secret_key, secret or "", session_key)
    return test_client


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    """A client that has visited a page once, so it echoes the CSRF token like a browser."""
    with TestClient(app) as test_client:
        test_client.get("/healthz")
        yield echo_csrf(test_client)


DEMO_PASSWORD = "pitchlab-demo"
DEMO_EMAILS = {
    "admin": "admin@pitchlab.example",
    "partner": "partner@pitchlab.example",
    "partner2": "partner2@pitchlab.example",
    "analyst": "analyst@pitchlab.example",
}


# Login sessions of the seeded demo users, opened once in the template database: every test
# database is a copy of it, so the same session key is valid in each, and the suite does not
# pay for an argon2 check (about 0.3 s) at every login. tests/auth logs in for real.
_demo_sessions: dict[str, str] = {}


def _open_demo_sessions(session: Session) -> dict[str, str]:
    from pitchlab.auth.sessions import create_session
    from pitchlab.auth.users import find_user

    emails = DEMO_EMAILS.values()
    return {email: create_session(session, find_user(session, email)) for email in emails}


def log_in(test_client: TestClient, email: str, password: str = DEMO_PASSWORD) -> TestClient:
    """Log a client in: a demo user by its template session, anyone else by the real form."""
    if email in _demo_sessions and password == DEMO_PASSWORD:
        test_client.cookies.set(SESSION_COOKIE, _demo_sessions[email])
        return echo_csrf(test_client)
    response = test_client.post(
        "/login", data={"email": email, "password": password, "next": "/"}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return echo_csrf(test_client)


@pytest.fixture
def admin_client(client) -> TestClient:
    """The shared client, logged in as the demo admin."""
    return log_in(client, DEMO_EMAILS["admin"])


@pytest.fixture
def make_client(app):
    """Open more clients on the same app (another browser), logged in as a demo user."""
    opened = []

    def factory(who: str | None = None) -> TestClient:
        other = TestClient(app)
        other.__enter__()
        opened.append(other)
        other.get("/healthz")
        echo_csrf(other)
        return log_in(other, DEMO_EMAILS.get(who, who)) if who else other

    yield factory
    for other in opened:
        other.__exit__(None, None, None)


@pytest.fixture
def api_token(session):
    """A bearer token for a demo user, as `pitchlab token create` would print it."""
    from pitchlab.auth.tokens import create_token
    from pitchlab.auth.users import find_user

    def factory(who: str = "admin") -> dict[str, str]:
        session.rollback()  # start from the app's latest writes (see the session fixture)
        user = find_user(session, DEMO_EMAILS.get(who, who))
        return {"Authorization": f"Bearer {create_token(session, user=user, name='test')}"}

    return factory


@pytest.fixture
def session(app, client) -> Iterator[Session]:
    """A session on the same database the client's app uses.

    On SQLite it reads from a snapshot until the transaction ends: call session.rollback()
    before checking what a request wrote, or before writing after the app has written.
    """
    with Session(app.state.engine) as db_session:
        yield db_session


def skip_or_fail(reason: str) -> None:
    """In CI a test that cannot run is a failure, never a silent skip."""
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI nothing may skip: a skipped browser or PostgreSQL test hides a broken setup."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped in CI (CI=true), which counts as a failure: {report.longrepr}"


@pytest.fixture
def fill_scorecard(session):
    """Score a company through the real scorecard pages: returns the scorecard id.

    `values` maps criterion key -> level (or "na"); criteria left out stay unanswered.
    """
    from pitchlab.rubrics.store import get_pack_version

    def factory(
        test_client: TestClient,
        company_id: int,
        pack_key: str,
        values: dict,
        *,
        submit: bool = False,
    ) -> int:
        opened = test_client.post(
            f"/companies/{company_id}/score/{pack_key}", follow_redirects=False
        )
        assert opened.status_code == 303, opened.text
        scorecard_id = int(opened.headers["location"].rsplit("/", 1)[1])
        criteria = {c.key: c.id for c in get_pack_version(session, pack_key).criteria}
        for key, value in values.items():
            saved = test_client.post(
                f"/scorecards/{scorecard_id}/criteria/{criteria[key]}",
                data={"value": str(value), "rationale": f"{key} rationale"},
                headers={"HX-Request": "true"},
            )
            assert saved.status_code == 200, saved.text
        if submit:
            assert (
                test_client.post(
                    f"/scorecards/{scorecard_id}/submit", follow_redirects=False
                ).status_code
                == 303
            )
        return scorecard_id

    return factory


@pytest.fixture
def company_id(session) -> int:
    """The id of a seeded demo company."""
    from sqlmodel import select

    from pitchlab.models import Company

    return session.exec(select(Company.id).where(Company.name == "Clausemint")).one()


def save_test_meeting(session, *, chair_email: str, company_ids, attendee_emails=(), meeting=None):
    """An open IC meeting (issue 14) saved through meetings.record, as the pages save one; with
    `meeting`, that meeting changed to these attendees and this agenda."""
    from datetime import date

    from pitchlab.auth.users import find_user
    from pitchlab.meetings.agenda import save_meeting

    chair = find_user(session, chair_email)
    return save_meeting(
        session,
        meeting,
        user=chair,
        title="IC December",
        held_on=date(2026, 12, 9),
        chair_id=chair.id,
        attendee_ids=[find_user(session, email).id for email in attendee_emails],
        company_ids=list(company_ids),
    )
