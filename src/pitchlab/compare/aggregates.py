"""Per-cell statistics (one company, one criterion, several evaluators) and disagreement flags.

The flags are the one disagreement rule of pitchlab.scoremath.disagreement (issue 11), which
the company scores page uses too.
"""

import numpy as np
import pandas as pd

from pitchlab.compare.codes import ScoreCodes, rows_at, score_codes
from pitchlab.compare.scores import CELL_KEYS
from pitchlab.scoremath.disagreement import (
    OUTLIER_SDS,
    WIDE_SPREAD_LEVELS,
    cell_flags,
    outlying_scores,
)

__all__ = [
    "OUTLIER_SDS",
    "WIDE_SPREAD_LEVELS",
    "cell_aggregates",
    "cell_means",
    "flag_outlier_scores",
]

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
    cell, first = (codes or score_codes(scores)).cells
    flagged = scores.copy(deep=False)  # copy-on-write (pandas 3): columns are shared until changed
    others_mean, others_sd, outlying = outlying_scores(
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
    cell, first = (codes or score_codes(scores)).cells
    n_cells = len(first)
    values = scores["value"].to_numpy(dtype="float64")
    given = ~np.isnan(values)
    known = np.where(given, values, 0.0)
    cells = rows_at(scores, first, [*CELL_KEYS, "company_name", "criterion_title", "weight"])
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
    flags = cell_flags(values, cell, n_cells)
    cells["n_outliers"] = flags.n_outliers
    cells["wide_spread"] = flags.wide_spread
    cells["has_outlier"] = flags.has_outlier
    cells["disagreement"] = flags.disagreement
    return cells[AGGREGATE_COLUMNS]


def cell_means(values: np.ndarray, codes: ScoreCodes) -> np.ndarray:
    """Each cell's mean of `values` (NaN left out; NaN where none), in cell_aggregates' order:
    the compare page shows the calibrated mean beside the raw one without a matrix of its own."""
    cell, first = codes.cells
    given = ~np.isnan(values)
    count = np.bincount(cell, weights=given, minlength=len(first))
    total = np.bincount(cell, weights=np.where(given, values, 0.0), minlength=len(first))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / count, np.nan)


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
