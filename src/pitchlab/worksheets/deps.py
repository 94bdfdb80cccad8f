"""Load-or-refuse for worksheet URLs: a known kind, and a caller who may read or edit it."""

from typing import Annotated

from fastapi import Depends, HTTPException

from ..auth.deps import UserDep
from ..companies.deps import CompanyDep
from ..db import SessionDep
from ..models import Company, User
from ..permissions import Action, can
from ..scoring.access import conflict_for
from ..web.i18n import gettext as _
from .registry import KINDS


def worksheet_kind(kind: str) -> str:
    """The kind in the URL, or a 404 naming the kinds there are."""
    if kind not in KINDS:
        raise HTTPException(
            404,
            _("No worksheet of this kind; the kinds are: %(kinds)s.") % {"kinds": ", ".join(KINDS)},
        )
    return kind


def _allowed(session, user: User, company: Company, action: Action) -> User:
    conflicted = conflict_for(session, user_id=user.id, company_id=company.id) is not None
    if not can(user, action, conflicted=conflicted):
        if conflicted:
            raise HTTPException(403, _("You declared a conflict of interest with this company."))
        raise HTTPException(403, _("Your role does not allow this."))
    return user


def worksheet_reader(company: CompanyDep, session: SessionDep, user: UserDep) -> User:
    return _allowed(session, user, company, Action.WORKSHEET_READ)


def worksheet_editor(company: CompanyDep, session: SessionDep, user: UserDep) -> User:
    return _allowed(session, user, company, Action.WORKSHEET_EDIT)


KindDep = Annotated[str, Depends(worksheet_kind)]
ReaderDep = Annotated[User, Depends(worksheet_reader)]
EditorDep = Annotated[User, Depends(worksheet_editor)]

# Read by the permission-matrix test, as on auth.deps.require's checks.
worksheet_reader.action = Action.WORKSHEET_READ
worksheet_editor.action = Action.WORKSHEET_EDIT
