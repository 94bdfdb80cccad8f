"""The login session: a signed cookie, so any app process can read it without shared state.

The signed payload holds the user's id and a fingerprint of their password hash. Changing
the password changes the fingerprint, which ends every other session of that user.
"""

import hashlib
import hmac

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..models import User

SESSION_COOKIE = "pitchlab_session"
SESSION_MAX_AGE = 14 * 24 * 3600
_SALT = "pitchlab.session"


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=_SALT)


def password_fingerprint(secret_key: str, password_hash: str) -> str:
    """A short keyed digest of the password hash; the cookie never carries the hash itself."""
    digest = hmac.new(secret_key.encode(), password_hash.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def session_token(secret_key: str, user: User) -> str:
    """The signed cookie value for `user`."""
    payload = {"uid": user.id, "pw": password_fingerprint(secret_key, user.password_hash)}
    return _serializer(secret_key).dumps(payload)


def read_session(secret_key: str, value: str) -> tuple[int, str] | None:
    """(user id, fingerprint) from a cookie value; None when forged, tampered or expired."""
    try:
        payload = _serializer(secret_key).loads(value, max_age=SESSION_MAX_AGE)
    except BadSignature:  # also covers SignatureExpired
        return None
    if not isinstance(payload, dict):
        return None
    user_id, fingerprint = payload.get("uid"), payload.get("pw")
    if not isinstance(user_id, int) or not isinstance(fingerprint, str):
        return None
    return user_id, fingerprint


def matches_user(secret_key: str, user: User, fingerprint: str) -> bool:
    """True while the user's password is the one the session was issued for."""
    expected = password_fingerprint(secret_key, user.password_hash)
    return hmac.compare_digest(expected, fingerprint)


def _cookie_options(request: Request) -> dict:
    return {
        "path": "/",
        "httponly": True,
        "samesite": "lax",
        "secure": request.url.scheme == "https",
    }


def start_session(request: Request, response: Response, user: User) -> None:
    """Put a fresh session cookie for `user` on `response`."""
    secret_key = request.app.state.settings.secret_key
    response.set_cookie(
        SESSION_COOKIE,
        session_token(secret_key, user),
        max_age=SESSION_MAX_AGE,
        **_cookie_options(request),
    )


def end_session(request: Request, response: Response) -> None:
    """Tell the browser to drop its session cookie."""
    response.delete_cookie(SESSION_COOKIE, **_cookie_options(request))
