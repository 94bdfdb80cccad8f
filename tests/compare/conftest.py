"""Small builders for hand-made scores frames shared by the compare tests."""

import pytest

from pitchlab.compare.scores import scores_frame

EVALUATOR_NAMES = {1: "Ann", 2: "Bo", 3: "Cy", 4: "Di", 5: "Ed"}


def score(company_id, evaluator_id, criterion_key, value, **overrides):
    """One score row with sensible defaults; overrides set any other column."""
    row = {
        "company_id": company_id,
        "company_name": f"Company {company_id}",
        "evaluator_id": evaluator_id,
        "evaluator_name": EVALUATOR_NAMES.get(evaluator_id, f"Person {evaluator_id}"),
        "pack_key": "core",
        "pack_version": 1,
        "criterion_key": criterion_key,
        "criterion_title": criterion_key.capitalize(),
        "weight": 1.0,
        "value": float("nan") if value is None else float(value),
        "scale_min": 1,
        "scale_max": 5,
    }
    return {**row, **overrides}


def grid(values, *, weights=None, names=None, **overrides):
    """Scores from {(company_id, evaluator_id): {criterion_key: value}}; None means N/A."""
    rows = [
        score(company_id, evaluator_id, criterion, value,
              weight=(weights or {}).get(criterion, 1.0),
              company_name=(names or {}).get(company_id, f"Company {company_id}"),
              **overrides)
        for (company_id, evaluator_id), by_criterion in values.items()
        for criterion, value in by_criterion.items()
    ]
    return scores_frame(rows)


@pytest.fixture
def make_grid():
    return grid


@pytest.fixture
def make_scores():
    return lambda rows: scores_frame([score(*row) if isinstance(row, tuple) else row
                                      for row in rows])
