"""Load-or-refuse for the PR/FAQ draft (or company) in the URL, written once.

Anyone logged in reads the drafts of a company they have no conflict with; evaluators write
them; a conflicted user gets 403 for that company's drafts on every page, export and API call.
An archived draft stays readable (scores cite it) but refuses changes with 409 until restored.
"""

from typing import Annotated

from fastapi import Depends, HTTPException

from ..auth.deps import UserDep
from ..companies.deps import CompanyDep
from ..db import RowId, SessionDep
from ..models import Company, PrfaqDraft, PrfaqRevision, User
from ..permissions import Action, can
from ..scoring.deps import refuse_if_conflicted
from ..web.i18n import gettext as _
from .store import get_revision


def may_write(user: User) -> bool:
    return can(user, Action.PRFAQ_WRITE)


def may_edit(user: User, draft: PrfaqDraft) -> bool:
    """Whether the user may change the draft's text and title now."""
    return may_write(user) and draft.archived_at is None


def may_archive(user: User, draft: PrfaqDraft) -> bool:
    """Partners and admins archive and restore any draft; an analyst only their own."""
    return can(user, Action.PRFAQ_ARCHIVE, owner_id=draft.created_by_id)


def readable_draft(draft_id: RowId, session: SessionDep, user: UserDep) -> PrfaqDraft:
    """The draft named by the path, if the caller may see its company; else 404 or 403."""
    draft = session.get(PrfaqDraft, draft_id)
    if draft is None:
        raise HTTPException(404, _("No PR/FAQ draft with this id."))
    refuse_if_conflicted(session, user, draft.company_id)
    return draft


DraftDep = Annotated[PrfaqDraft, Depends(readable_draft)]


def writable_draft(draft: DraftDep, user: UserDep) -> PrfaqDraft:
    """A readable draft whose caller's role writes drafts (evaluators), archived or not."""
    if not may_write(user):
        raise HTTPException(403, _("Your role may read PR/FAQ drafts but not change them."))
    return draft


WritableDraftDep = Annotated[PrfaqDraft, Depends(writable_draft)]


def archived_message() -> str:
    return _("This PR/FAQ draft is archived, so it cannot be changed until it is restored.")


def refuse_if_archived(draft: PrfaqDraft) -> PrfaqDraft:
    """The draft, unless it is archived (409: the request was fine, the draft's state is not)."""
    if draft.archived_at is not None:
        raise HTTPException(409, archived_message())
    return draft


def editable_draft(draft: WritableDraftDep) -> PrfaqDraft:
    """A draft the caller may change now: an evaluator's, and not archived."""
    return refuse_if_archived(draft)


EditableDraftDep = Annotated[PrfaqDraft, Depends(editable_draft)]


def refuse_unless_archiver(user: User, draft: PrfaqDraft) -> PrfaqDraft:
    """The draft, if the user may archive or restore it (see may_archive); else 403."""
    if not may_archive(user, draft):
        raise HTTPException(
            403, _("Only the draft's author, partners and admins may archive or restore it.")
        )
    return draft


def archivable_draft(draft: DraftDep, user: UserDep) -> PrfaqDraft:
    """A readable draft the caller may archive or restore."""
    return refuse_unless_archiver(user, draft)


ArchivableDraftDep = Annotated[PrfaqDraft, Depends(archivable_draft)]


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
