"""When evaluators disagree on a criterion of a company: the one rule (issue 11).

A cell (one company, one criterion, several evaluators' levels; N/A left out) is flagged when
- wide spread: the highest and lowest level differ by WIDE_SPREAD_LEVELS or more, or
- outlier: one level lies more than OUTLIER_SDS standard deviations from the others.

The textbook outlier rule (distance from the mean of all n scores, in their sample SD) can never
fire on small panels: no score can lie more than (n-1)/sqrt(n) SDs from the mean, which is below
2 for n <= 5 (Shiffler 1988), and panels here have three or four evaluators. So each score is
compared with the *other* scores (leave-one-out mean and SD), and that SD is floored at one
scale level, because with integer levels the others agreeing exactly must not turn a one-level
difference into an outlier. The rule needs at least MIN_EVALUATORS_FOR_OUTLIER scores: with two,
neither can be singled out, and the spread rule covers that case.

`cell_flags` is the implementation, vectorised over every cell of a portfolio (the compare
page and its exports); `disagrees` is its one-cell case (the company scores page).
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

WIDE_SPREAD_LEVELS = 2
OUTLIER_SDS = 2.0
MIN_OTHERS_SD_LEVELS = 1.0
MIN_EVALUATORS_FOR_OUTLIER = 3


@dataclass(frozen=True)
class CellFlags:
    """Per cell: whether its spread is wide, how many outliers it has, whether it is flagged."""

    wide_spread: np.ndarray
    n_outliers: np.ndarray
    disagreement: np.ndarray

    @property
    def has_outlier(self) -> np.ndarray:
        return self.n_outliers > 0


def outlying_scores(
    values: np.ndarray, cell: np.ndarray, n_cells: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per score: the other scores' mean and SD in its cell, and whether it is an outlier."""
    # Sums per cell first, then per score in place: on a 200,000-score portfolio each
    # per-score array is 1.5 MiB, and a dozen of them at once were the comparison's peak
    # (issue 17). The arithmetic is the same, operation for operation.
    given = ~np.isnan(values)
    known = np.where(given, values, 0.0)

    def per_cell(weights: np.ndarray) -> np.ndarray:
        # float64 even without scores, where bincount answers with int64.
        return np.bincount(cell, weights=weights, minlength=n_cells).astype("float64", copy=False)

    count, sums = per_cell(given.astype("float64")), per_cell(known)
    squares = per_cell(np.square(known, out=known))
    del known
    with np.errstate(invalid="ignore", divide="ignore"):
        others = count[cell]
        others -= 1
        others_mean = sums[cell]
        others_mean -= values
        others_mean /= np.where(others > 0, others, np.nan)
        others_var = squares[cell]
        others_var -= values**2
        others_var -= others * others_mean**2
        others_var /= np.where(others > 1, others - 1, np.nan)
        others_sd = np.sqrt(np.clip(others_var, 0, None, out=others_var), out=others_var)
        spread = np.where(others_sd > MIN_OTHERS_SD_LEVELS, others_sd, MIN_OTHERS_SD_LEVELS)
        spread *= OUTLIER_SDS
        outlying = np.abs(values - others_mean) > spread
    # others + 1 is the cell's number of scores.
    outlying &= others >= MIN_EVALUATORS_FOR_OUTLIER - 1
    return others_mean, others_sd, outlying


def cell_flags(values: np.ndarray, cell: np.ndarray, n_cells: int) -> CellFlags:
    """Flags of every cell; `cell` numbers each score's cell 0 .. n_cells - 1, NaN is N/A."""
    values = np.asarray(values, dtype="float64")
    given = ~np.isnan(values)
    low = np.full(n_cells, np.inf)
    high = np.full(n_cells, -np.inf)
    np.minimum.at(low, cell[given], values[given])
    np.maximum.at(high, cell[given], values[given])
    wide = np.isfinite(low) & (high - low >= WIDE_SPREAD_LEVELS)
    outlying = outlying_scores(values, cell, n_cells)[2]
    n_outliers = np.bincount(cell, weights=outlying, minlength=n_cells).astype("int64")
    return CellFlags(wide_spread=wide, n_outliers=n_outliers, disagreement=wide | (n_outliers > 0))


def disagrees(levels: Sequence[float | None]) -> bool:
    """Do these evaluators' levels for one criterion of one company disagree? None is N/A."""
    values = np.array([np.nan if v is None else v for v in levels], dtype="float64")
    if not len(values):
        return False
    flags = cell_flags(values, np.zeros(len(values), dtype="int64"), 1)
    return bool(flags.disagreement[0])
