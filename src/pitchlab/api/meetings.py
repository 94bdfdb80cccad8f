"""IC meetings through the JSON API (issue 14): create, list, read with the agenda, edit the
agenda, vote, read the votes once revealed, reveal, decide, close. The same functions as the
pages (meetings.record), so a closed meeting refuses here too, and hidden votes never leave."""

from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from ..auth.deps import UserDep, allowed
from ..db import MAX_ROW_ID, SessionDep
from ..meetings.agenda import save_meeting
from ..meetings.deps import ChairDep, ItemDep, MeetingDep, VoterDep
from ..meetings.record import MeetingRefused, cast_vote, close, decide, reveal
from ..meetings.views import ItemView, MeetingView, meeting_list, meeting_view
from ..models import Meeting
from ..models.meeting import MEETING_TITLE_MAX, MINUTES_MAX, VOTE_NOTE_MAX
from ..permissions import Action

router = APIRouter(prefix="/meetings", tags=["meetings"])
Id = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]
Choice = Literal["invest", "pass", "more-diligence"]
MAX_PEOPLE = MAX_ITEMS = 200
CreatorDep = allowed(Action.MEETING_CREATE)
EditorDep = allowed(Action.MEETING_EDIT)


class MeetingIn(BaseModel):
    title: str = Field(min_length=1, max_length=MEETING_TITLE_MAX)
    held_on: date
    chair_id: Id | None = Field(None, description="The caller when left out.")
    attendee_ids: list[Id] = Field(default_factory=list, max_length=MAX_PEOPLE)
    company_ids: list[Id] = Field(default_factory=list, max_length=MAX_ITEMS)


class AgendaIn(BaseModel):
    """The agenda's companies in order; items of companies kept keep their votes."""

    company_ids: list[Id] = Field(max_length=MAX_ITEMS)


class VoteIn(BaseModel):
    choice: Choice
    note: str = Field("", max_length=VOTE_NOTE_MAX)


class DecisionIn(BaseModel):
    decision: Choice
    conditions: str = Field("", max_length=MINUTES_MAX)
    minutes: str = Field("", max_length=MINUTES_MAX)


class Person(BaseModel):
    id: int
    name: str


class VoteOut(BaseModel):
    user_id: int
    user_name: str
    choice: Choice
    note: str
    cast_at: datetime


class ItemOut(BaseModel):
    id: int
    position: int
    company_id: int
    company_name: str
    company_status: str
    presenter_id: int | None
    presenter_name: str
    votes_cast: int
    revealed: bool
    my_vote: Choice | None
    tally: dict[str, int] | None = Field(description="Votes per choice; null while hidden.")
    decision: Choice | None
    conditions: str
    minutes: str


class MeetingSummary(BaseModel):
    id: int
    title: str
    held_on: date
    status: Literal["open", "closed"]
    agenda_items: int


class MeetingOut(BaseModel):
    id: int
    title: str
    held_on: date
    status: Literal["open", "closed"]
    chair_id: int | None
    chair_name: str
    attendees: list[Person]
    agenda: list[ItemOut]
    corrections: list[str]


def _item(view: ItemView) -> ItemOut:
    item = view.item
    return ItemOut(
        id=item.id,
        position=item.position,
        company_id=view.company.id,
        company_name=view.company.name,
        company_status=view.company.status,
        presenter_id=item.presenter_id,
        presenter_name=view.presenter_name,
        votes_cast=view.votes_cast,
        revealed=view.revealed,
        my_vote=view.my_vote.choice if view.my_vote else None,
        tally=view.tally if view.revealed else None,
        decision=item.decision or None,
        conditions=item.conditions,
        minutes=item.minutes,
    )


def _out(view: MeetingView) -> MeetingOut:
    meeting = view.meeting
    return MeetingOut(
        id=meeting.id,
        title=meeting.title,
        held_on=meeting.held_on,
        status=meeting.status,
        chair_id=meeting.chair_id,
        chair_name=view.chair_name,
        attendees=[Person(id=person.id, name=person.display_name) for person in view.attendees],
        agenda=[_item(item) for item in view.items],
        corrections=[correction.body for correction, _author in view.corrections],
    )


@contextmanager
def _refusals_as_4xx():
    """A refused change as a readable 4xx, naming the field of bad input."""
    try:
        yield
    except MeetingRefused as error:
        detail = f"{error.field}: {error.message}" if error.field else error.message
        raise HTTPException(error.status_code, detail) from error


