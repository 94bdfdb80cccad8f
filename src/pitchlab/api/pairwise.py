"""Head-to-head ranking through the JSON API (issue 14): sessions, the next pair for me,
judgements and the ranking."""

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from ..auth.deps import UserDep, allowed
from ..db import MAX_ROW_ID, RowId, SessionDep
from ..models.pairwise import TITLE_MAX
from ..pairwise.data import (
    MAX_FINALISTS,
    MIN_FINALISTS,
    Board,
    JudgementRefused,
    create_session,
    load_board,
    pair_for,
    parse_session_form,
    record_judgement,
    session_ranking,
)
from ..permissions import Action

router = APIRouter(prefix="/pairwise", tags=["pairwise"])
Id = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]


class SessionIn(BaseModel):
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    company_ids: list[Id] = Field(min_length=MIN_FINALISTS, max_length=MAX_FINALISTS)


class Finalist(BaseModel):
    id: int
    name: str


class SessionOut(BaseModel):
    id: int
    title: str
    status: Literal["open", "closed"]
    created_at: datetime
    finalists: list[Finalist]
    n_judgements: int


class PairOut(BaseModel):
    """The next pair for the caller; both null once they have judged every pair they may."""

    company_a: Finalist | None
    company_b: Finalist | None
    judged_by_me: int
    pairs_left_for_me: int


class JudgementIn(BaseModel):
    company_a_id: Id
    company_b_id: Id
    outcome: Literal["a", "b", "tie"] = Field(description='"a", "b" or "tie" (can\'t tell)')


class RankingRow(BaseModel):
    company_id: int
    company_name: str
    rank: int
    rank_low: int
    rank_high: int
    strength: float
    standard_error: float
    rubric_rank: int | None
    rubric_total: float | None


class Disagreement(BaseModel):
    company_id: int
    company_name: str
    pairwise_rank: int
    rubric_rank: int
    gap: int


class JudgeOut(BaseModel):
    judge_id: int
    name: str
    reliability: float = Field(description="Crowd-BT: the chance they answer as the model says")
    judgements: int


class RankingOut(BaseModel):
    n_judgements: int
    judges: list[JudgeOut]
    kendall_tau: float | None
    kendall_p_value: float | None
    ranking: list[RankingRow]
    disagreements: list[Disagreement]


def _board(session_id: RowId, session: SessionDep) -> Board:
    board = load_board(session, session_id)
    if board is None:
        raise HTTPException(404, "No such head-to-head session.")
    return board


BoardDep = Annotated[Board, Depends(_board)]


def _out(board: Board) -> SessionOut:
    return SessionOut(
        id=board.record.id,
        title=board.record.title,
        status=board.record.status,
        created_at=board.record.created_at,
        finalists=[
            Finalist(id=company, name=name)
            for company, name in zip(board.company_ids, board.names, strict=True)
        ],
        n_judgements=len(board.judgements),
    )


@router.post("", response_model=SessionOut, status_code=201)
def create(
    body: SessionIn, session: SessionDep, user: allowed(Action.PAIRWISE_CREATE)
) -> SessionOut:
    """Create a session over these finalists (partners and admins)."""
    values, errors = parse_session_form(body.title, [str(c) for c in body.company_ids])
    if errors:
        raise HTTPException(422, " ".join(errors.values()))
    try:
        session_id = create_session(session, **values, user=user)
    except JudgementRefused as refused:
        raise HTTPException(422, str(refused)) from None
    return _out(load_board(session, session_id))


@router.get("/{session_id}", response_model=SessionOut)
def read(board: BoardDep, user: UserDep) -> SessionOut:
    """A session: its finalists in order and how many judgements it has."""
    return _out(board)


@router.get("/{session_id}/next", response_model=PairOut)
def next_for_me(board: BoardDep, user: allowed(Action.PAIRWISE_JUDGE)) -> PairOut:
    """The pair the caller should judge next (never one with a company they are conflicted
    with), chosen for the most expected information."""
    pair = pair_for(board, user)
    names = dict(zip(board.company_ids, board.names, strict=True))
    a, b = (Finalist(id=c, name=names[c]) for c in pair) if pair else (None, None)
    return PairOut(
        company_a=a,
        company_b=b,
        judged_by_me=len(board.judged_by(user)),
        pairs_left_for_me=len(board.open_pairs(user)),
    )


@router.post("/{session_id}/judgements", status_code=201, response_model=PairOut)
def judge(
    body: JudgementIn,
    session: SessionDep,
    board: BoardDep,
    user: allowed(Action.PAIRWISE_JUDGE),
) -> PairOut:
    """Record the caller's answer on a pair ("a" preferred, "b", or "tie": can't tell); the
    answer is the next pair."""
    try:
        record_judgement(
            session,
            board,
            user,
            company_a=body.company_a_id,
            company_b=body.company_b_id,
            outcome=body.outcome,
        )
    except JudgementRefused as refused:
        raise HTTPException(refused.status, str(refused)) from None
    return next_for_me(board, user)


@router.get("/{session_id}/ranking", response_model=RankingOut)
def ranking(session: SessionDep, board: BoardDep, user: UserDep) -> RankingOut:
    """The pairwise ranking with rank intervals, beside the rubric ranking (without the
    companies the caller is conflicted with), Kendall's tau and the biggest disagreements."""
    found = session_ranking(session, board, user)
    rows = [
        RankingRow(
            **{
                key: row[key]
                for key in ("company_id", "company_name", "rank", "rank_low", "rank_high")
            },
            strength=round(float(row["strength"]), 4),
            standard_error=round(float(row["standard_error"]), 4),
            rubric_rank=row["rubric_rank"],
            rubric_total=row["rubric_total"],
        )
        for row in found.strengths.to_dict("records")
    ]
    return RankingOut(
        n_judgements=found.n_judgements,
        judges=[JudgeOut(**judge) for judge in found.judges],
        kendall_tau=found.agreement.tau,
        kendall_p_value=found.agreement.p_value,
        ranking=rows,
        disagreements=[Disagreement(**d) for d in found.agreement.disagreements],
    )
