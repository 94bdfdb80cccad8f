"""Load-or-refuse for a comment in the URL: on this company, not deleted, the caller's own."""

from typing import Annotated

from fastapi import Depends

from ..auth.deps import UserDep
from ..companies.deps import CompanyDep
from ..db import RowId, SessionDep
from ..models import Activity
from .comments import own_comment


def editable_comment(
    comment_id: RowId, company: CompanyDep, session: SessionDep, user: UserDep
) -> Activity:
    """The comment, if the caller may change it (a dependency, so it refuses before the body
    is read)."""
    return own_comment(session, company=company, comment_id=comment_id, user=user)


EditableCommentDep = Annotated[Activity, Depends(editable_comment)]
