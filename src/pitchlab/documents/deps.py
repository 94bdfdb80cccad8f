"""Load-or-404 for the document in the URL, and who may do what with it."""

from typing import Annotated

from fastapi import Depends, HTTPException

from ..auth.deps import UserDep
from ..db import RowId, SessionDep
from ..models import Document, User
from ..permissions import Action, can
from ..scoring.access import conflict_for
from ..web.i18n import gettext as _


def get_document(document_id: RowId, session: SessionDep, _user: UserDep) -> Document:
    """The document named by the path (archived ones too: scores cite them), or a 404.

    Everyone signed in reads documents, conflicted users included (issue 12)."""
    document = session.get(Document, document_id)
    if document is None:
        raise HTTPException(404, _("No document with this id."))
    return document


DocumentDep = Annotated[Document, Depends(get_document)]


def may_upload(session, user: User, company_id: int) -> bool:
    conflicted = conflict_for(session, user_id=user.id, company_id=company_id) is not None
    return can(user, Action.DOCUMENT_UPLOAD, conflicted=conflicted)


def may_archive(session, user: User, document: Document) -> bool:
    conflicted = conflict_for(session, user_id=user.id, company_id=document.company_id) is not None
    return can(
        user, Action.DOCUMENT_ARCHIVE, conflicted=conflicted, owner_id=document.uploaded_by_id
    )


def refuse_upload(session, user: User, company_id: int) -> None:
    if not may_upload(session, user, company_id):
        raise HTTPException(403, _("You may read this company's documents but not upload them."))


def refuse_archive(session, user: User, document: Document) -> None:
    if not may_archive(session, user, document):
        raise HTTPException(403, _("Only the uploader, partners and admins archive a document."))
