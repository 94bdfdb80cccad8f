"""Evaluator calibration: take out each evaluator's personal harshness or leniency.

Raw scores are never replaced; calibrated values sit beside them.
"""

import numpy as np
import pandas as pd

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


def evaluator_calibration(scores: pd.DataFrame) -> pd.DataFrame:
    """Return each evaluator's own statistics per scale and whether they can be calibrated.

    Columns: evaluator_id, evaluator_name, scale_min, scale_max, n_scores, evaluator_mean,
    evaluator_sd, calibration_status, pooled_mean, pooled_sd.
    """
    names = scores.drop_duplicates("evaluator_id").set_index("evaluator_id")["evaluator_name"]
    stats = (scores.groupby(_EVALUATOR_SCALE, sort=False)["value"]
             .agg(n_scores="count", evaluator_mean="mean", evaluator_sd="std")
             .reset_index())
    stats.insert(1, "evaluator_name", stats["evaluator_id"].map(names))
    eligible = (stats["n_scores"] >= MIN_SCORES_FOR_CALIBRATION) & (stats["evaluator_sd"] > 0)
    stats["calibration_status"] = np.where(eligible, CALIBRATED, NOT_ENOUGH_DATA)
    pooled = _pooled_by_scale(stats[eligible])
    return stats.merge(pooled, on=["scale_min", "scale_max"], how="left")


def calibrated_scores(scores: pd.DataFrame, *,
                      calibration: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the scores with raw `value` and `calibrated_value` side by side.

    Added columns: evaluator_mean, evaluator_sd, z, calibrated_value, calibration_status.
    calibrated_value is NaN for N/A answers and for evaluators with not enough data.
    `calibration` is evaluator_calibration(scores) when the caller has it already.
    """
    if calibration is None:
        calibration = evaluator_calibration(scores)
    stats = calibration.drop(columns=["evaluator_name", "n_scores"])
    rows = scores.merge(stats, on=_EVALUATOR_SCALE, how="left")
    rows.index = scores.index
    usable = rows["calibration_status"] == CALIBRATED
    z = ((rows["value"] - rows["evaluator_mean"]) / rows["evaluator_sd"]).where(usable)
    mapped = z * rows["pooled_sd"] + rows["pooled_mean"]
    rows["z"] = z
    rows["calibrated_value"] = mapped.clip(lower=rows["scale_min"], upper=rows["scale_max"])
    rows["calibration_status"] = rows["calibration_status"].fillna(NOT_ENOUGH_DATA)
    return rows.drop(columns=["pooled_mean", "pooled_sd"])


def _pooled_by_scale(eligible: pd.DataFrame) -> pd.DataFrame:
    """Score-weighted grand mean and degrees-of-freedom-weighted pooled SD per scale."""
    frame = eligible.assign(
        _sum=eligible["n_scores"] * eligible["evaluator_mean"],
        _dof=eligible["n_scores"] - 1,
        _squares=(eligible["n_scores"] - 1) * eligible["evaluator_sd"] ** 2,
    )
    sums = frame.groupby(["scale_min", "scale_max"])[["_sum", "n_scores", "_dof", "_squares"]].sum()
    pooled = pd.DataFrame({
        "pooled_mean": sums["_sum"] / sums["n_scores"],
        "pooled_sd": np.sqrt(sums["_squares"] / sums["_dof"]),
    })
    return pooled.reset_index()

