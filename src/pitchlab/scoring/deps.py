"""Load-or-refuse for a scorecard in the URL: it exists, and it is the caller's own."""

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy import and_, bindparam
from sqlmodel import col, select

from ..auth.deps import EvaluatorDep, UserDep
from ..companies.deps import CompanyDep
from ..db import RowId, SessionDep, read_for
from ..models import Conflict, Evaluation, User
from ..web.i18n import gettext as _
from .access import conflict_for
from .changes import is_locked

# Built once (issue 17): building a statement cost about as much as running it.
_OWN_EVALUATION = (
    select(Evaluation, Conflict.id)
    .outerjoin(
        Conflict,
        and_(
            col(Conflict.company_id) == Evaluation.company_id,
            col(Conflict.user_id) == bindparam("user_id"),
        ),
    )
    .where(Evaluation.id == bindparam("evaluation_id"))
)


async def own_evaluation(
    request: Request, evaluation_id: RowId, session: SessionDep, user: EvaluatorDep
) -> Evaluation:
    """The caller's own scorecard; another's is refused, and so is a conflicted company.

    One statement reads the scorecard and whether its evaluator declared a conflict with its
    company (issue 17: every autosave passes here), in the event loop's thread unless the
    request's session may wait for the write turn (db.read_for)."""
    parameters = {"evaluation_id": evaluation_id, "user_id": user.id}
    found = await read_for(request, _first, session, _OWN_EVALUATION, parameters)
    if found is None:
        raise HTTPException(404, _("No scorecard with this id."))
    evaluation, conflict_id = found
    if evaluation.evaluator_id != user.id:
        raise HTTPException(403, _("This scorecard belongs to another evaluator."))
    _refuse_conflict(conflict_id is not None)
    return evaluation


def _first(session, statement, parameters):
    return session.exec(statement, params=parameters).first()


OwnEvaluationDep = Annotated[Evaluation, Depends(own_evaluation)]


def locked_message() -> str:
    return _("This scorecard has been submitted. Reopen it to change it; nothing was changed.")


def draft_evaluation(evaluation: OwnEvaluationDep) -> Evaluation:
    """The caller's own scorecard, unless it is submitted (409): changes need Reopen first."""
    if is_locked(evaluation):
        raise HTTPException(409, locked_message())
    return evaluation


DraftEvaluationDep = Annotated[Evaluation, Depends(draft_evaluation)]


def refuse_if_conflicted(session, user: User, company_id: int) -> User:
    """The user, unless conflicted with the company (403): one check for every area."""
    _refuse_conflict(conflict_for(session, user_id=user.id, company_id=company_id) is not None)
    return user


def _refuse_conflict(conflicted: bool) -> None:
    if conflicted:
        raise HTTPException(403, _("You declared a conflict of interest with this company."))


def unconflicted_user(company: CompanyDep, session: SessionDep, user: UserDep) -> User:
    """The caller, unless they declared a conflict with the company in the URL."""
    return refuse_if_conflicted(session, user, company.id)


def unconflicted_evaluator(company: CompanyDep, session: SessionDep, user: EvaluatorDep) -> User:
    """An evaluator who may score the company in the URL."""
    return refuse_if_conflicted(session, user, company.id)


UnconflictedUserDep = Annotated[User, Depends(unconflicted_user)]
UnconflictedEvaluatorDep = Annotated[User, Depends(unconflicted_evaluator)]
