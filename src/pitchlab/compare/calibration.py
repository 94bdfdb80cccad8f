"""Evaluator calibration: take out each evaluator's personal harshness or leniency.

Raw scores are never replaced; calibrated values sit beside them.
"""

import numpy as np
import pandas as pd

from pitchlab.compare.codes import (
    ScoreCodes,
    rows_at,
    score_codes,
    taken,
    value_rows,
)

MIN_SCORES_FOR_CALIBRATION = 5
CALIBRATED = "calibrated"
NOT_ENOUGH_DATA = "not enough data"

METHOD_DESCRIPTION = (
    "Per-evaluator z-score calibration. Each evaluator's scores are standardised against that "
    "evaluator's own mean and standard deviation over all their scores in the portfolio (per "
    "rating scale), then mapped back onto the scale as z x pooled SD + pooled mean, where the "
    "pooled mean and pooled within-evaluator SD come from all calibrated evaluators, and "
    "clipped to the scale's ends. Evaluators with fewer than "
    f"{MIN_SCORES_FOR_CALIBRATION} scores, or who gave every company the same level, are "
    f"marked '{NOT_ENOUGH_DATA}' and get no calibrated values. N/A answers are left out. "
    "Raw scores are always kept alongside the calibrated ones."
)

# Evaluator statistics are taken per rating scale: a 1-5 and a 1-10 score cannot share a mean.
_EVALUATOR_SCALE = ["evaluator_id", "scale_min", "scale_max"]


def evaluator_calibration(scores: pd.DataFrame, *, codes: ScoreCodes | None = None) -> pd.DataFrame:
    """Return each evaluator's own statistics per scale and whether they can be calibrated.

    Columns: evaluator_id, evaluator_name, scale_min, scale_max, n_scores, evaluator_mean,
    evaluator_sd, calibration_status, pooled_mean, pooled_sd.
    """
    codes = codes or score_codes(scores)
    group, first = codes.evaluator_scales
    values = scores["value"].to_numpy(dtype="float64")
    given = ~np.isnan(values)
    count = np.bincount(group, weights=given.astype("float64"), minlength=len(first))
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (
            np.bincount(group, weights=np.where(given, values, 0.0), minlength=len(first)) / count
        )
        squares = np.bincount(
            group, weights=np.where(given, (values - mean[group]) ** 2, 0.0), minlength=len(first)
        )
        sd = np.where(count > 1, np.sqrt(squares / (count - 1)), np.nan)
    stats = rows_at(scores, first, ["evaluator_id", "evaluator_name", "scale_min", "scale_max"])
    stats["n_scores"] = count.astype("int64")
    stats["evaluator_mean"] = np.where(count > 0, mean, np.nan)
    stats["evaluator_sd"] = sd
    eligible = (count >= MIN_SCORES_FOR_CALIBRATION) & (sd > 0)
    stats["calibration_status"] = np.where(eligible, CALIBRATED, NOT_ENOUGH_DATA)
    scale = codes.criterion_scale[codes.criterion[first]]
    stats["pooled_mean"], stats["pooled_sd"] = _pooled_by_scale(
        scale, count, stats["evaluator_mean"].to_numpy(), sd, eligible
    )
    return stats


def calibrated_scores(
    scores: pd.DataFrame,
    *,
    calibration: pd.DataFrame | None = None,
    codes: ScoreCodes | None = None,
) -> pd.DataFrame:
    """Return the scores with raw `value` and `calibrated_value` side by side.

    Added columns: evaluator_mean, evaluator_sd, z, calibrated_value, calibration_status.
    calibrated_value is NaN for N/A answers and for evaluators with not enough data.
    `calibration` is evaluator_calibration(scores) when the caller has it already.
    """
    codes = codes or score_codes(scores)
    if calibration is None:
        calibration = evaluator_calibration(scores, codes=codes)
    group, first = codes.evaluator_scales
    # Which calibration row each (evaluator, scale) group has: a few lookups, not one per score.
    # A group the calibration lacks points one past its rows, at a NaN (not calibrated).
    rows_of = {key: row for row, key in enumerate(_scale_keys(calibration))}
    at = np.array(
        [rows_of.get(key, len(calibration)) for key in _scale_keys(scores.iloc[first])],
        dtype="int64",
    )[group]

    def stat(column: str) -> np.ndarray:
        return taken(calibration[column].to_numpy(dtype="float64"), at, np.nan)

    usable = taken(calibration["calibration_status"].to_numpy() == CALIBRATED, at, False)
    rows = scores.copy(deep=False)  # copy-on-write (pandas 3): columns are shared until changed
    rows["evaluator_mean"], rows["evaluator_sd"] = stat("evaluator_mean"), stat("evaluator_sd")
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(
            usable,
            (rows["value"].to_numpy() - rows["evaluator_mean"].to_numpy())
            / rows["evaluator_sd"].to_numpy(),
            np.nan,
        )
    mapped = z * stat("pooled_sd") + stat("pooled_mean")
    rows["z"] = z
    rows["calibrated_value"] = np.clip(
        mapped, rows["scale_min"].to_numpy(), rows["scale_max"].to_numpy()
    )
    rows["calibration_status"] = pd.Categorical.from_codes(
        np.where(usable, 0, 1), categories=[CALIBRATED, NOT_ENOUGH_DATA]
    )
    return rows


def _scale_keys(rows: pd.DataFrame) -> list[tuple]:
    return value_rows(rows, _EVALUATOR_SCALE)


def _pooled_by_scale(
    scale: np.ndarray, count: np.ndarray, mean: np.ndarray, sd: np.ndarray, eligible: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per evaluator and scale: the score-weighted grand mean and the degrees-of-freedom-
    weighted pooled SD of the eligible evaluators on that scale (NaN when none)."""

    def per_scale(weights: np.ndarray) -> np.ndarray:
        return np.bincount(scale, weights=np.where(eligible, weights, 0.0))[scale]

    with np.errstate(invalid="ignore", divide="ignore"):
        pooled_mean = per_scale(count * mean) / per_scale(count)
        pooled_sd = np.sqrt(per_scale((count - 1) * sd**2) / per_scale(count - 1))
    return pooled_mean, pooled_sd
