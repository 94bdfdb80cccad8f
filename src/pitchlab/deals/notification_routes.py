"""The notification list and the unread count in the navigation (issue 13)."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from ..auth.deps import UserDep, require
from ..db import SessionDep
from ..permissions import Action
from ..web.forms import FormDep, parse_number
from ..web.templating import is_htmx_partial, render
from .notifications import mark_read, notifications, unread_count

router = APIRouter(
    prefix="/notifications",
    tags=["pages"],
    include_in_schema=False,
    dependencies=[Depends(require(Action.READ))],
)
# Seconds between the navigation's checks for new notifications (htmx polling).
POLL_SECONDS = 30


@router.get("")
def notification_list(request: Request, session: SessionDep, user: UserDep, page: int = 1):
    """My notifications, newest first; opening the list does not mark them read."""
    context = {
        "page": notifications(session, user.id, page=max(1, min(page, 10_000))),
        "query": request.query_params,
    }
    return render(request, "deals/notifications.html", context)


@router.get("/count")
def notification_count(request: Request, session: SessionDep, user: UserDep):
    """The navigation's link with the unread count (polled by htmx)."""
    context = {"unread": unread_count(session, user.id), "poll_seconds": POLL_SECONDS}
    return render(request, "deals/_nav_count.html", context)


@router.post("/read")
def notification_read(form: FormDep, request: Request, session: SessionDep, user: UserDep):
    """Mark one notification read (with `id`), or all of them."""
    raw = form.get("id")
    mark_read(session, user.id, parse_number(raw) if raw else None)
    if is_htmx_partial(request):
        return notification_count(request, session, user)
    target = str(form.get("next") or "")
    return RedirectResponse(target if target.startswith("/companies/") else "/notifications", 303)
