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

from pitchlab.compare.scores import CELL_KEYS, group_codes

WIDE_SPREAD_LEVELS = 2
OUTLIER_SDS = 2.0
MIN_OTHERS_SD_LEVELS = 1.0
MIN_EVALUATORS_FOR_OUTLIER = 3

AGGREGATE_COLUMNS = [
    "company_id", "company_name", "pack_key", "pack_version", "criterion_key",
    "criterion_title", "weight", "n_evaluators", "n_na", "mean", "median", "std", "min", "max",
    "range", "n_outliers", "wide_spread", "has_outlier", "disagreement",
]


def flag_outlier_scores(scores: pd.DataFrame) -> pd.DataFrame:
    """Return the scores with others_mean, others_sd and is_outlier (False for N/A) added."""
    flagged = scores.copy(deep=False)  # copy-on-write (pandas 3): columns are shared until changed
    codes, first = group_codes(flagged, CELL_KEYS)
    values = flagged["value"].to_numpy(dtype="float64")
    given = ~np.isnan(values)
    known = np.where(given, values, 0.0)

    def per_cell(weights: np.ndarray) -> np.ndarray:
        return np.bincount(codes, weights=weights, minlength=len(first))[codes]

    with np.errstate(invalid="ignore", divide="ignore"):
        n = per_cell(given.astype("float64"))
        others = n - 1
        others_sum = per_cell(known) - values
        others_squares = per_cell(known**2) - values**2
        others_mean = others_sum / np.where(others > 0, others, np.nan)
        others_var = ((others_squares - others * others_mean**2)
                      / np.where(others > 1, others - 1, np.nan))
    others_sd = np.sqrt(np.clip(others_var, 0, None))
    spread = np.where(others_sd > MIN_OTHERS_SD_LEVELS, others_sd, MIN_OTHERS_SD_LEVELS)
    distance = np.abs(values - others_mean)
    flagged["others_mean"] = others_mean
    flagged["others_sd"] = others_sd
    with np.errstate(invalid="ignore"):
        outlying = distance > OUTLIER_SDS * spread
    flagged["is_outlier"] = (n >= MIN_EVALUATORS_FOR_OUTLIER) & outlying
    return flagged


def cell_aggregates(scores: pd.DataFrame) -> pd.DataFrame:
    """Return one row per company and criterion with spread statistics and disagreement flags.

    Columns: AGGREGATE_COLUMNS. std is the sample SD (NaN with one evaluator); N/A scores are
    counted in n_na and left out of everything else.
    """
    flagged = flag_outlier_scores(scores)
    codes, first = group_codes(flagged, CELL_KEYS)
    cells = flagged.iloc[first][[*CELL_KEYS, "company_name", "criterion_title", "weight"]]
    cells = cells.reset_index(drop=True)
    # Integer codes 0..k-1 sort in order of first appearance, so results line up with `cells`.
    grouped = flagged["value"].groupby(codes)
    for name in ("count", "mean", "median", "std", "min", "max"):
        cells[name] = getattr(grouped, name)().to_numpy()
    cells = cells.rename(columns={"count": "n_evaluators"})
    cells["n_na"] = np.bincount(codes, minlength=len(first)) - cells["n_evaluators"]
    cells["range"] = cells["max"] - cells["min"]
    cells["n_outliers"] = np.bincount(codes, weights=flagged["is_outlier"],
                                      minlength=len(first)).astype("int64")
    cells["wide_spread"] = (cells["range"] >= WIDE_SPREAD_LEVELS).astype(bool)
    cells["has_outlier"] = cells["n_outliers"] > 0
    cells["disagreement"] = cells["wide_spread"] | cells["has_outlier"]
    return cells[AGGREGATE_COLUMNS]
