"""Inter-rater agreement per criterion: Krippendorff's alpha at the ordinal level.

Alpha suits this data: any number of evaluators, missing scores (not everyone scores every
company) and ordered levels whose distances are not known to be equal. The thresholds are
Krippendorff's (2004): 0.800 to rely on a variable, 0.667 as the floor for tentative conclusions.

Method (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"): the units are the
companies a criterion was scored for by two evaluators or more; each unit with m values adds
1/(m - 1) to the coincidence o_ck of every ordered pair of its values c, k. With n_c = sum_k
o_ck, n their total and the ordinal distance d_ck = (n_c + ... + n_k - (n_c + n_k) / 2)^2
over the values from c to k, alpha = 1 - (n - 1) sum o_ck d_ck / sum n_c n_k d_ck. Values
nobody gave have n = 0 and change no distance, so every criterion is computed at once over
one shared list of values (a loop per criterion was most of the agreement's time, issue 17).
"""

import math

import numpy as np
import pandas as pd

from pitchlab.compare.codes import ScoreCodes, first_appearance, score_codes
from pitchlab.compare.scores import CRITERION_KEYS

RELIABLE_ALPHA = 0.8
TENTATIVE_ALPHA = 0.667
RELIABLE = "reliable"
TENTATIVE = "tentative"
LOW = "low: the criterion's level descriptors need work"
NOT_ENOUGH_DATA = "not enough data"
# Alpha needs a company scored by two evaluators to observe any agreement at all.
MIN_SCORES_PER_COMPANY = 2
# Value pairs summed at once: under 1 MiB per array, whatever the scale's number of levels
# (500,000 a slice: 6 MiB more at the comparison's peak, and no faster; issue 17).
PAIRS_PER_SLICE = 100_000

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


def criterion_agreement(scores: pd.DataFrame, *, codes: ScoreCodes | None = None) -> pd.DataFrame:
    """Return alpha and its reading per criterion. Columns: AGREEMENT_COLUMNS.

    n_companies counts the companies scored (not N/A) by at least two evaluators. An
    evaluator who scored a company's criterion more than once counts with their mean.
    """
    if scores.empty:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    codes = codes or score_codes(scores)
    values = scores["value"].to_numpy(dtype="float64")
    given = np.flatnonzero(~np.isnan(values))
    answer, first = first_appearance(
        (codes.criterion[given] * codes.n_evaluators + codes.evaluator[given]) * codes.n_companies
        + codes.company[given]
    )
    means = np.bincount(answer, weights=values[given]) / np.bincount(answer)
    answered = given[first]
    criterion, company = codes.criterion[answered], codes.company[answered]
    alphas = ordinal_alphas(criterion, company, means, codes.n_criteria)
    criteria = codes.criteria
    columns = {key: criteria[key].astype(str).tolist() for key in CRITERION_KEYS}
    return pd.DataFrame(
        {
            **columns,
            "pack_version": criteria["pack_version"].to_numpy(dtype="int64"),
            "criterion_title": criteria["criterion_title"].astype(str).tolist(),
            "alpha": alphas,
            "reading": [read_alpha(alpha) for alpha in alphas.tolist()],
            "n_companies": _members(criterion, company, codes.n_criteria, MIN_SCORES_PER_COMPANY),
            "n_evaluators": _members(criterion, codes.evaluator[answered], codes.n_criteria, 1),
            "n_scores": np.bincount(codes.criterion[given], minlength=codes.n_criteria),
        },
        columns=AGREEMENT_COLUMNS,
    )


def _members(criterion: np.ndarray, member: np.ndarray, n_criteria: int, least: int) -> np.ndarray:
    """Per criterion, how many members (companies, evaluators) have `least` answers or more."""
    pair, first = first_appearance(criterion * (int(member.max(initial=0)) + 1) + member)
    enough = np.bincount(pair, minlength=len(first)) >= least
    return np.bincount(criterion[first][enough], minlength=n_criteria)


