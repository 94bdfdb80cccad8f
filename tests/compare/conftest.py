"""Small builders for hand-made scores frames shared by the compare tests."""

import pytest
from tests.portfolio import PortfolioWriter

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
        score(
            company_id,
            evaluator_id,
            criterion,
            value,
            weight=(weights or {}).get(criterion, 1.0),
            company_name=(names or {}).get(company_id, f"Company {company_id}"),
            **overrides,
        )
        for (company_id, evaluator_id), by_criterion in values.items()
        for criterion, value in by_criterion.items()
    ]
    return scores_frame(rows)


@pytest.fixture
def make_grid():
    return grid


@pytest.fixture
def make_scores():
    return lambda rows: scores_frame(
        [score(*row) if isinstance(row, tuple) else row for row in rows]
    )


@pytest.fixture
def portfolio(session):
    return PortfolioWriter(session)


# Three companies on problem-space, each evaluator giving one level to every criterion, so the
# weights cancel out and every number below can be checked by hand:
#   Aster 5, 4, 3 -> mean 4.00, SD 1.00, range 2 (a disagreement flag); Birch 3, 3, 3 -> 3.00;
#   Cedar 2, 2, 1 -> 1.67, SD 0.58. The admin gives Birch 3 on three criteria only (3 scores:
#   too few to calibrate), which changes none of Birch's numbers.
PANEL = {"Aster": (5, 4, 3), "Birch": (3, 3, 3), "Cedar": (2, 2, 1)}
PANEL_EVALUATORS = ("partner", "partner2", "analyst")


@pytest.fixture
def panel(portfolio):
    keys = portfolio.criteria()
    ids = {}
    for name, levels in PANEL.items():
        ids[name] = portfolio.company(name, tags="cmp,panel")
        for who, level in zip(PANEL_EVALUATORS, levels, strict=False):
            portfolio.scorecard(ids[name], who, {key: level for key in keys})
    portfolio.scorecard(ids["Birch"], "admin", {key: 3 for key in keys[:3]})
    return ids
