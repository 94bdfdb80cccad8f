"""A company's timeline and comments, and the caller's notifications, through the JSON API."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..auth.deps import UserDep, require
from ..companies.deps import CompanyDep
from ..db import RowId, SessionDep
from ..deals.activity import timeline
from ..deals.comments import (
    CommentInvalid,
    add_comment,
    change_comment,
    remove_comment,
)
from ..deals.deps import EditableCommentDep
from ..deals.notifications import mark_read, notifications, unread_count
from ..models import ActivityKind
from ..models.deals import COMMENT_MAX
from ..permissions import Action
from ..scoring.access import conflict_for

router = APIRouter(tags=["activity"])


class ActivityOut(BaseModel):
    id: int
    company_id: int
    kind: str
    actor_id: int | None
    actor_name: str | None
    payload: dict
    body: str
    created_at: datetime
    edited_at: datetime | None
    deleted: bool


class ActivityPage(BaseModel):
    items: list[ActivityOut]
    total: int
    page: int
    pages: int


class CommentIn(BaseModel):
    body: str = Field(min_length=1, max_length=COMMENT_MAX)


def _out(entry, actor_name) -> ActivityOut:
    return ActivityOut(
        id=entry.id,
        company_id=entry.company_id,
        kind=entry.kind,
        actor_id=entry.actor_id,
        actor_name=actor_name,
        payload=entry.payload,
        body="" if entry.deleted_at else entry.body,
        created_at=entry.created_at,
        edited_at=entry.edited_at,
        deleted=entry.deleted_at is not None,
    )


def _page(session, company, user, kind, page) -> ActivityPage:
    conflicted = conflict_for(session, user_id=user.id, company_id=company.id) is not None
    found = timeline(session, company_id=company.id, kind=kind, conflicted=conflicted, page=page)
    return ActivityPage(
        items=[_out(entry, name) for entry, name in found.items],
        total=found.total,
        page=found.page,
        pages=found.pages,
    )


PageQuery = Annotated[int, Query(ge=1, le=10_000)]


@router.get("/companies/{company_id}/activity", response_model=ActivityPage)
def company_activity(
    session: SessionDep,
    company: CompanyDep,
    user: UserDep,
    kind: ActivityKind | None = None,
    page: PageQuery = 1,
) -> ActivityPage:
    """The company's timeline, newest first; a conflicted caller gets no scoring entries."""
    return _page(session, company, user, kind.value if kind else None, page)


@router.get("/companies/{company_id}/comments", response_model=ActivityPage)
def company_comments(
    session: SessionDep, company: CompanyDep, user: UserDep, page: PageQuery = 1
) -> ActivityPage:
    """The company's comments, newest first."""
    return _page(session, company, user, "comment", page)


@router.post(
    "/companies/{company_id}/comments",
    response_model=ActivityOut,
    status_code=201,
    dependencies=[Depends(require(Action.COMMENT))],
)
def create_comment(
    session: SessionDep, company: CompanyDep, user: UserDep, body: CommentIn
) -> ActivityOut:
    """Comment on a company (Markdown); @name notifies that person."""
    try:
        comment, _mentioned = add_comment(session, company=company, author=user, raw=body.body)
    except CommentInvalid as error:
        raise HTTPException(422, str(error)) from error
    return _out(comment, user.display_name)


@router.patch("/companies/{company_id}/comments/{comment_id}", response_model=ActivityOut)
def edit_comment(
    session: SessionDep, user: UserDep, comment: EditableCommentDep, body: CommentIn
) -> ActivityOut:
    """Change one's own comment."""
    try:
        change_comment(session, comment, body.body)
    except CommentInvalid as error:
        raise HTTPException(422, str(error)) from error
    return _out(comment, user.display_name)


@router.delete("/companies/{company_id}/comments/{comment_id}", status_code=204)
def delete_comment(session: SessionDep, comment: EditableCommentDep) -> Response:
    """Delete one's own comment (the timeline keeps a "deleted" line)."""
    remove_comment(session, comment)
    return Response(status_code=204)


class NotificationOut(BaseModel):
    id: int
    reason: str
    read: bool
    created_at: datetime
    company_id: int
    company_name: str
    actor_name: str | None
    kind: str
    body: str


class NotificationPage(BaseModel):
    items: list[NotificationOut]
    unread: int
    total: int
    page: int
    pages: int


@router.get("/notifications", response_model=NotificationPage)
def list_notifications(
    session: SessionDep, user: UserDep, page: PageQuery = 1, unread: bool = False
) -> NotificationPage:
    """The caller's notifications, newest first, with the unread count."""
    found = notifications(session, user.id, page=page, unread_only=unread)
    return NotificationPage(
        items=[
            NotificationOut(**{k: getattr(row, k) for k in NotificationOut.model_fields})
            for row in found.items
        ],
        unread=unread_count(session, user.id),
        total=found.total,
        page=found.page,
        pages=found.pages,
    )


class ReadIn(BaseModel):
    ids: list[RowId] | None = Field(default=None, max_length=1000)


@router.post("/notifications/read")
def read_notifications(session: SessionDep, user: UserDep, body: ReadIn) -> dict:
    """Mark the given notifications (or, without ids, all of them) read."""
    if body.ids is None:
        marked = mark_read(session, user.id)
    else:
        marked = sum(mark_read(session, user.id, note_id) for note_id in body.ids)
    return {"marked": marked, "unread": unread_count(session, user.id)}