def ordinal_alpha(reliability_data: np.ndarray) -> float:
    """Krippendorff's ordinal alpha; rows are evaluators, columns companies, NaN missing.

    Returns NaN when alpha is undefined: no company has two scores, or the paired scores
    show no variation at all (everyone agreed on one level everywhere).
    """
    data = np.asarray(reliability_data, dtype="float64")
    rater, unit = np.nonzero(~np.isnan(data))
    group = np.zeros(len(unit), dtype="int64")
    return float(ordinal_alphas(group, unit, data[rater, unit], 1)[0])


def ordinal_alphas(
    group: np.ndarray, unit: np.ndarray, values: np.ndarray, n_groups: int
) -> np.ndarray:
    """Ordinal alpha of each group (a criterion) from its values, one per evaluator and unit
    (company); unit numbers are the group's own. NaN where alpha is undefined."""
    if not len(values):
        return np.full(n_groups, np.nan)
    units, first = first_appearance(group * (int(unit.max(initial=0)) + 1) + unit)
    per_unit = np.bincount(units, minlength=len(first))
    value, size = _ordered_codes(values)
    # Per unit, how often it holds each value, weighted 1 / (m - 1) (a lone value: 0).
    counts = np.bincount(units * size + value, minlength=len(first) * size).reshape(-1, size)
    weight = np.where(per_unit >= MIN_SCORES_PER_COMPANY, 1 / np.maximum(per_unit - 1, 1), 0.0)
    weighted = counts * weight[:, None]
    # o_ck of a group: its units' weighted c-k pairs, less each value paired with itself.
    # Summed a slice of units at a time: a unit's pairs take size^2 places (issue 17 memory).
    cells = size * size
    pairs = np.zeros(n_groups * cells)
    alone = np.zeros(n_groups * size)
    unit_group = group[first]
    step = max(1, PAIRS_PER_SLICE // cells)
    for start in range(0, len(first), step):
        part = slice(start, start + step)
        owner = unit_group[part][:, None]
        pairs += np.bincount(
            (owner * cells + np.arange(cells)).ravel(),
            weights=(weighted[part, :, None] * counts[part, None, :]).ravel(),
            minlength=n_groups * cells,
        )
        alone += np.bincount(
            (owner * size + np.arange(size)).ravel(),
            weights=weighted[part].ravel(),
            minlength=n_groups * size,
        )
    pairs = pairs.reshape(n_groups, size, size)
    pairs[:, np.arange(size), np.arange(size)] -= alone.reshape(n_groups, size)
    return _alpha_from_coincidences(pairs)


def _ordered_codes(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Each value's position among the distinct values in ascending order, and their count
    (a hash, then a sort of the few distinct values: faster than np.unique on many)."""
    codes, distinct = pd.factorize(values)
    rank = np.empty(len(distinct), dtype="int64")
    rank[np.argsort(distinct)] = np.arange(len(distinct))
    return rank[codes], len(distinct)


def _alpha_from_coincidences(coincidences: np.ndarray) -> np.ndarray:
    """1 - (n - 1) sum o_ck d_ck / sum n_c n_k d_ck per group, with ordinal distances."""
    totals = coincidences.sum(axis=2)  # n_c per group
    through = np.cumsum(totals, axis=1)
    index = np.arange(totals.shape[1])
    low, high = np.minimum.outer(index, index), np.maximum.outer(index, index)
    # n_c + ... + n_k for c <= k, less half of both ends.
    between = through[:, high] - through[:, low] + totals[:, low]
    distance = (between - (totals[:, :, None] + totals[:, None, :]) / 2) ** 2
    n = totals.sum(axis=1)
    observed = (coincidences * distance).sum(axis=(1, 2))
    expected = (totals[:, :, None] * totals[:, None, :] * distance).sum(axis=(1, 2))
    varied = (totals > 0).sum(axis=1) >= 2
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(varied, 1 - (n - 1) * observed / expected, np.nan)
