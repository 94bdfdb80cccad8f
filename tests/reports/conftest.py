"""One database and app per test module, with the demo scorecards, comments and meeting:
PDF rendering takes seconds, so each document is rendered once (module-scoped fixtures) and
several tests read it."""

import shutil
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url
from sqlmodel import Session, select
from tests.conftest import (
    DEMO_EMAILS,
    PG_URL,
    TEST_SECRET,
    _pg_admin,
    _pg_database_url,
    log_in,
)

from pitchlab.app import create_app
from pitchlab.config import Settings
from pitchlab.models import Company, Meeting, User
from pitchlab.seeding import seed_all


@pytest.fixture(scope="module")
def docs_app(template_database, tmp_path_factory) -> Iterator:
    if PG_URL:
        name = f"pitchlab_r_{uuid.uuid4().hex[:12]}"
        with _pg_admin(PG_URL) as admin:
            admin.execute(
                f'CREATE DATABASE "{name}" TEMPLATE "{make_url(template_database).database}"'
            )
        url = _pg_database_url(PG_URL, name)
    else:
        target = tmp_path_factory.mktemp("reports") / "pitchlab.db"
        shutil.copyfile(make_url(template_database).database, target)
        url = f"sqlite:///{target}"
    app = create_app(Settings(database_url=url, environment="test", secret_key=TEST_SECRET))
    with Session(app.state.engine) as session:
        # The demo's scorecards, comments and IC meeting, which the template leaves out.
        seed_all(session, demo=True, demo_scorecards=True)
    yield app
    app.state.engine.dispose()
    if PG_URL:
        with _pg_admin(PG_URL) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def docs_session(docs_app) -> Iterator[Session]:
    with Session(docs_app.state.engine) as session:
        yield session


@pytest.fixture(scope="module")
def open_client(docs_app):
    """A module-long client logged in as a demo user (by its key in DEMO_EMAILS)."""
    opened: list[TestClient] = []

    def factory(who: str = "admin", **cookies) -> TestClient:
        client = TestClient(docs_app)
        client.__enter__()
        opened.append(client)
        client.get("/healthz")
        for key, value in cookies.items():
            client.cookies.set(key, value)
        return log_in(client, DEMO_EMAILS[who])

    yield factory
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def admin(open_client) -> TestClient:
    return open_client("admin")


def company_named(session: Session, name: str) -> Company:
    return session.exec(select(Company).where(Company.name == name)).one()


def user_named(session: Session, who: str) -> User:
    return session.exec(select(User).where(User.email == DEMO_EMAILS[who])).one()


def demo_meeting(session: Session) -> Meeting:
    return session.exec(select(Meeting).order_by(Meeting.id)).first()
