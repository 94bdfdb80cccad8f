"""Inter-rater agreement per criterion: Krippendorff's alpha at the ordinal level.

Alpha suits this data: any number of evaluators, missing scores (not everyone scores every
company) and ordered levels whose distances are not known to be equal. The thresholds are
Krippendorff's (2004): 0.800 to rely on a variable, 0.667 as the floor for tentative conclusions.
"""

import math

import krippendorff
import numpy as np
import pandas as pd

from pitchlab.compare.codes import ScoreCodes, score_codes
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
    "pack_key",
    "pack_version",
    "criterion_key",
    "criterion_title",
    "alpha",
    "reading",
    "n_companies",
    "n_evaluators",
    "n_scores",
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
    return float(
        krippendorff.alpha(
            reliability_data=paired, value_domain=domain, level_of_measurement="ordinal"
        )
    )


def criterion_agreement(scores: pd.DataFrame, *, codes: ScoreCodes | None = None) -> pd.DataFrame:
    """Return alpha and its reading per criterion. Columns: AGREEMENT_COLUMNS.

    n_companies counts the companies scored (not N/A) by at least two evaluators.
    """
    if scores.empty:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    # One pass of integer codes instead of a pivot table per criterion: a portfolio has
    # dozens of criteria and the pivots dominated the comparison's time.
    codes = codes or score_codes(scores)
    values = scores["value"].to_numpy(dtype="float64")
    given = np.flatnonzero(~np.isnan(values))
    given = given[np.argsort(codes.criterion[given], kind="stable")]
    bounds = np.searchsorted(codes.criterion[given], np.arange(codes.n_criteria + 1))
    rows = []
    for number, row in enumerate(scores.iloc[codes.criterion_rows].itertuples(index=False)):
        scored = given[bounds[number] : bounds[number + 1]]
        matrix, raters_per_company = _reliability_matrix(
            codes.evaluator[scored],
            codes.company[scored],
            values[scored],
            shape=(codes.n_evaluators, codes.n_companies),
        )
        levels = np.arange(row.scale_min, row.scale_max + 1)
        alpha = ordinal_alpha(matrix, levels=levels) if matrix.size else math.nan
        rows.append(
            {
                **{key: getattr(row, key) for key in CRITERION_KEYS},
                "criterion_title": row.criterion_title,
                "alpha": alpha,
                "reading": read_alpha(alpha),
                "n_companies": int((raters_per_company >= MIN_SCORES_PER_COMPANY).sum()),
                "n_evaluators": int(matrix.shape[0]),
                "n_scores": len(scored),
            }
        )
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def _reliability_matrix(
    evaluators: np.ndarray, companies: np.ndarray, values: np.ndarray, *, shape: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    """Evaluators x companies of mean scores (NaN where none), and evaluators per company;
    only the evaluators and companies with a score."""
    cell = evaluators * shape[1] + companies
    size = shape[0] * shape[1]
    sums = np.bincount(cell, weights=values, minlength=size).reshape(shape)
    counts = np.bincount(cell, minlength=size).reshape(shape)
    scored = counts > 0
    rows, columns = scored.any(axis=1), scored.any(axis=0)
    sums, counts = sums[rows][:, columns], counts[rows][:, columns]
    with np.errstate(invalid="ignore", divide="ignore"):
        matrix = np.where(counts > 0, sums / counts, np.nan)
    return matrix, (counts > 0).sum(axis=0)
