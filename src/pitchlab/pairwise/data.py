"""Head-to-head sessions in the database: create, load, the next pair for a judge, record a
judgement, and the ranking beside the rubric's (issue 14)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, col, select

from ..compare.loading import load_portfolio
from ..compare.ranking import rank_companies
from ..compare.selection import Selection
from ..compare.totals import company_totals
from ..models import (
    Company,
    PairwiseFinalist,
    PairwiseJudgement,
    PairwiseSession,
    PairwiseStatus,
    User,
)
from ..models.pairwise import TITLE_MAX
from ..permissions import Action, can
from ..scoring.access import conflicted_user_ids
from ..web.forms import parse_number
from ..web.i18n import gettext as _
from .bradley_terry import OUTCOMES, fit_strengths, next_pair
from .ranking import Agreement, rank_agreement, strength_table
from .reliability import crowd_fit

MIN_FINALISTS = 3
MAX_FINALISTS = 30  # 435 pairs: more than a committee judges in a sitting


class JudgementRefused(ValueError):
    """A judgement that cannot be taken; the message says why, for the page and the API,
    and `status` is the API's answer (403 not allowed, 409 done already or closed, 422)."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.status = status


@dataclass
class Board:
    """A session with its finalists (in order), its judgements and who is conflicted."""

    record: PairwiseSession
    company_ids: list[int]
    names: list[str]
    judgements: list[PairwiseJudgement]
    conflicts: dict[int, set[int]] = field(default_factory=dict)

    def index(self, company_id: int) -> int:
        return self.company_ids.index(company_id)

    def conflicted(self, user: User) -> set[int]:
        return {company for company, users in self.conflicts.items() if user.id in users}

    def judged_by(self, user: User) -> set[tuple[int, int]]:
        return {(j.company_a_id, j.company_b_id) for j in self.judgements if j.judge_id == user.id}

    def open_pairs(self, user: User) -> list[tuple[int, int]]:
        """Pairs (company ids, smaller first) this user may still judge: never one with a
        company they are conflicted with."""
        done, conflicted = self.judged_by(user), self.conflicted(user)
        return [
            pair
            for pair in combinations(sorted(self.company_ids), 2)
            if pair not in done and not conflicted & set(pair)
        ]

    def triples(self) -> list[tuple[int, int, str]]:
        return [
            (self.index(j.company_a_id), self.index(j.company_b_id), j.outcome)
            for j in self.judgements
        ]

    def fit(self):
        """The plain fit, which chooses the next pair."""
        return fit_strengths(len(self.company_ids), self.triples())


def picked_company_ids(raw: Iterable[object]) -> list[int]:
    """Company ids from ?company= or a form, in the order given, each once."""
    return list(dict.fromkeys(n for n in map(parse_number, raw) if n))


def parse_session_form(title: str, company_ids: Iterable[str]) -> tuple[dict, dict[str, str]]:
    """Title and finalists from a form or the API; errors by field name."""
    errors: dict[str, str] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Give the session a title.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("At most %(n)s characters.") % {"n": TITLE_MAX}
    ids = picked_company_ids(company_ids)
    if not MIN_FINALISTS <= len(ids) <= MAX_FINALISTS:
        errors["company"] = _("Pick from %(low)s to %(high)s finalists.") % {
            "low": MIN_FINALISTS,
            "high": MAX_FINALISTS,
        }
    return {"title": title, "company_ids": ids}, errors


def create_session(session: Session, *, title: str, company_ids: list[int], user: User) -> int:
    """Create a session with these finalists (unknown or archived companies are refused)."""
    known = set(
        session.exec(
            select(Company.id).where(
                col(Company.id).in_(company_ids), col(Company.archived_at).is_(None)
            )
        ).all()
    )
    missing = [company for company in company_ids if company not in known]
    if missing:
        raise JudgementRefused(
            _("No such company: %(ids)s.") % {"ids": ", ".join(map(str, missing))}
        )
    record = PairwiseSession(title=title, created_by_id=user.id)
    session.add(record)
    session.flush()
    session.add_all(
        PairwiseFinalist(session_id=record.id, company_id=company, position=position)
        for position, company in enumerate(company_ids)
    )
    session.commit()
    return record.id


def session_list(session: Session) -> list[dict]:
    """Every session, newest first, with its finalist and judgement counts."""
    finalists = (
        select(func.count())
        .where(PairwiseFinalist.session_id == PairwiseSession.id)
        .scalar_subquery()
    )
    judged = (
        select(func.count())
        .where(PairwiseJudgement.session_id == PairwiseSession.id)
        .scalar_subquery()
    )
    rows = session.exec(
        select(PairwiseSession, finalists, judged, User.display_name)
        .outerjoin(User, col(User.id) == PairwiseSession.created_by_id)
        .order_by(col(PairwiseSession.created_at).desc(), col(PairwiseSession.id).desc())
    ).all()
    return [
        {"record": record, "finalists": n, "judgements": j, "created_by": name or ""}
        for record, n, j, name in rows
    ]


