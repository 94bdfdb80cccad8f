"""Assemble what the scorecard page shows, in a fixed number of queries."""

from dataclasses import dataclass

from sqlmodel import Session

from ..models import Company, Evaluation, RubricCriterion, RubricPack, RubricVersion, Score
from ..rubrics.applicability import pack_applies
from ..rubrics.valuation import ValuationResult
from . import data
from .totals import ScorecardProgress, weighted_total
from .valuation_view import scorecard_valuation


@dataclass(frozen=True)
class ScorecardView:
    evaluation: Evaluation
    company: Company
    pack: RubricPack
    version: RubricVersion
    criteria: list[RubricCriterion]
    scores: dict[int, Score]
    progress: ScorecardProgress
    events_seen: int
    valuation: ValuationResult | None = None  # Payne and Berkus packs (issue 15)
    applies: bool = True  # False when the pack declares it does not apply to this company

    @property
    def titles(self) -> dict[str, dict]:
        return {criterion.key: criterion.title for criterion in self.criteria}

    @property
    def scale(self) -> range:
        return range(self.version.scale_min, self.version.scale_max + 1)

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
        events_seen=data.event_count(session, evaluation.id),
        valuation=scorecard_valuation(
            session, version=version, criteria=criteria, scores=scores, company=company
        ),
        applies=pack_applies(version.applies_unless, model_strategy=company.model_strategy),
    )
