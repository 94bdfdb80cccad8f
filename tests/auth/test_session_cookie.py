"""The signed session cookie: forged, tampered, stale or expired cookies mean anonymous."""

import pytest

from pitchlab.auth import sessions
from pitchlab.auth.users import find_user, set_password

from .conftest import ANALYST, log_in

NAME = "Priya Raman"


def _session_cookie(client) -> str:
    return client.cookies["pitchlab_session"]


def _replace_cookie(client, value: str) -> None:
    client.cookies.delete("pitchlab_session")
    client.cookies.set("pitchlab_session", value)


def _shows_logged_in(client) -> bool:
    response = client.get("/companies")
    assert response.status_code == 200
    return NAME in response.text


def test_tampered_cookie_is_treated_as_anonymous(client):
    log_in(client, ANALYST)
    value = _session_cookie(client)
    flipped = value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1]
    _replace_cookie(client, flipped)
    assert not _shows_logged_in(client)


@pytest.mark.parametrize("value", ["", "garbage", "a.b.c", "eyJ1aWQiOjF9.x.y", "%%%"])
def test_malformed_cookie_is_treated_as_anonymous(client, value):
    _replace_cookie(client, value)
    assert not _shows_logged_in(client)


def test_cookie_signed_with_another_key_is_ignored(client, session):
    user = find_user(session, ANALYST)
    _replace_cookie(client, sessions.session_token("some-other-secret-key-0123456789", user))
    assert not _shows_logged_in(client)


def test_changing_the_password_ends_existing_sessions(client, session):
    log_in(client, ANALYST)
    assert _shows_logged_in(client)
    set_password(session, find_user(session, ANALYST), "a-brand-new-password")
    assert not _shows_logged_in(client)
    assert log_in(client, ANALYST, "a-brand-new-password").status_code == 303
    assert _shows_logged_in(client)


def test_deactivated_users_session_ends(client, session):
    log_in(client, ANALYST)
    user = find_user(session, ANALYST)
    user.is_active = False
    session.add(user)
    session.commit()
    assert not _shows_logged_in(client)


def test_expired_cookie_is_ignored(client, monkeypatch):
    log_in(client, ANALYST)
    assert _shows_logged_in(client)
    monkeypatch.setattr(sessions, "SESSION_MAX_AGE", -1)  # every cookie is now too old
    assert not _shows_logged_in(client)
