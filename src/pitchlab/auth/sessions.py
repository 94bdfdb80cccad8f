"""Login sessions kept on the server (issue 11).

The cookie holds a random key; the database keeps its SHA-256 and the session's end. Every
request looks the key up together with its user in one statement, so ending a session
(logout, a password change, a deactivation, "log out everywhere") takes effect on the next
request of every app process, and a cookie copied before logout is worth nothing after it.
"""

import hashlib
import secrets
from datetime import timedelta

from fastapi import Request, Response
from sqlalchemy import bindparam, update
from sqlmodel import Session, col, select

from ..models import LoginSession, User, utcnow

SESSION_COOKIE = "pitchlab_session"
SESSION_LIFETIME = timedelta(days=14)
SESSION_KEY_BYTES = 32
# Longer keys are not ours; looking them up would only cost a hash.
MAX_KEY_LENGTH = 64


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_session(session: Session, user: User, *, user_agent: str = "", address: str = "") -> str:
    """Record a new login session for `user`; returns the key for the cookie."""
    key = secrets.token_urlsafe(SESSION_KEY_BYTES)
    now = utcnow()
    session.add(
        LoginSession(
            key_hash=key_hash(key),
            user_id=user.id,
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
            user_agent=user_agent[:200],
            address=address[:64],
        )
    )
    session.commit()
    return key


# Built once: every request runs it, and building the statement cost as much as running it.
_LIVE_SESSION = (
    select(User)
    .join(LoginSession, col(LoginSession.user_id) == User.id)
    .where(
        LoginSession.key_hash == bindparam("key_hash"),
        col(LoginSession.revoked_at).is_(None),
        col(LoginSession.expires_at) > bindparam("now"),
        col(User.is_active).is_(True),
    )
)


def user_for_key(session: Session, key: str) -> User | None:
    """The active user of a live session key, or None (unknown, ended or expired key)."""
    if not key or len(key) > MAX_KEY_LENGTH:
        return None
    parameters = {"key_hash": key_hash(key), "now": utcnow()}
    return session.exec(_LIVE_SESSION, params=parameters).first()


def end_sessions(session: Session, *, user_id: int, key: str | None = None) -> int:
    """End one session (by key) or every live session of a user; returns how many ended.

    The caller commits, so ending sessions joins the change that causes it (a new password,
    a deactivation) in one transaction."""
    statement = update(LoginSession).where(
        col(LoginSession.user_id) == user_id, col(LoginSession.revoked_at).is_(None)
    )
    if key is not None:
        statement = statement.where(col(LoginSession.key_hash) == key_hash(key))
    return session.execute(statement.values(revoked_at=utcnow())).rowcount


def live_sessions(session: Session, user_id: int) -> list[LoginSession]:
    """A user's sessions that have not ended, newest first."""
    statement = (
        select(LoginSession)
        .where(
            LoginSession.user_id == user_id,
            col(LoginSession.revoked_at).is_(None),
            col(LoginSession.expires_at) > utcnow(),
        )
        .order_by(col(LoginSession.created_at).desc())
    )
    return list(session.exec(statement))


def _cookie_options(request: Request) -> dict:
    return {
        "path": "/",
        "httponly": True,
        "samesite": "lax",
        "secure": request.url.scheme == "https",
    }


def set_session_cookie(request: Request, response: Response, key: str) -> None:
    """Put the session key on `response` as the session cookie."""
    max_age = int(SESSION_LIFETIME.total_seconds())
    response.set_cookie(SESSION_COOKIE, key, max_age=max_age, **_cookie_options(request))


def clear_session_cookie(request: Request, response: Response) -> None:
    """Tell the browser to drop its session cookie."""
    response.delete_cookie(SESSION_COOKIE, **_cookie_options(request))
