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
    """Weighted total over scored criteria (N/A and insufficient evidence left out of both sums)
    and how much is done."""

    total: float | None
    answered: int
    not_applicable: int
    insufficient: int
    criteria: int

    @property
    def complete(self) -> bool:
        return self.answered + self.not_applicable + self.insufficient == self.criteria

    @property
    def remaining(self) -> int:
        return self.criteria - self.answered - self.not_applicable - self.insufficient


# One criterion as the total needs it: its weight, and its score's level, N/A flag and
# insufficient-evidence flag (all None when the criterion is unanswered).
Answer = tuple[float, int | None, bool | None, bool | None]


def progress_of(answers: Iterable[Answer]) -> ScorecardProgress:
    """The weighted total and completion from (weight, level, N/A, insufficient) per criterion.

    N/A and insufficient evidence are both left out of the sum and the weights (issue 15)."""
    answers = list(answers)
    levels = [None if na or short else value for _weight, value, na, short in answers]
    return ScorecardProgress(
        total=weighted_mean(levels, [weight for weight, *_ in answers]),
        answered=sum(1 for level in levels if level is not None),
        not_applicable=sum(1 for _weight, _value, na, _short in answers if na),
        insufficient=sum(1 for _weight, _value, na, short in answers if short and not na),
        criteria=len(answers),
    )


def weighted_total(
    criteria: Iterable[RubricCriterion], scores: Mapping[int, Score]
) -> ScorecardProgress:
    """The scorecard's weighted total and how many criteria are answered, N/A or short of
    evidence."""
    return progress_of(
        (c.weight, s.value, s.is_na, s.is_insufficient)
        if (s := scores.get(c.id)) is not None
        else (c.weight, None, None, None)
        for c in criteria
    )
