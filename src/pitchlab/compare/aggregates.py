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

from pitchlab.compare.scores import CELL_KEYS

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
    flagged = scores.copy()
    values = flagged["value"]
    cell = [flagged[key] for key in CELL_KEYS]
    n = values.groupby(cell).transform("count")
    others = n - 1
    others_sum = values.groupby(cell).transform("sum") - values
    others_squares = (values**2).groupby(cell).transform("sum") - values**2
    others_mean = others_sum / others.where(others > 0)
    others_var = (others_squares - others * others_mean**2) / (others - 1).where(others > 1)
    others_sd = np.sqrt(others_var.clip(lower=0))
    spread = others_sd.where(others_sd > MIN_OTHERS_SD_LEVELS, MIN_OTHERS_SD_LEVELS)
    distance = (values - others_mean).abs()
    flagged["others_mean"] = others_mean
    flagged["others_sd"] = others_sd
    flagged["is_outlier"] = (
        (n >= MIN_EVALUATORS_FOR_OUTLIER) & (distance > OUTLIER_SDS * spread)
    ).fillna(False).astype(bool)
    return flagged


def cell_aggregates(scores: pd.DataFrame) -> pd.DataFrame:
    """Return one row per company and criterion with spread statistics and disagreement flags.

    Columns: AGGREGATE_COLUMNS. std is the sample SD (NaN with one evaluator); N/A scores are
    counted in n_na and left out of everything else.
    """
    flagged = flag_outlier_scores(scores)
    keys = [*CELL_KEYS, "company_name", "criterion_title"]
    cells = flagged.groupby(keys, sort=False).agg(
        weight=("weight", "first"),
        n_evaluators=("value", "count"),
        n_scores=("value", "size"),
        mean=("value", "mean"),
        median=("value", "median"),
        std=("value", "std"),
        min=("value", "min"),
        max=("value", "max"),
        n_outliers=("is_outlier", "sum"),
    ).reset_index()
    cells["n_na"] = cells["n_scores"] - cells["n_evaluators"]
    cells["range"] = cells["max"] - cells["min"]
    cells["n_outliers"] = cells["n_outliers"].astype("int64")
    cells["wide_spread"] = (cells["range"] >= WIDE_SPREAD_LEVELS).astype(bool)
    cells["has_outlier"] = cells["n_outliers"] > 0
    cells["disagreement"] = cells["wide_spread"] | cells["has_outlier"]
    return cells[AGGREGATE_COLUMNS]
