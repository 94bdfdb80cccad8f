"""Assemble what the scorecard page shows, in a fixed number of queries."""

from dataclasses import dataclass

from sqlmodel import Session

from ..models import Company, Evaluation, RubricCriterion, RubricPack, RubricVersion, Score
from . import data
from .totals import ScorecardProgress, weighted_total


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
    return ScorecardView(
        evaluation=evaluation,
        company=session.get(Company, evaluation.company_id),
        pack=session.get(RubricPack, version.pack_id),
        version=version,
        criteria=criteria,
        scores=scores,
        progress=weighted_total(criteria, scores),
        events_seen=data.event_count(session, evaluation.id),
    )
