"""Per-cell statistics (one company, one criterion, several evaluators) and disagreement flags.

Two rules flag a cell for discussion:
- wide spread: the highest and lowest score differ by WIDE_SPREAD_LEVELS levels or more;
- outlier: one score lies more than OUTLIER_SDS standard deviations from the others.

The textbook outlier rule (distance from the mean of all n scores, in their sample SD) can never
fire on small panels: no score can lie more than (n-1)/sqrt(n) SDs from the mean, which is below
2 for n <= 5 (Shiffler 1988), and panels here have three or four evaluators. So each score is
compared with the *other* scores (leave-one-out mean and SD), and that SD is floored at one
scale level, because with integer levels the others agreeing exactly must not turn a one-level
difference into an outlier. The rule needs at least MIN_EVALUATORS_FOR_OUTLIER scores: with two,
neither can be singled out, and the spread rule covers that case.
"""

import numpy as np
import pandas as pd

from pitchlab.compare.codes import ScoreCodes, first_appearance, score_codes
from pitchlab.compare.scores import CELL_KEYS

WIDE_SPREAD_LEVELS = 2
OUTLIER_SDS = 2.0
MIN_OTHERS_SD_LEVELS = 1.0
MIN_EVALUATORS_FOR_OUTLIER = 3

AGGREGATE_COLUMNS = [
    "company_id",
    "company_name",
    "pack_key",
    "pack_version",
    "criterion_key",
    "criterion_title",
    "weight",
    "n_evaluators",
    "n_na",
    "mean",
    "median",
    "std",
    "min",
    "max",
    "range",
    "n_outliers",
    "wide_spread",
    "has_outlier",
    "disagreement",
]


def flag_outlier_scores(scores: pd.DataFrame, *, codes: ScoreCodes | None = None) -> pd.DataFrame:
    """Return the scores with others_mean, others_sd and is_outlier (False for N/A) added."""
    cell, first = first_appearance((codes or score_codes(scores)).cell)
    flagged = scores.copy(deep=False)  # copy-on-write (pandas 3): columns are shared until changed
    others_mean, others_sd, outlying = _outliers(
        flagged["value"].to_numpy(dtype="float64"), cell, len(first)
    )
    flagged["others_mean"] = others_mean
    flagged["others_sd"] = others_sd
    flagged["is_outlier"] = outlying
    return flagged


def cell_aggregates(scores: pd.DataFrame, *, codes: ScoreCodes | None = None) -> pd.DataFrame:
    """Return one row per company and criterion with spread statistics and disagreement flags.

    Columns: AGGREGATE_COLUMNS. std is the sample SD (NaN with one evaluator); N/A scores are
    counted in n_na and left out of everything else.
    """
    cell, first = first_appearance((codes or score_codes(scores)).cell)
    n_cells = len(first)
    values = scores["value"].to_numpy(dtype="float64")
    given = ~np.isnan(values)
    known = np.where(given, values, 0.0)
    cells = scores.iloc[first][[*CELL_KEYS, "company_name", "criterion_title", "weight"]]
    cells = cells.reset_index(drop=True)
    count = np.bincount(cell, weights=given.astype("float64"), minlength=n_cells)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(
            count > 0, np.bincount(cell, weights=known, minlength=n_cells) / count, np.nan
        )
        # Two passes (squares of deviations from the cell mean), as pandas does: exact for
        # the small integer levels scored here, where sum-of-squares formulas drift.
        squares = np.bincount(
            cell, weights=np.where(given, (values - mean[cell]) ** 2, 0.0), minlength=n_cells
        )
        std = np.where(count > 1, np.sqrt(squares / (count - 1)), np.nan)
    low, median, high = _order_statistics(values, cell, count)
    cells["n_evaluators"] = count.astype("int64")
    cells["n_na"] = np.bincount(cell, minlength=n_cells) - cells["n_evaluators"]
    cells["mean"], cells["median"], cells["std"] = mean, median, std
    cells["min"], cells["max"], cells["range"] = low, high, high - low
    outlying = _outliers(values, cell, n_cells)[2]
    cells["n_outliers"] = np.bincount(cell, weights=outlying, minlength=n_cells).astype("int64")
    cells["wide_spread"] = cells["range"] >= WIDE_SPREAD_LEVELS
    cells["has_outlier"] = cells["n_outliers"] > 0
    cells["disagreement"] = cells["wide_spread"] | cells["has_outlier"]
    return cells[AGGREGATE_COLUMNS]


def _outliers(
    values: np.ndarray, cell: np.ndarray, n_cells: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per score: the other scores' mean and SD in its cell, and whether it is an outlier."""
    given = ~np.isnan(values)
    known = np.where(given, values, 0.0)

    def per_cell(weights: np.ndarray) -> np.ndarray:
        return np.bincount(cell, weights=weights, minlength=n_cells)[cell]

    with np.errstate(invalid="ignore", divide="ignore"):
        n = per_cell(given.astype("float64"))
        others = n - 1
        others_sum = per_cell(known) - values
        others_squares = per_cell(known**2) - values**2
        others_mean = others_sum / np.where(others > 0, others, np.nan)
        others_var = (others_squares - others * others_mean**2) / np.where(
            others > 1, others - 1, np.nan
        )
        others_sd = np.sqrt(np.clip(others_var, 0, None))
        spread = np.where(others_sd > MIN_OTHERS_SD_LEVELS, others_sd, MIN_OTHERS_SD_LEVELS)
        outlying = np.abs(values - others_mean) > OUTLIER_SDS * spread
    return others_mean, others_sd, (n >= MIN_EVALUATORS_FOR_OUTLIER) & outlying


def _order_statistics(
    values: np.ndarray, cell: np.ndarray, count: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per cell: lowest, median and highest score given (NaN where none)."""
    low, median, high = (np.full(len(count), np.nan) for _ in range(3))
    order = np.lexsort((values, cell))  # by cell, then value, N/A (NaN) last in each cell
    ordered = values[order]
    size = count.astype("int64")
    has = size > 0
    start = np.searchsorted(cell[order], np.arange(len(count)))[has]
    size = size[has]
    low[has] = ordered[start]
    high[has] = ordered[start + size - 1]
    median[has] = (ordered[start + (size - 1) // 2] + ordered[start + size // 2]) / 2
    return low, median, high