def _read(session, meeting: Meeting, user) -> MeetingOut:
    session.refresh(meeting)
    return _out(meeting_view(session, meeting, user))


@router.get("", response_model=list[MeetingSummary])
def list_meetings(session: SessionDep, _user: UserDep) -> list[MeetingSummary]:
    """Every meeting, newest first."""
    return [
        MeetingSummary(
            id=m.id, title=m.title, held_on=m.held_on, status=m.status, agenda_items=items
        )
        for m, items in meeting_list(session)
    ]


@router.post("", response_model=MeetingOut, status_code=201)
def create_meeting(session: SessionDep, body: MeetingIn, user: CreatorDep) -> MeetingOut:
    """Create a meeting; the chair (the caller by default) always attends."""
    with _refusals_as_4xx():
        meeting = save_meeting(
            session,
            None,
            user=user,
            title=body.title,
            held_on=body.held_on,
            chair_id=body.chair_id or user.id,
            attendee_ids=body.attendee_ids,
            company_ids=body.company_ids,
        )
    return _read(session, meeting, user)


@router.get("/{meeting_id}", response_model=MeetingOut)
def read_meeting(session: SessionDep, user: UserDep, meeting: MeetingDep) -> MeetingOut:
    """The meeting with its agenda; votes appear as a tally only once revealed."""
    return _read(session, meeting, user)


@router.put("/{meeting_id}/agenda", response_model=MeetingOut)
def edit_agenda(
    session: SessionDep, body: AgendaIn, user: EditorDep, meeting: MeetingDep
) -> MeetingOut:
    """Replace an open meeting's agenda with these companies, in this order."""
    view = meeting_view(session, meeting, user)
    with _refusals_as_4xx():
        save_meeting(
            session,
            meeting,
            user=user,
            title=meeting.title,
            held_on=meeting.held_on,
            chair_id=meeting.chair_id,
            attendee_ids=[person.id for person in view.attendees],
            company_ids=body.company_ids,
        )
    return _read(session, meeting, user)


@router.post("/{meeting_id}/items/{item_id}/votes", response_model=ItemOut)
def vote(
    session: SessionDep, body: VoteIn, user: VoterDep, meeting: MeetingDep, item: ItemDep
) -> ItemOut:
    """Cast or change the caller's own vote while the item's votes are hidden."""
    with _refusals_as_4xx():
        cast_vote(session, meeting, item, user=user, choice=body.choice, note=body.note)
    return _item(meeting_view(session, meeting, user).item(item.id))


@router.get("/{meeting_id}/items/{item_id}/votes", response_model=list[VoteOut])
def read_votes(
    session: SessionDep, user: UserDep, meeting: MeetingDep, item: ItemDep
) -> list[VoteOut]:
    """Every vote on the item with its note: only once the chair has revealed them (else 409)."""
    view = meeting_view(session, meeting, user).item(item.id)
    if not view.revealed:
        raise HTTPException(409, "The votes are hidden until the chair reveals them.")
    return [
        VoteOut(
            user_id=vote.user_id,
            user_name=name,
            choice=vote.choice,
            note=vote.note,
            cast_at=vote.cast_at,
        )
        for vote, name in view.votes
    ]


@router.post("/{meeting_id}/items/{item_id}/reveal", response_model=ItemOut)
def reveal_votes(
    session: SessionDep, user: ChairDep, meeting: MeetingDep, item: ItemDep
) -> ItemOut:
    """The chair reveals the item's votes; they no longer change."""
    with _refusals_as_4xx():
        reveal(session, meeting, item, user=user)
    return _item(meeting_view(session, meeting, user).item(item.id))


@router.post("/{meeting_id}/items/{item_id}/decision", response_model=ItemOut)
def record_decision(
    session: SessionDep, body: DecisionIn, user: ChairDep, meeting: MeetingDep, item: ItemDep
) -> ItemOut:
    """The chair records the decision; the company's pipeline status follows it."""
    with _refusals_as_4xx():
        decide(
            session,
            meeting,
            item,
            user=user,
            decision=body.decision,
            conditions=body.conditions,
            minutes=body.minutes,
        )
    return _item(meeting_view(session, meeting, user).item(item.id))


@router.post("/{meeting_id}/close", response_model=MeetingOut)
def close_meeting(session: SessionDep, user: ChairDep, meeting: MeetingDep) -> MeetingOut:
    """The chair closes the meeting: nothing in it changes afterwards."""
    with _refusals_as_4xx():
        close(session, meeting, user=user)
    return _read(session, meeting, user)
