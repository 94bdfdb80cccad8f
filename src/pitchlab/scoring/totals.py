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


# One criterion as the total needs it: its weight, and its score's level and N/A flag (both
# None when the criterion is unanswered).
Answer = tuple[float, int | None, bool | None]


def progress_of(answers: Iterable[Answer]) -> ScorecardProgress:
    """The weighted total and completion from (weight, level, N/A) per criterion, in order."""
    answers = list(answers)
    levels = [None if na else value for _weight, value, na in answers]
    return ScorecardProgress(
        total=weighted_mean(levels, [weight for weight, _value, _na in answers]),
        answered=sum(1 for level in levels if level is not None),
        not_applicable=sum(1 for _weight, _value, na in answers if na),
        criteria=len(answers),
    )


def weighted_total(
    criteria: Iterable[RubricCriterion], scores: Mapping[int, Score]
) -> ScorecardProgress:
    """The scorecard's weighted total and how many criteria are answered or N/A."""
    return progress_of(
        (c.weight, s.value, s.is_na)
        if (s := scores.get(c.id)) is not None
        else (c.weight, None, None)
        for c in criteria
    )
