"""The live total and completion of one scorecard.

The total is pitchlab.scoremath.totals.weighted_total, the formula the compare page, its exports
and the API use too (issue 11): N/A and unanswered criteria are left out of the sum and the
weights.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..models import RubricCriterion, Score
from ..scoremath.totals import weighted_total as weighted_mean


@dataclass(frozen=True)
class ScorecardProgress:
    """Weighted total over scored criteria (N/A left out of both sums) and how much is done."""

    total: float | None
    answered: int
    not_applicable: int
    criteria: int

    @property
    def complete(self) -> bool:
        return self.answered + self.not_applicable == self.criteria

    @property
    def remaining(self) -> int:
        return self.criteria - self.answered - self.not_applicable


def level_of(score: Score | None) -> int | None:
    """The level a score counts with: None when unanswered or N/A."""
    if score is None or score.is_na:
        return None
    return score.value


def weighted_total(
    criteria: Iterable[RubricCriterion], scores: Mapping[int, Score]
) -> ScorecardProgress:
    """The scorecard's weighted total and how many criteria are answered or N/A."""
    criteria = list(criteria)
    levels = [level_of(scores.get(criterion.id)) for criterion in criteria]
    not_applicable = sum(1 for c in criteria if (s := scores.get(c.id)) is not None and s.is_na)
    return ScorecardProgress(
        total=weighted_mean(levels, [criterion.weight for criterion in criteria]),
        answered=sum(1 for level in levels if level is not None),
        not_applicable=not_applicable,
        criteria=len(criteria),
    )
