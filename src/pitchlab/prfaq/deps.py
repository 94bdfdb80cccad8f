"""Load-or-refuse for the PR/FAQ draft (or company) in the URL, written once.

Anyone logged in reads the drafts of a company they have no conflict with; evaluators write
them; a conflicted user gets 403 for that company's drafts on every page, export and API call.
"""

from typing import Annotated

from fastapi import Depends, HTTPException

from ..auth.deps import EVALUATOR_ROLES, UserDep
from ..db import RowId, SessionDep
from ..models import Company, PrfaqDraft, PrfaqRevision, User
from ..companies.deps import CompanyDep
from ..scoring.deps import refuse_if_conflicted
from ..web.i18n import gettext as _
from .store import get_revision

WRITER_ROLES = frozenset(role.value for role in EVALUATOR_ROLES)


def may_write(user: User) -> bool:
    return user.role in WRITER_ROLES


def readable_draft(draft_id: RowId, session: SessionDep, user: UserDep) -> PrfaqDraft:
    """The draft named by the path, if the caller may see its company; else 404 or 403."""
    draft = session.get(PrfaqDraft, draft_id)
    if draft is None:
        raise HTTPException(404, _("No PR/FAQ draft with this id."))
    refuse_if_conflicted(session, user, draft.company_id)
    return draft


DraftDep = Annotated[PrfaqDraft, Depends(readable_draft)]


def editable_draft(draft: DraftDep, user: UserDep) -> PrfaqDraft:
    """A readable draft the caller may also change (evaluators only)."""
    if not may_write(user):
        raise HTTPException(403, _("Your role may read PR/FAQ drafts but not change them."))
    return draft


EditableDraftDep = Annotated[PrfaqDraft, Depends(editable_draft)]


def draft_revision(number: RowId, draft: DraftDep, session: SessionDep) -> PrfaqRevision:
    """One revision of a readable draft, or a 404."""
    revision = get_revision(session, draft.id, number)
    if revision is None:
        raise HTTPException(404, _("This draft has no revision with this number."))
    return revision


RevisionDep = Annotated[PrfaqRevision, Depends(draft_revision)]


def readable_company(company: CompanyDep, session: SessionDep, user: UserDep) -> Company:
    """The company named by the path or query, if the caller has no conflict with it."""
    refuse_if_conflicted(session, user, company.id)
    return company


ReadableCompanyDep = Annotated[Company, Depends(readable_company)]
