"""CSRF protection for every state-changing request made with cookies.

The token lives in an HttpOnly cookie (set by RequestContextMiddleware) and is echoed by the
page: forms carry it in a hidden field, htmx sends it as a header (hx-headers on <body>).
A cross-site page can make the browser send the cookie but cannot read the page to echo it.
Bearer-token API calls carry no cookies and are exempt.
"""

import hmac

from fastapi import HTTPException, Request

from .forms import submitted_form

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def verify_csrf(request: Request) -> None:
    """Refuse an unsafe request whose echoed token does not match its cookie."""
    if request.method in SAFE_METHODS:
        return
    expected = request.scope.get("state", {}).get("csrf_token", "")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await submitted_form(request)  # the app's field limit, not Starlette's
        sent = form.get(CSRF_FIELD)
    if not isinstance(sent, str) or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise HTTPException(
            status_code=403,
            detail="The form expired or came from another site; reload the page and try again.",
        )
