"""Scorecards through the JSON API: read what the caller may see, write one's own."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response
from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from ..companies.deps import CompanyDep
from ..db import SessionDep
from ..models import Conflict, Evaluation, RubricCriterion, RubricPack, RubricVersion, Score, User
from ..pagination import MAX_PAGE_SIZE
from ..rubrics.store import get_pack_version
from ..scoring import data
from ..scoring.access import can_see_others
from ..scoring.changes import ScorecardLocked
from ..scoring.deps import UnconflictedEvaluatorDep, UnconflictedUserDep
from ..scoring.inputs import RATIONALE_MAX, evidence_text, parse_score_input
from ..scoring.totals import weighted_total

router = APIRouter(prefix="/companies/{company_id}/scorecards", tags=["scorecards"])
ERRORS = {
    403: {"description": "Conflict of interest, or a role that may not score"},
    404: {"description": "No such company or rubric pack"},
    409: {"description": "The scorecard is submitted: reopen it on its page before changing it"},
    422: {"description": "A score outside the scale, N/A where not allowed, an unknown criterion"},
}


LOCKED = (
    "This scorecard has been submitted, so its scores cannot change: reopen it on its page "
    "first. Nothing was saved."
)


class EvidenceItem(BaseModel):
    label: str = ""
    url: str | None = None
    citation: str | None = Field(
        default=None,
        description=(
            "A PR/FAQ section (prfaq:ID@REV#section), a document page (doc:ID@V#pN) or a "
            "worksheet revision (worksheet:KIND@REV)"
        ),
    )


class ScoreItem(BaseModel):
    criterion_key: str
    value: int | None = None
    na: bool = False
    insufficient: bool = Field(
        default=False, description="Insufficient evidence: left out of totals like N/A"
    )
    confidence: str | None = Field(default=None, description="low, medium or high")
    rationale: str = Field(default="", max_length=RATIONALE_MAX)
    evidence: list[EvidenceItem] = Field(default_factory=list, max_length=20)


class ScorecardIn(BaseModel):
    pack_key: str
    scores: list[ScoreItem] = Field(default_factory=list, max_length=200)
    submit: bool = False


class ScorecardOut(BaseModel):
    id: int
    company_id: int
    evaluator_id: int
    evaluator_name: str
    pack_key: str
    pack_version: int
    status: str
    total: float | None
    scores: list[ScoreItem]


class ScorecardPage(BaseModel):
    items: list[ScorecardOut]
    total: int
    page: int
    page_size: int


def _outs(session: Session, rows: list[tuple]) -> list[ScorecardOut]:
    """Scorecards as the API shows them, in three queries whatever their number."""
    version_ids = {version.id for _e, version, _p, _u in rows}
    criteria: dict[int, list[RubricCriterion]] = {}
    for criterion in session.exec(
        select(RubricCriterion)
        .where(col(RubricCriterion.version_id).in_(version_ids or {0}))
        .order_by(col(RubricCriterion.position))
    ):
        criteria.setdefault(criterion.version_id, []).append(criterion)
    scores: dict[int, dict[int, Score]] = {}
    evaluation_ids = [evaluation.id for evaluation, _v, _p, _u in rows]
    for score in session.exec(
        select(Score).where(col(Score.evaluation_id).in_(evaluation_ids or [0]))
    ):
        scores.setdefault(score.evaluation_id, {})[score.criterion_id] = score
    return [
        _out(
            evaluation,
            pack,
            version,
            user,
            criteria.get(version.id, []),
            scores.get(evaluation.id, {}),
        )
        for evaluation, version, pack, user in rows
    ]


def _out(
    evaluation: Evaluation,
    pack: RubricPack,
    version: RubricVersion,
    user: User,
    criteria: list[RubricCriterion],
    scores: dict[int, Score],
) -> ScorecardOut:
    items = [
        ScoreItem(
            criterion_key=c.key,
            value=s.value,
            na=s.is_na,
            insufficient=s.is_insufficient,
            confidence=s.confidence,
            rationale=s.rationale,
            evidence=[EvidenceItem(**e) for e in s.evidence],
        )
        for c in criteria
        if (s := scores.get(c.id)) is not None
    ]
    return ScorecardOut(
        id=evaluation.id,
        company_id=evaluation.company_id,
        evaluator_id=user.id,
        evaluator_name=user.display_name,
        pack_key=pack.key,
        pack_version=version.version,
        status=evaluation.status,
        total=weighted_total(criteria, scores).total,
        scores=items,
    )


@router.get("", response_model=ScorecardPage, responses=ERRORS)
def list_scorecards(
    session: SessionDep,
    company: CompanyDep,
    user: UnconflictedUserDep,
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
) -> ScorecardPage:
    """The caller's own scorecards, and others' submitted ones where blind review allows."""
    rows = session.exec(
        select(Evaluation, RubricVersion, RubricPack, User)
        .join(RubricVersion, col(Evaluation.rubric_version_id) == RubricVersion.id)
        .join(RubricPack, col(RubricVersion.pack_id) == RubricPack.id)
        .join(User, col(Evaluation.evaluator_id) == User.id)
        .where(Evaluation.company_id == company.id)
        .order_by(col(Evaluation.id))
    ).all()
    visible = {
        pack.id: can_see_others(
            session, user=user, company_id=company.id, pack_id=pack.id, conflicted=False
        )
        for pack in {row[2].id: row[2] for row in rows}.values()
    }
    conflicted = {c.user_id for c in _conflicts(session, company.id)}
    allowed = [
        row
        for row in rows
        if row[0].evaluator_id == user.id
        or (
            row[0].status == "submitted"
            and visible[row[2].id]
            and row[0].evaluator_id not in conflicted
        )
    ]
    chunk = allowed[(page - 1) * page_size : page * page_size]
    return ScorecardPage(
        items=_outs(session, chunk), total=len(allowed), page=page, page_size=page_size
    )


def _conflicts(session: Session, company_id: int):
    return session.exec(select(Conflict).where(Conflict.company_id == company_id)).all()


def _validated(entry, body: ScorecardIn) -> list:
    criteria = {c.key: c for c in entry.criteria}
    scale = range(entry.version.scale_min, entry.version.scale_max + 1)
    answers, problems = [], []
    for index, item in enumerate(body.scores):
        criterion = criteria.get(item.criterion_key)
        if criterion is None:
            problems.append(
                {
                    "loc": ["body", "scores", index, "criterion_key"],
                    "msg": f"No criterion {item.criterion_key!r} in pack {body.pack_key!r}",
                }
            )
            continue
        raw = {
            "value": "na"
            if item.na
            else "insufficient"
            if item.insufficient
            else ("" if item.value is None else str(item.value)),
            "confidence": item.confidence or "",
            "rationale": item.rationale,
            "evidence": evidence_text([e.model_dump(exclude_none=True) for e in item.evidence]),
        }
        answer, errors = parse_score_input(raw, criterion=criterion, scale=scale)
        problems += [
            {"loc": ["body", "scores", index, field], "msg": message}
            for field, message in errors.items()
        ]
        answers.append((criterion, answer))
    if problems:
        raise HTTPException(422, problems)
    return answers


@router.post("", response_model=ScorecardOut, responses=ERRORS)
def save_scorecard(
    session: SessionDep,
    company: CompanyDep,
    user: UnconflictedEvaluatorDep,
    body: ScorecardIn,
    response: Response,
) -> ScorecardOut:
    """Create or update the caller's scorecard for a pack.

    Every score is checked before any is saved."""
    entry = get_pack_version(session, body.pack_key)
    if entry is None:
        raise HTTPException(404, f"No rubric pack {body.pack_key!r}.")
    answers = _validated(entry, body)
    existing = session.exec(
        select(Evaluation)
        .join(RubricVersion, col(Evaluation.rubric_version_id) == RubricVersion.id)
        .where(
            Evaluation.company_id == company.id,
            Evaluation.evaluator_id == user.id,
            RubricVersion.pack_id == entry.pack.id,
        )
        .order_by(col(Evaluation.id).desc())
    ).first()
    if existing is not None and existing.rubric_version_id != entry.version.id:
        entry = get_pack_version(
            session, body.pack_key, session.get(RubricVersion, existing.rubric_version_id).version
        )
        answers = _validated(entry, body)
    evaluation = existing or data.open_evaluation(
        session, company_id=company.id, user=user, version=entry.version
    )
    response.status_code = 200 if existing else 201
    # One transaction for the whole scorecard: a crash mid-request leaves none of it saved.
    try:
        for criterion, answer in answers:
            data.save_score(
                session,
                evaluation=evaluation,
                criterion=criterion,
                user_id=user.id,
                answer=answer,
                seen_revision=None,
                commit=False,
            )
    except ScorecardLocked:
        session.rollback()
        raise HTTPException(409, LOCKED) from None
    session.commit()
    if body.submit:
        scores = data.scores_by_criterion(session, evaluation.id)
        if not weighted_total(entry.criteria, scores).complete:
            raise HTTPException(
                422,
                "Score every criterion (or mark it N/A) before submitting; the scores were saved.",
            )
        data.submit(session, evaluation)
    session.refresh(evaluation)
    return _outs(session, [(evaluation, entry.version, entry.pack, user)])[0]