def load_board(session: Session, session_id: int) -> Board | None:
    """The session, its finalists and judgements, in three statements; None if unknown."""
    record = session.get(PairwiseSession, session_id)
    if record is None:
        return None
    finalists = session.exec(
        select(Company.id, Company.name)
        .join(PairwiseFinalist, col(PairwiseFinalist.company_id) == Company.id)
        .where(PairwiseFinalist.session_id == session_id)
        .order_by(col(PairwiseFinalist.position))
    ).all()
    judgements = session.exec(
        select(PairwiseJudgement)
        .where(PairwiseJudgement.session_id == session_id)
        .order_by(col(PairwiseJudgement.id))
    ).all()
    company_ids = [company for company, _name in finalists]
    return Board(
        record=record,
        company_ids=company_ids,
        names=[name for _company, name in finalists],
        judgements=list(judgements),
        conflicts=conflicted_user_ids(session, company_ids),
    )


def pair_for(board: Board, user: User) -> tuple[int, int] | None:
    """The next pair (company ids) to ask this user, or None when they have judged all."""
    candidates = board.open_pairs(user)
    if not candidates or board.record.status != PairwiseStatus.OPEN:
        return None
    chosen = next_pair(board.fit(), [(board.index(a), board.index(b)) for a, b in candidates])
    return board.company_ids[chosen[0]], board.company_ids[chosen[1]]


def record_judgement(
    session: Session, board: Board, user: User, *, company_a: int, company_b: int, outcome: str
) -> PairwiseJudgement:
    """Store one judgement as given (A, B) or refuse it with a readable reason."""
    if board.record.status != PairwiseStatus.OPEN:
        raise JudgementRefused(_("This session is closed."), 409)
    if outcome not in OUTCOMES:
        raise JudgementRefused(_("Choose A, B or can't tell."))
    if company_a == company_b or not {company_a, company_b} <= set(board.company_ids):
        raise JudgementRefused(_("Both companies must be finalists of this session."))
    conflicted = bool(board.conflicted(user) & {company_a, company_b})
    if not can(user, Action.PAIRWISE_JUDGE, conflicted=conflicted):
        raise JudgementRefused(_("You may not judge this pair."), 403)
    if company_a > company_b:  # stored with the smaller id as A
        company_a, company_b = company_b, company_a
        outcome = {"a": "b", "b": "a"}.get(outcome, outcome)
    if (company_a, company_b) in board.judged_by(user):
        raise JudgementRefused(_("You have judged this pair already."), 409)
    judgement = PairwiseJudgement(
        session_id=board.record.id,
        judge_id=user.id,
        company_a_id=company_a,
        company_b_id=company_b,
        outcome=outcome,
    )
    session.add(judgement)
    session.commit()
    board.judgements.append(judgement)
    return judgement


@dataclass(frozen=True)
class Ranking:
    strengths: pd.DataFrame  # strength_table's columns plus rubric_rank and rubric_total
    agreement: Agreement
    n_judgements: int
    judges: list[dict]  # name, reliability (Crowd-BT) and judgements of each judge


def session_ranking(session: Session, board: Board, user: User) -> Ranking:
    """The pairwise ranking (Crowd-BT: judges weighed by their reliability) beside the
    rubric's, without the companies `user` is conflicted with (whose scores they may not
    see); the fit itself uses every judgement."""
    judge_ids = [j.judge_id for j in board.judgements]
    fit, reliability = crowd_fit(len(board.company_ids), board.triples(), judge_ids)
    table = strength_table(fit, board.company_ids, board.names)
    portfolio = load_portfolio(session, Selection(company_ids=tuple(board.company_ids)), user=user)
    rubric = pd.DataFrame(columns=["company_id", "total", "rank"])
    if not portfolio.scores.empty:
        rubric = rank_companies(company_totals(portfolio.scores))
    table = table.merge(
        rubric[["company_id", "total", "rank"]].rename(
            columns={"total": "rubric_total", "rank": "rubric_rank"}
        ),
        on="company_id",
        how="left",
    )
    table = table[~table["company_id"].isin(board.conflicted(user))].reset_index(drop=True)
    for column in ("rubric_total", "rubric_rank"):  # None where a finalist has no score
        table[column] = table[column].astype(object).where(table[column].notna(), None)
    return Ranking(
        strengths=table,
        agreement=rank_agreement(table, rubric),
        n_judgements=len(board.judgements),
        judges=_judges(session, reliability, judge_ids),
    )


def _judges(session: Session, reliability: dict[int, float], judge_ids: list[int]) -> list[dict]:
    statement = select(User.id, User.display_name).where(col(User.id).in_([0, *reliability]))
    names = dict(session.exec(statement).all())
    return [
        {
            "judge_id": judge,
            "name": names.get(judge, ""),
            "reliability": value,
            "judgements": judge_ids.count(judge),
        }
        for judge, value in sorted(reliability.items(), key=lambda item: names.get(item[0], ""))
    ]
