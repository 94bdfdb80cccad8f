"""The live total and completion of a scorecard, on hand-computed cases."""

from pitchlab.models import RubricCriterion, Score
from pitchlab.scoring.totals import weighted_total


def _criteria(*weights):
    return [
        RubricCriterion(id=index + 1, version_id=1, key=f"c{index}", weight=weight)
        for index, weight in enumerate(weights)
    ]


def test_weighted_total_leaves_na_out_of_sum_and_weights():
    criteria = _criteria(2, 1, 3)
    scores = {
        1: Score(evaluation_id=1, criterion_id=1, value=5),
        2: Score(evaluation_id=1, criterion_id=2, value=2),
        3: Score(evaluation_id=1, criterion_id=3, is_na=True),
    }
    progress = weighted_total(criteria, scores)
    assert progress.total == (2 * 5 + 1 * 2) / 3  # 4.0, the N/A weight 3 is not in the divisor
    assert (progress.answered, progress.not_applicable, progress.criteria) == (2, 1, 3)
    assert progress.complete


def test_unanswered_criteria_count_as_remaining_not_zero():
    criteria = _criteria(1, 1)
    progress = weighted_total(criteria, {1: Score(evaluation_id=1, criterion_id=1, value=3)})
    assert progress.total == 3
    assert progress.remaining == 1 and not progress.complete


def test_no_scores_has_no_total():
    assert weighted_total(_criteria(1), {}).total is None
