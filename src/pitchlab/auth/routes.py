"""The login and logout pages."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from ..db import SessionDep
from ..models import Role
from ..pages import safe_next
from ..permissions import Action
from ..web.i18n import gettext as _
from ..web.templating import render
from .deps import CurrentUser, allowed
from .ratelimit import FAILURE_WINDOW, TooManyAttempts
from .seeding import demo_accounts
from .sessions import (
    SESSION_COOKIE,
    clear_session_cookie,
    create_session,
    end_sessions,
    live_sessions,
    set_session_cookie,
)
from .users import authenticate

AccountDep = allowed(Action.OWN_ACCOUNT)

router = APIRouter(tags=["pages"], include_in_schema=False)


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
    key = create_session(
        session,
        user,
        user_agent=request.headers.get("user-agent", ""),
        address=_client_address(request),
    )
    set_session_cookie(request, response, key)
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, user: CurrentUser):
    """End this browser's session on the server, so a copy of its cookie is worth nothing."""
    if user is not None:
        end_sessions(session, user_id=user.id, key=request.cookies.get(SESSION_COOKIE, ""))
        session.commit()
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookie(request, response)
    return response


@router.get("/account")
def account(request: Request, session: SessionDep, user: AccountDep):
    """The signed-in user's own sessions, with a way to end them all."""
    context = {"sessions": live_sessions(session, user.id)}
    return render(request, "auth/account.html", context)


@router.post("/account/sessions/end")
def log_out_everywhere(request: Request, session: SessionDep, user: AccountDep):
    """End every session of the caller, this one included ("log out everywhere")."""
    end_sessions(session, user_id=user.id)
    session.commit()
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookie(request, response)
    return response
