"""Inter-rater agreement per criterion: Krippendorff's alpha at the ordinal level.

Alpha suits this data: any number of evaluators, missing scores (not everyone scores every
company) and ordered levels whose distances are not known to be equal. The thresholds are
Krippendorff's (2004): 0.800 to rely on a variable, 0.667 as the floor for tentative conclusions.
"""

import math

import krippendorff
import numpy as np
import pandas as pd

from pitchlab.compare.scores import CRITERION_KEYS

RELIABLE_ALPHA = 0.8
TENTATIVE_ALPHA = 0.667
RELIABLE = "reliable"
TENTATIVE = "tentative"
LOW = "low: the criterion's level descriptors need work"
NOT_ENOUGH_DATA = "not enough data"
# Alpha needs a company scored by two evaluators to observe any agreement at all.
MIN_SCORES_PER_COMPANY = 2

AGREEMENT_COLUMNS = [
    "pack_key", "pack_version", "criterion_key", "criterion_title", "alpha", "reading",
    "n_companies", "n_evaluators", "n_scores",
]


def read_alpha(alpha: float) -> str:
    """Say in plain words what an alpha value means for the criterion."""
    if alpha is None or math.isnan(alpha):
        return NOT_ENOUGH_DATA
    if alpha >= RELIABLE_ALPHA:
        return RELIABLE
    if alpha >= TENTATIVE_ALPHA:
        return TENTATIVE
    return LOW


def ordinal_alpha(reliability_data: np.ndarray, *, levels: np.ndarray | None = None) -> float:
    """Krippendorff's ordinal alpha; rows are evaluators, columns companies, NaN missing.

    Returns NaN when alpha is undefined: no company has two scores, or the paired scores
    show no variation at all (everyone agreed on one level everywhere).
    """
    data = np.asarray(reliability_data, dtype="float64")
    paired = data[:, (~np.isnan(data)).sum(axis=0) >= MIN_SCORES_PER_COMPANY]
    observed = np.unique(paired[~np.isnan(paired)])
    if observed.size < 2:
        return math.nan
    domain = observed if levels is None else np.union1d(levels, observed)
    return float(krippendorff.alpha(
        reliability_data=paired, value_domain=domain, level_of_measurement="ordinal"
    ))


def criterion_agreement(scores: pd.DataFrame) -> pd.DataFrame:
    """Return alpha and its reading per criterion. Columns: AGREEMENT_COLUMNS.

    n_companies counts the companies scored (not N/A) by at least two evaluators.
    """
    rows = []
    for keys, group in scores.groupby(CRITERION_KEYS, sort=False):
        given = group[group["value"].notna()]
        matrix = given.pivot_table(index="evaluator_id", columns="company_id",
                                   values="value", aggfunc="mean")
        first = group.iloc[0]
        levels = np.arange(first["scale_min"], first["scale_max"] + 1)
        alpha = ordinal_alpha(matrix.to_numpy(), levels=levels) if len(matrix) else math.nan
        per_company = given.groupby("company_id")["evaluator_id"].nunique()
        rows.append({
            **dict(zip(CRITERION_KEYS, keys)),
            "criterion_title": first["criterion_title"],
            "alpha": alpha,
            "reading": read_alpha(alpha),
            "n_companies": int((per_company >= MIN_SCORES_PER_COMPANY).sum()),
            "n_evaluators": int(given["evaluator_id"].nunique()),
            "n_scores": len(given),
        })
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)
