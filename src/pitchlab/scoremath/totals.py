"""The weighted total: sum of weight x level over the sum of the weights of the criteria counted.

A criterion counts when it has a level (not N/A, not unanswered: NaN here) and a weight above
zero, so an N/A neither helps nor hurts. The same formula, applied a second time with pack
weights to pack totals, gives a company's overall total on the compare page.

`weighted_means` is the one implementation, vectorised over rows (scorecards, companies or
company-evaluator pairs) and groups of criteria (packs); `weighted_total` is its one-row,
one-group case, so the scorecard's live total and the compare page cannot differ.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class WeightedMeans:
    """Per row and group: the weighted total (NaN where nothing counts) and criteria counted."""

    totals: np.ndarray  # rows x groups
    counted: np.ndarray  # rows x groups, int64


def weighted_means(
    values: np.ndarray, weights: np.ndarray, group: np.ndarray | None = None
) -> WeightedMeans:
    """Weighted totals of each row of `values` (rows x criteria, NaN = not counted).

    `weights` holds one weight per criterion (never negative); `group` numbers each criterion's
    group 0, 1, ... (all in group 0 when None). Each group's sums add its criteria one after
    the other in column order (a running sum: np.cumsum adds in order), not through a matrix
    product or np.sum: those add in an order that depends on the shape, so a scorecard alone
    and the same scorecard among 2,000 differed in the last bits (and, once in a while, in the
    second decimal shown).
    """
    values = np.asarray(values, dtype="float64")
    weights = np.asarray(weights, dtype="float64")
    n_rows, n_criteria = values.shape
    if group is None:
        group, n_groups = np.zeros(n_criteria, dtype="int64"), 1
    else:
        group = np.asarray(group)
        n_groups = int(group.max(initial=-1)) + 1
    # Criteria as rows (transposed), so each step of the running sums adds a contiguous vector.
    by_criterion = np.ascontiguousarray(values.T)
    usable = ~np.isnan(by_criterion) & (weights[:, None] > 0)
    contributions = np.where(usable, by_criterion * weights[:, None], 0.0)
    weight_given = np.where(usable, weights[:, None], 0.0)
    sums = np.zeros((n_groups, n_rows))
    weight_sums = np.zeros((n_groups, n_rows))
    counted = np.zeros((n_groups, n_rows), dtype="int64")
    # One step per group, not per criterion: a scorecard's live total is a one-row call on
    # every autosave (issue 17).
    for into in range(n_groups):
        members = group == into
        if members.any():
            sums[into] = np.cumsum(contributions[members], axis=0)[-1]
            weight_sums[into] = np.cumsum(weight_given[members], axis=0)[-1]
            counted[into] = usable[members].sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        totals = np.where(counted > 0, sums / weight_sums, np.nan)
    return WeightedMeans(totals=totals.T, counted=counted.T)


def weighted_total(values: Sequence[float | None], weights: Sequence[float]) -> float | None:
    """One scorecard's total: levels (None for N/A or unanswered) against their weights."""
    if not len(values):
        return None
    row = np.array([[np.nan if value is None else value for value in values]], dtype="float64")
    total = float(weighted_means(row, np.asarray(weights, dtype="float64")).totals[0, 0])
    return None if np.isnan(total) else total
