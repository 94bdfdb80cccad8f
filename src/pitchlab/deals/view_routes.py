"""Saving and deleting company-list views (issue 13)."""

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import RedirectResponse

from ..auth.deps import UserDep, require
from ..db import RowId, SessionDep
from ..models import SavedView
from ..permissions import Action, can
from ..web.forms import FormDep
from ..web.i18n import gettext as _
from .views import ViewInvalid, save_view

router = APIRouter(
    prefix="/views",
    tags=["pages"],
    include_in_schema=False,
    dependencies=[Depends(require(Action.READ))],
)


@router.post("")
def view_save(form: FormDep, session: SessionDep, user: UserDep):
    """Save the list's current filters, sort and columns under a name."""
    query = str(form.get("query") or "")
    try:
        save_view(
            session,
            user,
            name=str(form.get("name") or ""),
            query=query,
            shared=form.get("shared") == "1",
        )
    except ViewInvalid as error:
        raise HTTPException(422, str(error)) from error
    return RedirectResponse(f"/companies?{query.lstrip('?')}", status_code=303)


@router.post("/{view_id}/delete")
def view_delete(session: SessionDep, user: UserDep, view_id: RowId):
    """Delete one of one's own views."""
    view = session.get(SavedView, view_id)
    if view is None:
        raise HTTPException(404, _("No view with this id."))
    if not can(user, Action.SAVED_VIEW_EDIT, owner_id=view.user_id):
        raise HTTPException(403, _("Only its owner deletes a view."))
    session.delete(view)
    session.commit()
    return RedirectResponse("/companies", status_code=303)
