"""The live total and completion of one scorecard."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..models import RubricCriterion, Score


@dataclass(frozen=True)
class ScorecardProgress:
    """Weighted total over scored criteria (N/A and insufficient evidence left out of both sums)
    and how much is done."""

    total: float | None
    answered: int
    not_applicable: int
    insufficient: int
    criteria: int
    weight_used: float
    weight_all: float

    @property
    def complete(self) -> bool:
        return self.answered + self.not_applicable + self.insufficient == self.criteria

    @property
    def remaining(self) -> int:
        return self.criteria - self.answered - self.not_applicable - self.insufficient


def weighted_total(
    criteria: Iterable[RubricCriterion], scores: Mapping[int, Score]
) -> ScorecardProgress:
    """Sum of weight x level over sum of weights, for criteria with a level."""
    criteria = list(criteria)
    numerator = weight_used = 0.0
    answered = not_applicable = insufficient = 0
    for criterion in criteria:
        score = scores.get(criterion.id)
        if score is None:
            continue
        if score.is_na:
            not_applicable += 1
        elif score.is_insufficient:  # issue 15: like N/A in the sum, counted apart
            insufficient += 1
        elif score.value is not None:
            answered += 1
            numerator += criterion.weight * score.value
            weight_used += criterion.weight
    return ScorecardProgress(
        total=numerator / weight_used if weight_used else None,
        answered=answered,
        not_applicable=not_applicable,
        insufficient=insufficient,
        criteria=len(criteria),
        weight_used=weight_used,
        weight_all=sum(c.weight for c in criteria),
    )
