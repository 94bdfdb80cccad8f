"""Admin pages: people and their roles, and the review settings of the fund."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlmodel import col, select

from ..auth.deps import AdminDep, require
from ..auth.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from ..auth.sessions import end_sessions
from ..auth.users import create_user, find_user
from ..db import RowId, SessionDep
from ..models import Role, User
from ..pagination import paginate
from ..permissions import Action
from ..scoring.access import PARTNERS_SEE_EARLY, set_setting, setting_enabled
from ..web.forms import FormDep
from ..web.i18n import gettext as _
from ..web.templating import render

router = APIRouter(
    prefix="/admin",
    include_in_schema=False,
    dependencies=[Depends(require(Action.ADMIN_USERS))],
)


def _page(request: Request, session, *, page: int = 1, errors=None, values=None, status_code=200):
    users = paginate(
        session,
        select(User).order_by(col(User.display_name), col(User.id)),
        page=page,
        page_size=request.app.state.settings.page_size,
    )
    context = {
        "users": users.items,
        "page": users,
        "query": request.query_params,
        "roles": [role.value for role in Role],
        "errors": errors or {},
        "values": values or {},
        "partners_see_early": setting_enabled(session, PARTNERS_SEE_EARLY),
    }
    return render(request, "admin/index.html", context, status_code=status_code)


@router.get("")
def admin_index(request: Request, session: SessionDep, page: int = 1):
    """Users, roles and review settings."""
    return _page(request, session, page=page)


@router.post("/settings")
def save_settings(form: FormDep, request: Request, session: SessionDep):
    """Whether partners see others' scores before submitting their own (off by default)."""
    set_setting(session, PARTNERS_SEE_EARLY, form.get("partners_see_early") == "on")
    return RedirectResponse("/admin", status_code=303)


@router.post("/users")
def add_user(form: FormDep, request: Request, session: SessionDep):
    """Create an account; problems come back next to their fields."""
    form = {key: str(value).strip() for key, value in form.items()}
    errors = {}
    if "@" not in form.get("email", "") or len(form["email"]) > 254:
        errors["email"] = _("Enter an email address.")
    elif find_user(session, form["email"]) is not None:
        errors["email"] = _("An account with this email already exists.")
    if not form.get("display_name"):
        errors["display_name"] = _("This field is required.")
    if form.get("role") not in {role.value for role in Role}:
        errors["role"] = _("Choose one of the listed options.")
    if not MIN_PASSWORD_LENGTH <= len(form.get("password", "")) <= MAX_PASSWORD_LENGTH:
        errors["password"] = _("Between %(low)s and %(high)s characters.") % {
            "low": MIN_PASSWORD_LENGTH,
            "high": MAX_PASSWORD_LENGTH,
        }
    if errors:
        form.pop("password", None)
        return _page(request, session, errors=errors, values=form, status_code=422)
    create_user(
        session,
        email=form["email"],
        display_name=form["display_name"],
        role=form["role"],
        password=form["password"],
    )
    return RedirectResponse("/admin", status_code=303)


@router.post("/users/{user_id}")
def change_user(
    form: FormDep, request: Request, session: SessionDep, user_id: RowId, admin: AdminDep
):
    """Change a user's role or deactivate them; an admin cannot lock themselves out."""
    user = session.get(User, user_id)
    if user is None:
        raise HTTPException(404, _("No such user."))
    role, active = str(form.get("role", user.role)), form.get("active") == "on"
    if role not in {r.value for r in Role}:
        raise HTTPException(422, _("Choose one of the listed options."))
    if user.id == admin.id and (role != Role.ADMIN.value or not active):
        raise HTTPException(422, _("You cannot remove your own admin access."))
    if user.is_active and not active:
        end_sessions(session, user_id=user.id)  # a deactivated user is out at once
    user.role, user.is_active = role, active
    session.add(user)
    session.commit()
    return RedirectResponse("/admin", status_code=303)


@router.post("/users/{user_id}/sessions/end")
def end_user_sessions(session: SessionDep, user_id: RowId):
    """End every session of a user (a lost laptop, a departure), without deactivating them."""
    if session.get(User, user_id) is None:
        raise HTTPException(404, _("No such user."))
    end_sessions(session, user_id=user_id)
    session.commit()
    return RedirectResponse("/admin", status_code=303)
