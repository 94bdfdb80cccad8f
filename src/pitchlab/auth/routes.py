"""The login and logout pages."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from ..db import SessionDep
from ..models import Role
from ..pages import safe_next
from ..web.csrf import verify_csrf
from ..web.i18n import gettext as _
from ..web.templating import render
from .ratelimit import FAILURE_WINDOW, TooManyAttempts
from .seeding import demo_accounts
from .sessions import end_session, start_session
from .users import authenticate

router = APIRouter(tags=["pages"], dependencies=[Depends(verify_csrf)], include_in_schema=False)


def role_labels() -> dict[str, str]:
    return {
        Role.ADMIN.value: _("Admin"),
        Role.PARTNER.value: _("Partner"),
        Role.ANALYST.value: _("Analyst"),
        Role.VIEWER.value: _("Viewer"),
    }


def _client_address(request: Request) -> str:
    # Behind a proxy this is the forwarded address (uvicorn's proxy_headers, trusted proxies).
    return request.client.host if request.client else "unknown"


def _login_page(
    request: Request,
    *,
    email: str = "",
    next_path: str = "/",
    error: str = "",
    status_code: int = 200,
):
    demo = request.app.state.settings.demo
    context = {
        "email": email,
        "next": next_path,
        "error": error,
        "role_labels": role_labels(),
        "demo_accounts": demo_accounts() if demo else [],
    }
    return render(request, "auth/login.html", context, status_code=status_code)


@router.get("/login")
def login_form(request: Request, next: str = "/"):
    """The login form; in demo mode it also lists the demo accounts and their password."""
    return _login_page(request, next_path=safe_next(next))


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
):
    """Check the credentials, start a session and go where the user was headed."""
    next_path = safe_next(next)
    try:
        user = authenticate(
            session, email=email, password=password, address=_client_address(request)
        )
    except TooManyAttempts:
        minutes = int(FAILURE_WINDOW.total_seconds() // 60)
        error = _("Too many failed logins. Try again in %(minutes)s minutes.") % {
            "minutes": minutes
        }
        response = _login_page(
            request, email=email, next_path=next_path, error=error, status_code=429
        )
        response.headers["Retry-After"] = str(int(FAILURE_WINDOW.total_seconds()))
        return response
    if user is None:
        # One message for every failure, so the page never tells which emails have accounts.
        return _login_page(
            request,
            email=email,
            next_path=next_path,
            status_code=422,
            error=_("The email or password is not correct."),
        )
    response = RedirectResponse(next_path, status_code=303)
    start_session(request, response, user)
    return response


@router.post("/logout")
def logout(request: Request):
    """End the session in this browser."""
    response = RedirectResponse("/login", status_code=303)
    end_session(request, response)
    return response
