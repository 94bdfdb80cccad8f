"""The one-time page that creates a fresh installation's first admin (issue 11)."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse

from ..db import SessionDep
from ..models import Role
from ..web.forms import FormDep
from ..web.i18n import gettext as _
from ..web.templating import render
from .firstrun import setup_token_valid, spend_setup_token
from .passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, WeakPassword
from .sessions import create_session, set_session_cookie
from .users import DuplicateEmail, create_user

router = APIRouter(include_in_schema=False)


def _valid_or_404(session, token: str) -> None:
    # One answer for a wrong, used or expired token: the page does not say which.
    if not setup_token_valid(session, token):
        raise HTTPException(404, _("This setup link is not valid any more."))


def _form_page(request: Request, token: str, *, values=None, errors=None, status_code=200):
    context = {
        "token": token,
        "values": values or {},
        "errors": errors or {},
        "min_length": MIN_PASSWORD_LENGTH,
        "max_length": MAX_PASSWORD_LENGTH,
    }
    return render(request, "auth/setup.html", context, status_code=status_code)


@router.get("/setup/{token}")
def setup_form(request: Request, session: SessionDep, token: str):
    """The form for the first admin account, behind the link printed at first start."""
    _valid_or_404(session, token)
    return _form_page(request, token)


@router.post("/setup/{token}")
def setup_create(form: FormDep, request: Request, session: SessionDep, token: str):
    """Create the first admin, spend the link and log the new admin in."""
    _valid_or_404(session, token)
    values = {key: str(form.get(key, "")).strip() for key in ("email", "display_name")}
    password = str(form.get("password", ""))
    try:
        spend_setup_token(session)
        user = create_user(session, **values, role=Role.ADMIN, password=password)
    except (WeakPassword, DuplicateEmail, ValueError) as error:
        session.rollback()
        field = "password" if isinstance(error, WeakPassword) else "email"
        message = {
            "password": _("Between %(low)s and %(high)s characters.")
            % {"low": MIN_PASSWORD_LENGTH, "high": MAX_PASSWORD_LENGTH},
            "email": _("Enter an email address."),
        }[field]
        return _form_page(request, token, values=values, errors={field: message}, status_code=422)
    response = RedirectResponse("/", status_code=303)
    set_session_cookie(request, response, create_session(session, user))
    return response
