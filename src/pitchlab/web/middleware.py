"""Per-request context and protective headers, as one pure ASGI middleware.

Pure ASGI rather than BaseHTTPMiddleware so the locale set in a ContextVar here is the one
the endpoint and its templates see.
"""

import secrets
from http.cookies import SimpleCookie

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .i18n import LOCALE_COOKIE, negotiate_locale, set_locale

CSRF_COOKIE = "pitchlab_csrf"
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
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            jar = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is treated as no cookies
                return {}
            return {key: morsel.value for key, morsel in jar.items()}
    return {}


def _header(scope: Scope, wanted: bytes) -> str | None:
    for name, value in scope.get("headers", []):
        if name == wanted:
            return value.decode("latin-1")
    return None


class RequestContextMiddleware:
    """Sets the locale, issues the CSRF cookie, adds security headers, caps body size."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, upload_body_bytes: int = 0) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
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
        csrf_token = cookies.get(CSRF_COOKIE)
        new_token = None
        if not csrf_token or len(csrf_token) < 32:
            csrf_token = new_token = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = csrf_token
        await self.app(scope, self._limited(receive, cap), self._decorated(send, new_token, scope))

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

    def _decorated(self, send: Send, new_token: str | None, scope: Scope) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if new_token:
                    secure = "; Secure" if scope.get("scheme") == "https" else ""
                    headers.append(
                        "set-cookie",
                        f"{CSRF_COOKIE}={new_token}; Path=/; HttpOnly; SameSite=Lax{secure}",
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
