"""Head-to-head ranking pages (issue 14): sessions, a new session, judging, the ranking."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlmodel import col, select

from ..auth.deps import UserDep, allowed
from ..db import RowId, SessionDep
from ..models import Company, PairwiseStatus
from ..permissions import Action, can
from ..web.forms import FormDep, parse_number
from ..web.i18n import gettext as _
from ..web.templating import render
from .bradley_terry import FOCUS_TOP, PRIOR_SD, RANK_DRAWS
from .data import (
    MAX_FINALISTS,
    MIN_FINALISTS,
    Board,
    JudgementRefused,
    create_session,
    load_board,
    pair_for,
    parse_session_form,
    picked_company_ids,
    record_judgement,
    session_list,
    session_ranking,
)

router = APIRouter(prefix="/pairwise", include_in_schema=False)
CreatorDep = allowed(Action.PAIRWISE_CREATE)
JudgeDep = allowed(Action.PAIRWISE_JUDGE)


def get_board(session_id: RowId, session: SessionDep, user: UserDep) -> Board:
    """The session or 404."""
    board = load_board(session, session_id)
    if board is None:
        raise HTTPException(404, _("No such head-to-head session."))
    return board


BoardDep = Annotated[Board, Depends(get_board)]


@router.get("")
def sessions_page(request: Request, session: SessionDep, user: UserDep):
    """Every head-to-head session, newest first."""
    return render(request, "pairwise/list.html", {"sessions": session_list(session)})


def _form_page(request, session, *, values: dict, errors: dict, status_code: int = 200):
    companies = session.exec(
        select(Company.id, Company.name)
        .where(col(Company.archived_at).is_(None))
        .order_by(col(Company.name))
    ).all()
    context = {
        "companies": companies,
        "values": values,
        "errors": errors,
        "min_finalists": MIN_FINALISTS,
        "max_finalists": MAX_FINALISTS,
    }
    return render(request, "pairwise/new.html", context, status_code=status_code)


@router.get("/new")
def new_session_page(request: Request, session: SessionDep, user: CreatorDep):
    """The new-session form, its finalists picked from ?company=ID (a meeting's agenda, a
    comparison's selection)."""
    picked = picked_company_ids(request.query_params.getlist("company"))
    values = {"title": request.query_params.get("title", ""), "company_ids": picked}
    return _form_page(request, session, values=values, errors={})


@router.post("")
def session_create(form: FormDep, request: Request, session: SessionDep, user: CreatorDep):
    """Create a session and go to its judging screen."""
    values, errors = parse_session_form(str(form.get("title", "")), form.getlist("company"))
    if not errors:
        try:
            session_id = create_session(session, **values, user=user)
        except JudgementRefused as refused:
            errors = {"company": str(refused)}
    if errors:
        return _form_page(request, session, values=values, errors=errors, status_code=422)
    target = "judge" if can(user, Action.PAIRWISE_JUDGE) else ""
    return RedirectResponse(f"/pairwise/{session_id}/{target}".rstrip("/"), status_code=303)


def _judge_context(board: Board, user, *, error: str = "") -> dict:
    pair = pair_for(board, user)
    names = dict(zip(board.company_ids, board.names, strict=True))
    mine = len(board.judged_by(user))
    return {
        "board": board,
        "pair": pair and [(company, names[company]) for company in pair],
        "done": mine,
        "remaining": len(board.open_pairs(user)),
        "error": error,
    }


@router.get("/{session_id}/judge")
def judge_page(request: Request, board: BoardDep, user: JudgeDep):
    """ "Which would you rather invest in?": the next pair for me, blind (no totals)."""
    return render(request, "pairwise/judge.html", _judge_context(board, user))


@router.post("/{session_id}/judgements")
def judgement_post(
    form: FormDep, request: Request, session: SessionDep, board: BoardDep, user: JudgeDep
):
    """Record my answer on a pair and show the next pair."""
    try:
        record_judgement(
            session,
            board,
            user,
            company_a=parse_number(form.get("company_a")) or 0,
            company_b=parse_number(form.get("company_b")) or 0,
            outcome=str(form.get("outcome", "")),
        )
    except JudgementRefused as refused:
        context = _judge_context(board, user, error=str(refused))
        return render(
            request, "pairwise/judge.html", context, partial="pairwise/_pair.html", status_code=422
        )
    context = _judge_context(board, user)
    return render(request, "pairwise/judge.html", context, partial="pairwise/_pair.html")


@router.get("/{session_id}")
def ranking_page(request: Request, session: SessionDep, board: BoardDep, user: UserDep):
    """The pairwise ranking with intervals beside the rubric ranking, and how they agree."""
    ranking = session_ranking(session, board, user)
    method = {"prior_sd": PRIOR_SD, "draws": f"{RANK_DRAWS:,}", "top": FOCUS_TOP}
    context = {"board": board, "ranking": ranking, "method": method}
    return render(request, "pairwise/ranking.html", context)


@router.post("/{session_id}/close")
def session_close(session: SessionDep, board: BoardDep, user: CreatorDep):
    """Close a session: the ranking stands, no more judgements."""
    board.record.status = PairwiseStatus.CLOSED
    session.add(board.record)
    session.commit()
    return RedirectResponse(f"/pairwise/{board.record.id}", status_code=303)
