"""Per-request context and protective headers, as one pure ASGI middleware.

Pure ASGI rather than BaseHTTPMiddleware so the locale set in a ContextVar here is the one
the endpoint and its templates see.
"""

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import cookie_parser
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..auth.sessions import SESSION_COOKIE
from .csrf import CSRF_COOKIE, cookie_secret, form_token, new_cookie_value
from .i18n import LOCALE_COOKIE, negotiate_locale, set_locale

UPLOAD_PATH_SUFFIX = "/documents"  # POST /companies/{id}/documents and its API twin
MULTIPART_OVERHEAD = 1024 * 1024
# Only the app's own scripts and styles; no inline script; never framed.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


def _cookies(scope: Scope) -> dict[str, str]:
    # Starlette's lenient parser, as request.cookies uses: one cookie that the standard
    # library's SimpleCookie cannot read (`prefs={"a":1}`, set by another app on the domain)
    # made it drop every cookie, the CSRF cookie with them, and every form failed (issue 11).
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            return cookie_parser(value.decode("latin-1"))
    return {}


def _header(scope: Scope, wanted: bytes) -> str | None:
    for name, value in scope.get("headers", []):
        if name == wanted:
            return value.decode("latin-1")
    return None


class RequestContextMiddleware:
    """Sets the locale, issues the CSRF cookie, adds security headers, caps body size."""

    def __init__(
        self, app: ASGIApp, *, max_body_bytes: int, secret_key: str, upload_body_bytes: int = 0
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.secret_key = secret_key
        # Document uploads (issue 12) may be larger; their own check gives the clear message.
        self.upload_body_bytes = max(upload_body_bytes, max_body_bytes)

    def _cap(self, scope: Scope) -> int:
        path = scope.get("path", "")
        if scope.get("method") == "POST" and path.endswith(UPLOAD_PATH_SUFFIX):
            return self.upload_body_bytes
        return self.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self._cap(scope)
        length = _header(scope, b"content-length")
        if length and length.isascii() and length.isdigit() and int(length) > cap:
            # Refused before a byte of the body is read (issue 7).
            refusal = PlainTextResponse("Request body too large", status_code=413)
            await refusal(scope, receive, self._decorated(send, None, scope))
            return
        cookies = _cookies(scope)
        set_locale(
            negotiate_locale(
                cookie=cookies.get(LOCALE_COOKIE),
                accept_language=_header(scope, b"accept-language"),
            )
        )
        secret = cookie_secret(self.secret_key, cookies.get(CSRF_COOKIE))
        new_cookie = None
        if secret is None:
            secret, new_cookie = new_cookie_value(self.secret_key)
        session_key = cookies.get(SESSION_COOKIE, "")
        state = scope.setdefault("state", {})
        state.update(
            csrf_secret=secret,
            session_key=session_key,
            csrf_token=form_token(self.secret_key, secret, session_key),
        )
        await self.app(scope, self._limited(receive, cap), self._decorated(send, new_cookie, scope))

    def _limited(self, receive: Receive, cap: int) -> Receive:
        # A chunked body has no Content-Length: count as it streams and stop at the cap.
        seen = 0

        async def wrapped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise BodyTooLarge()
            return message

        return wrapped

    def _decorated(self, send: Send, new_cookie: str | None, scope: Scope) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if new_cookie:
                    secure = "; Secure" if scope.get("scheme") == "https" else ""
                    headers.append(
                        "set-cookie",
                        f"{CSRF_COOKIE}={new_cookie}; Path=/; HttpOnly; SameSite=Lax{secure}",
                    )
            await send(message)

        return wrapped


class BodyTooLarge(HTTPException):
    """Raised while streaming a body that exceeds the configured cap.

    An HTTPException, because FastAPI re-raises those from its own body parsing; any other
    exception there became "400 There was an error parsing the body" (issue 7).
    """

    def __init__(self) -> None:
        super().__init__(413, "Request body too large")
