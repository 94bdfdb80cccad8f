"""Who is asking (session cookie or bearer token), and the checks routes declare on it.

def score(company: CompanyDep, user: EvaluatorDep): ...   # 401/303 anonymous, 403 viewer
router = APIRouter(dependencies=[Depends(require(Action.RUBRIC_MANAGE))])
"""

from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from ..db import SessionDep, read_for
from ..errors import API_PREFIXES
from ..models import User
from ..pages import safe_next
from ..permissions import Action, can
from ..web.csrf import SAFE_METHODS
from ..web.i18n import LOCALE_COOKIE, set_locale
from ..web.i18n import gettext as _
from .sessions import SESSION_COOKIE, user_for_key
from .tokens import user_for_token

# auto_error=False: no token is fine here; require_user decides what anonymity means.
bearer_scheme = HTTPBearer(
    auto_error=False, description="An API token from `pitchlab token create`."
)
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIXES)


def _user_from_cookie(request: Request, session: SessionDep) -> User | None:
    # On the API a cookie only counts for reads: writes there need a bearer token, so a page
    # holding a session (and its CSRF token) still cannot change anything through the API.
    if _is_api(request) and request.method not in SAFE_METHODS:
        return None
    return user_for_key(session, request.cookies.get(SESSION_COOKIE, ""))


def _lookup(request: Request, session: Session, bearer) -> User | None:
    if bearer is not None:
        return user_for_token(session, bearer.credentials)
    return _user_from_cookie(request, session)


async def current_user(request: Request, session: SessionDep, bearer: BearerDep) -> User | None:
    """The logged-in user or None; also kept on request.state.user for the page header.

    Every request asks (the app depends on it): one indexed read, in the event loop's thread
    unless it may wait for the write turn (db.read_for). The user's preferred language applies
    here too, until they pick one with the switcher: async on purpose, so the locale is set in
    the request's own task, the context the endpoint (even in a worker thread, with a copy of
    it) and its templates see."""
    user = await read_for(request, _lookup, request, session, bearer)
    request.state.user = user
    if user is not None and LOCALE_COOKIE not in request.cookies:
        set_locale(user.locale)
    return user


CurrentUser = Annotated[User | None, Depends(current_user)]


def _return_path(request: Request) -> str:
    # A form posted after the session ended goes back to the page it was on, not to a
    # POST-only URL that a redirect would turn into a GET.
    if request.method in SAFE_METHODS:
        target = urlsplit(str(request.url))
    else:
        target = urlsplit(request.headers.get("referer", ""))
        if target.netloc != request.url.netloc:
            return "/"
    return safe_next(target.path + (f"?{target.query}" if target.query else ""))


def login_url(request: Request) -> str:
    """The login page, set to come back to where the request came from."""
    return "/login?next=" + quote(_return_path(request), safe="")


async def require_user(request: Request, user: CurrentUser) -> User:
    """The logged-in user; otherwise 401 on the API and a trip to the login page elsewhere.

    Async: it does no I/O, and a plain function cost every request a worker thread hop."""
    return _signed_in(request, user)


def _signed_in(request: Request, user: User | None) -> User:
    if user is not None:
        return user
    if _is_api(request):
        raise HTTPException(
            401,
            "Not authenticated: send an API token as a Bearer header.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if request.headers.get("HX-Request") == "true":
        # htmx follows a 303 silently and would swap the login page into a fragment.
        raise HTTPException(401, _("Please log in."), headers={"HX-Redirect": login_url(request)})
    raise HTTPException(303, _("Please log in."), headers={"Location": login_url(request)})


UserDep = Annotated[User, Depends(require_user)]


def require(action: Action):
    """A dependency that lets through only users whom `can(user, action)` allows (else 403).

    Company-level conflicts are checked where the company is known (see scoring.deps)."""

    # Async, as require_user: a check without I/O need not cost a worker thread hop. On
    # CurrentUser, not UserDep: FastAPI walks every level of dependencies on each request.
    async def check_permission(request: Request, user: CurrentUser) -> User:
        user = _signed_in(request, user)
        if not can(user, action):
            raise HTTPException(403, _("Your role does not allow this."))
        return user

    return check_permission


def allowed(action: Action):
    """The signed-in user, as a parameter type, when `can(user, action)`; else 403."""
    return Annotated[User, Depends(require(action))]


EvaluatorDep = allowed(Action.SCORE)
AdminDep = allowed(Action.ADMIN_USERS)
AssignerDep = allowed(Action.ASSIGN)
