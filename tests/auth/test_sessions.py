"""Login sessions live on the server (issue 11): an ended session's cookie is worth nothing,
whoever copied it, and an unknown, tampered or expired key is anonymous."""

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from pitchlab.auth.sessions import SESSION_COOKIE
from pitchlab.auth.users import find_user, set_password
from pitchlab.models import LoginSession, utcnow

from ..conftest import echo_csrf
from .conftest import ADMIN, ANALYST, log_in

NAME = "Priya Raman"


def _shows_logged_in(client) -> bool:
    response = client.get("/companies")
    assert response.status_code == 200
    return NAME in response.text


def _logged_in(client, email=ANALYST):
    assert log_in(client, email).status_code == 303
    return echo_csrf(client)


def _replay(client, value: str):
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, value)


def test_a_cookie_copied_before_logout_is_refused_after_it(client):
    _logged_in(client)
    copied = client.cookies[SESSION_COOKIE]
    assert client.post("/logout", follow_redirects=False).status_code == 303
    _replay(client, copied)
    page = client.get("/companies", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert client.get("/api/v1/companies").status_code == 401


def test_tampered_key_is_anonymous(client):
    _logged_in(client)
    value = client.cookies[SESSION_COOKIE]
    _replay(client, value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1])
    assert not _shows_logged_in(client)


@pytest.mark.parametrize("value", ["", "garbage", "a.b.c", "eyJ1aWQiOjF9.x.y", "%%%", "x" * 5000])
def test_malformed_key_is_anonymous(client, value):
    _replay(client, value)
    assert not _shows_logged_in(client)


def test_changing_the_password_ends_every_session(client, make_client, session):
    other = _logged_in(make_client())
    _logged_in(client)
    set_password(session, find_user(session, ANALYST), "a-brand-new-password")
    assert not _shows_logged_in(client) and not _shows_logged_in(other)
    assert log_in(client, ANALYST, "a-brand-new-password").status_code == 303
    assert _shows_logged_in(client)


def test_deactivation_by_an_admin_ends_the_users_sessions(
    client, admin_client, make_client, session
):
    analyst = _logged_in(make_client())
    user = find_user(session, ANALYST)
    answer = admin_client.post(f"/admin/users/{user.id}", data={"role": "analyst"})
    assert answer.status_code == 200  # followed back to the admin page
    assert not _shows_logged_in(analyst)
    session.rollback()
    live = select(LoginSession).where(
        LoginSession.user_id == user.id, col(LoginSession.revoked_at).is_(None)
    )
    assert session.exec(live).first() is None


def test_an_expired_session_is_anonymous(client, session):
    _logged_in(client)
    assert _shows_logged_in(client)
    session.execute(update(LoginSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    session.commit()
    assert not _shows_logged_in(client)


def test_log_out_everywhere_ends_the_other_browsers_too(client, make_client):
    laptop, phone = _logged_in(make_client()), _logged_in(make_client())
    account = laptop.get("/account")
    assert account.status_code == 200 and account.text.count("<tr>") >= 3  # header + 2 logins
    assert laptop.post("/account/sessions/end", follow_redirects=False).status_code == 303
    assert not _shows_logged_in(laptop) and not _shows_logged_in(phone)


def test_an_admin_ends_anyone_elses_sessions(admin_client, make_client, session):
    analyst = _logged_in(make_client())
    user = find_user(session, ANALYST)
    answer = admin_client.post(f"/admin/users/{user.id}/sessions/end", follow_redirects=False)
    assert answer.status_code == 303
    assert not _shows_logged_in(analyst)
    assert find_user(session, ANALYST).is_active  # still an account, just logged out


def test_only_admins_end_other_peoples_sessions(make_client, session):
    analyst = _logged_in(make_client())
    admin = find_user(session, ADMIN)
    answer = analyst.post(f"/admin/users/{admin.id}/sessions/end", follow_redirects=False)
    assert answer.status_code == 403
