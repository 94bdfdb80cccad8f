"""Site-wide pages: language switch, health check and offline API docs."""

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy import text

from .db import SessionDep
from .web.i18n import LOCALE_COOKIE, SUPPORTED_LOCALES
from .web.templating import render

router = APIRouter(include_in_schema=False)
ONE_YEAR = 365 * 24 * 3600


# Longer return paths lose their query string: a 100 KB query made a 97 KB Location header,
# which proxies and browsers refuse (issue 11).
MAX_NEXT_LENGTH = 2000


def safe_next(target: str | None) -> str:
    """A same-site path to go back to, of a sane length; anything else becomes the home page."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    if len(target) > MAX_NEXT_LENGTH:
        target = target.split("?", 1)[0]
    return target if len(target) <= MAX_NEXT_LENGTH else "/"


@router.post("/locale")
def switch_locale(
    request: Request, session: SessionDep, locale: str = Form(...), next: str = Form("/")
):
    """Remember the chosen interface language in a cookie, and on the signed-in user's account
    so that their next login, on any browser, starts in it (issue 13); then go back."""
    response = RedirectResponse(safe_next(next), status_code=303)
    # The app-wide dependency already looked the caller up, in this request's session.
    user = getattr(request.state, "user", None)
    if user is not None and locale in SUPPORTED_LOCALES and user.locale != locale:
        user.locale = locale
        session.add(user)
        session.commit()
    if locale in SUPPORTED_LOCALES:
        secure = request.url.scheme == "https"
        response.set_cookie(
            LOCALE_COOKIE, locale, max_age=ONE_YEAR, httponly=True, samesite="lax", secure=secure
        )
    return response


@router.get("/healthz", include_in_schema=True, tags=["health"])
def healthz(session: SessionDep) -> JSONResponse:
    """200 when the database answers, 503 when it does not."""
    try:
        session.connection().execute(text("SELECT 1")).one()
    except Exception:  # any database failure means unhealthy
        return JSONResponse({"status": "unavailable", "database": "down"}, status_code=503)
    return JSONResponse({"status": "ok", "database": "up"})


@router.get("/docs")
def api_docs(request: Request):
    """Swagger UI from vendored files, so the API docs work without the internet."""
    return render(request, "docs.html", {})
