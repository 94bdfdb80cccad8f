"""Assemble what the scorecard page shows, in a fixed number of queries."""

from dataclasses import dataclass

from sqlalchemy import and_, bindparam
from sqlmodel import Session, col, select

from ..models import (
    Company,
    Evaluation,
    RubricCriterion,
    RubricPack,
    RubricVersion,
    Score,
)
from ..rubrics.applicability import pack_applies
from ..rubrics.valuation import ValuationResult
from . import data
from .totals import ScorecardProgress, progress_of, weighted_total
from .valuation_view import scorecard_valuation


def scale_of(version: RubricVersion) -> range:
    return range(version.scale_min, version.scale_max + 1)


@dataclass(frozen=True)
class ScorecardView:
    evaluation: Evaluation
    company: Company
    pack: RubricPack
    version: RubricVersion
    criteria: list[RubricCriterion]
    scores: dict[int, Score]
    progress: ScorecardProgress
    latest_change: int  # data.latest_change: the freshness check compares against it
    valuation: ValuationResult | None = None  # Payne and Berkus packs (issue 15)
    applies: bool = True  # False when the pack declares it does not apply to this company

    @property
    def titles(self) -> dict[str, dict]:
        return {criterion.key: criterion.title for criterion in self.criteria}

    @property
    def scale(self) -> range:
        return scale_of(self.version)

    @property
    def submitted(self) -> bool:
        return self.evaluation.status == "submitted"


def scorecard_view(session: Session, evaluation: Evaluation) -> ScorecardView:
    version = session.get(RubricVersion, evaluation.rubric_version_id)
    criteria = data.criteria_of(session, version.id)
    scores = data.scores_by_criterion(session, evaluation.id)
    company = session.get(Company, evaluation.company_id)
    return ScorecardView(
        evaluation=evaluation,
        company=company,
        pack=session.get(RubricPack, version.pack_id),
        version=version,
        criteria=criteria,
        scores=scores,
        progress=weighted_total(criteria, scores),
        latest_change=data.latest_change(session, evaluation.id),
        valuation=scorecard_valuation(
            session, version=version, criteria=criteria, scores=scores, company=company
        ),
        applies=pack_applies(version.applies_unless, model_strategy=company.model_strategy),
    )


@dataclass(frozen=True)
class LiveTotal:
    """What a criterion's save answers with besides its own state: the new live total and the
    newest change the freshness check compares against (the parts of ScorecardView it shows)."""

    evaluation: Evaluation
    version: RubricVersion
    progress: ScorecardProgress
    latest_change: int
    valuation: ValuationResult | None = None  # kept live on Payne and Berkus cards (issue 15)
    titles: dict[str, dict] | None = None  # of the valuation's missing factors


# Each criterion's weight and answer, and the scorecard's newest change as a column (SQLite and
# PostgreSQL run an uncorrelated subquery once): one statement, built once (issue 17).
_ANSWERS_AND_CHANGES = (
    select(
        RubricCriterion.weight,
        Score.value,
        Score.is_na,
        Score.is_insufficient,
        data.latest_change_query(bindparam("evaluation_id")).scalar_subquery(),
    )
    .outerjoin(
        Score,
        and_(
            col(Score.criterion_id) == RubricCriterion.id,
            col(Score.evaluation_id) == bindparam("evaluation_id"),
        ),
    )
    .where(RubricCriterion.version_id == bindparam("version_id"))
    .order_by(col(RubricCriterion.position))
)


def live_total(session: Session, evaluation: Evaluation, version: RubricVersion) -> LiveTotal:
    """The total from each criterion's weight and saved level, read as plain columns: a save
    needs neither the criteria's texts nor the scores' rationales (issue 17)."""
    parameters = {"evaluation_id": evaluation.id, "version_id": version.id}
    # Plain rows through the connection: the ORM's handling of a statement cost more than
    # running it, and no object is loaded here.
    rows = session.connection().execute(_ANSWERS_AND_CHANGES, parameters).all()
    answers = [row[:4] for row in rows]
    valuation = titles = None
    if version.valuation:  # a valuation preset needs every level and the company's anchor
        criteria = data.criteria_of(session, version.id)
        titles = {criterion.key: criterion.title for criterion in criteria}
        valuation = scorecard_valuation(
            session,
            version=version,
            criteria=criteria,
            scores=data.scores_by_criterion(session, evaluation.id),
            company=session.get(Company, evaluation.company_id),
        )
    return LiveTotal(
        evaluation=evaluation,
        version=version,
        progress=progress_of(answers),
        latest_change=rows[0][4] if rows else data.latest_change(session, evaluation.id),
        valuation=valuation,
        titles=titles,
    )
