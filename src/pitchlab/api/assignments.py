"""Assignments through the JSON API (issue 13): list (mine with ?assignee=me), create, complete."""

from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field
from sqlmodel import col

from ..auth.deps import AssignerDep, UserDep
from ..db import MAX_ROW_ID, RowId, SessionDep
from ..deals.assignments import (
    MAX_BULK,
    AssignmentRefused,
    assign,
    assignment_rows,
    complete,
    today,
)
from ..models import Assignment
from ..permissions import Action, can
from ..scoring.access import conflicted_user_ids

router = APIRouter(prefix="/assignments", tags=["assignments"])
Id = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]


class AssignmentOut(BaseModel):
    id: int
    company_id: int
    company_name: str
    user_id: int
    user_name: str
    pack_key: str
    due_date: date | None
    state: Literal["assigned", "started", "submitted"]
    overdue: bool
    created_at: datetime
    completed_at: datetime | None


class AssignmentsIn(BaseModel):
    """Every person in user_ids is assigned every company in company_ids."""

    company_ids: list[Id] = Field(min_length=1, max_length=MAX_BULK)
    user_ids: list[Id] = Field(min_length=1, max_length=MAX_BULK)
    pack_id: Id
    due_date: date | None = None


class AssignmentsCreated(BaseModel):
    created: list[int]
    updated: list[int]
    refused: list[str]


def _out(row) -> AssignmentOut:
    return AssignmentOut(
        id=row.id,
        company_id=row.company_id,
        company_name=row.company_name,
        user_id=row.user_id,
        user_name=row.user_name,
        pack_key=row.pack_key,
        due_date=row.due_date,
        state=row.state,
        overdue=row.overdue(today()),
        created_at=row.created_at,
        completed_at=row.completed_at,
    )


@router.get("", response_model=list[AssignmentOut])
def list_assignments(
    session: SessionDep,
    user: UserDep,
    assignee: Annotated[str, Query(max_length=20, pattern=r"^(me|\d{1,10})$")] = "me",
    company_id: RowId | None = None,
    open: bool = False,
) -> list[AssignmentOut]:
    """Assignments of the caller (assignee=me) or, for partners and admins, of anyone."""
    conditions = []
    if assignee == "me":
        conditions.append(Assignment.user_id == user.id)
    elif can(user, Action.ASSIGN) or int(assignee) == user.id:
        conditions.append(Assignment.user_id == int(assignee))
    else:
        raise HTTPException(403, "Only partners and admins list others' assignments.")
    if company_id is not None:
        conditions.append(Assignment.company_id == company_id)
    if open:
        conditions.append(col(Assignment.completed_at).is_(None))
    rows = assignment_rows(session, *conditions, limit=1000)
    # Who scores a company is about its scoring: hidden from a conflicted caller.
    hidden = {c for c, users in conflicted_user_ids(session).items() if user.id in users}
    return [_out(row) for row in rows if row.company_id not in hidden]


@router.post("", response_model=AssignmentsCreated, status_code=201)
def create_assignments(
    session: SessionDep, body: AssignmentsIn, user: AssignerDep
) -> AssignmentsCreated:
    """Assign evaluators to companies; conflicted or non-scoring people are refused by name."""
    try:
        outcome = assign(
            session,
            company_ids=body.company_ids,
            user_ids=body.user_ids,
            pack_id=body.pack_id,
            due_date=body.due_date,
            assigned_by=user,
        )
    except AssignmentRefused as error:
        raise HTTPException(422, str(error)) from error
    if not outcome.created and not outcome.updated:
        raise HTTPException(422, " ".join(outcome.refused) or "Nothing to assign.")
    return AssignmentsCreated(
        created=[a.id for a in outcome.created],
        updated=[a.id for a in outcome.updated],
        refused=outcome.refused,
    )


def _own_or_assigner(assignment_id: RowId, session: SessionDep, user: UserDep) -> Assignment:
    assignment = session.get(Assignment, assignment_id)
    if assignment is None:
        raise HTTPException(404, "No assignment with this id.")
    if not can(user, Action.ASSIGNMENT_COMPLETE, owner_id=assignment.user_id):
        raise HTTPException(403, "Only the assignee, partners and admins complete an assignment.")
    return assignment


@router.post("/{assignment_id}/complete", response_model=AssignmentOut)
def complete_assignment(
    session: SessionDep, assignment: Annotated[Assignment, Depends(_own_or_assigner)]
) -> AssignmentOut:
    """Mark an assignment done without a submitted scorecard (one is usually enough)."""
    complete(session, assignment)
    return _out(assignment_rows(session, Assignment.id == assignment.id)[0])
