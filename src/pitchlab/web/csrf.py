"""CSRF protection for every state-changing request made with cookies (issue 11).

A signed random secret lives in an HttpOnly cookie; pages echo a token derived from it and
from the session (forms in a hidden field, htmx as a header from <body hx-headers>). The token
is signed with the app's secret key (itsdangerous) and names the session it was issued in, so
a token from before a login or logout, a forged cookie, or a token of any other length or form
is refused. A cross-site page can make the browser send the cookies but cannot read the page
to echo the token. Bearer-token API calls carry no ambient authority and are exempt.

`guard_unsafe_request` enforces it once for the whole app (an app-level dependency).
"""

import functools
import hashlib
import hmac
import secrets

from fastapi import HTTPException, Request
from itsdangerous import BadSignature, Signer, URLSafeSerializer

from .forms import read_form
from .i18n import gettext as _

CSRF_COOKIE = "pitchlab_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
_COOKIE_SALT = "pitchlab.csrf-cookie"
_TOKEN_SALT = "pitchlab.csrf-token"
_SECRET_BYTES = 32


def new_cookie_value(secret_key: str) -> tuple[str, str]:
    """A fresh CSRF secret and the signed cookie value that carries it."""
    raw = secrets.token_urlsafe(_SECRET_BYTES)
    return raw, Signer(secret_key, salt=_COOKIE_SALT).sign(raw).decode()


def cookie_secret(secret_key: str, value: str | None) -> str | None:
    """The CSRF secret in a cookie value, or None when absent, forged or malformed."""
    if not value:
        return None
    try:
        return Signer(secret_key, salt=_COOKIE_SALT).unsign(value).decode()
    except (BadSignature, UnicodeError):
        return None


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


@functools.lru_cache(maxsize=4096)
def form_token(secret_key: str, secret: str, session_key: str) -> str:
    """The token pages echo: signed, and bound to the CSRF secret and the login session.

    The same inputs always give the same token, so it is kept: every page and every unsafe
    request needs it, and signing cost 45 us of an autosave's 3 ms (issue 17)."""
    payload = [_digest(secret), _digest(session_key)]
    return URLSafeSerializer(secret_key, salt=_TOKEN_SALT).dumps(payload)


def token_matches(secret_key: str, token: object, secret: str | None, session_key: str) -> bool:
    """Whether `token` was issued for this CSRF secret and this session: whether it is the one
    token form_token gives them (signing is deterministic, and only form_token signs)."""
    if not isinstance(token, str) or secret is None or len(token) > 512:
        return False
    expected = form_token(secret_key, secret, session_key)
    # As bytes: compare_digest refuses str with characters beyond ASCII, which a form may send.
    return hmac.compare_digest(token.encode(errors="replace"), expected.encode())


def _is_bearer_call(request: Request) -> bool:
    return request.headers.get("authorization", "").lower().startswith("bearer ")


async def guard_unsafe_request(request: Request) -> None:
    """Read an unsafe request's body first, then refuse it (403) without a valid CSRF token.

    Runs before every other dependency of every route, so the body is in memory before any
    database work starts (a slow client never holds SQLite's write turn, issue 11), and no
    route can forget the check.
    """
    if request.method in SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER)
    if request.headers.get("content-type", "").startswith(FORM_TYPES):
        form = await read_form(request)
        sent = sent if sent is not None else form.get(CSRF_FIELD)
    else:
        await request.body()
    if _is_bearer_call(request):
        return
    state = request.scope.get("state", {})
    settings = request.app.state.settings
    session_key = state.get("session_key", "")
    if not token_matches(settings.secret_key, sent, state.get("csrf_secret"), session_key):
        raise HTTPException(
            status_code=403,
            detail=_("The form expired or came from another site; reload the page and try again."),
        )
