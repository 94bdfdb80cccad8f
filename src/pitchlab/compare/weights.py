"""Criterion and pack weights: the rubric defaults and what-if overrides on top of them."""

from collections.abc import Mapping

import numpy as np
import pandas as pd

from pitchlab.compare.codes import ScoreCodes, score_codes
from pitchlab.compare.scores import CRITERION_KEYS

# Packs count equally in the overall total unless the caller says otherwise.
DEFAULT_PACK_WEIGHT = 1.0

PackWeights = Mapping[str, float]
CriterionWeights = Mapping[tuple[str, str], float]


def weights_in_force(
    criteria: pd.DataFrame,
    *,
    pack_weights: PackWeights | None = None,
    criterion_weights: CriterionWeights | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return each criterion's weight and its pack's weight, overrides applied.

    criteria has one row per criterion with pack_key, criterion_key and the rubric weight.
    Overrides may be zero (to drop a criterion or pack in a what-if) but never negative.
    """
    _check_not_negative(pack_weights, criterion_weights)
    packs = criteria["pack_key"].tolist()
    weight = criteria["weight"].to_numpy(dtype="float64").copy()
    for position, key in enumerate(zip(packs, criteria["criterion_key"].tolist(), strict=False)):
        weight[position] = (criterion_weights or {}).get(key, weight[position])
    pack_weight = np.array(
        [(pack_weights or {}).get(pack, DEFAULT_PACK_WEIGHT) for pack in packs], dtype="float64"
    )
    return _count_constructs_once(criteria, weight), pack_weight


def _count_constructs_once(criteria: pd.DataFrame, weight: np.ndarray) -> np.ndarray:
    """Zero the weight of a criterion whose construct an earlier pack already scores.

    Issue 15, one home per construct: the team, cost per request, label quality and the data
    loop are each scored once. A preset (a published valuation method such as Payne's) re-reads
    some of them; criteria come in rubric order (core, further, preset), so the home pack counts
    and a later pack's factor for the same construct adds nothing to any total. Applied after
    what-if overrides, so no override can count a construct twice either.
    """
    if "construct" not in criteria.columns:
        return weight
    home: dict[str, str] = {}
    packs = criteria["pack_key"].tolist()
    for position, construct in enumerate(criteria["construct"].tolist()):
        if isinstance(construct, str) and construct:
            if home.setdefault(construct, packs[position]) != packs[position]:
                weight[position] = 0.0
    return weight


def weight_table(
    scores: pd.DataFrame,
    *,
    pack_weights: PackWeights | None = None,
    criterion_weights: CriterionWeights | None = None,
    codes: ScoreCodes | None = None,
) -> pd.DataFrame:
    """Return the weights in force, one row per criterion.

    Columns: pack_key, pack_version, criterion_key, criterion_title, weight, pack_weight.
    """
    codes = codes or score_codes(scores)
    # construct (when loaded) lets the weights shown count each construct once (issue 15).
    extra = ["construct"] if "construct" in scores.columns else []
    columns = [*CRITERION_KEYS, "criterion_title", "weight", *extra]
    criteria = codes.criteria[columns].reset_index(drop=True)
    criteria["weight"], criteria["pack_weight"] = weights_in_force(
        criteria, pack_weights=pack_weights, criterion_weights=criterion_weights
    )
    return criteria.drop(columns=extra)


def _check_not_negative(
    pack_weights: PackWeights | None, criterion_weights: CriterionWeights | None
) -> None:
    given = [*(pack_weights or {}).values(), *(criterion_weights or {}).values()]
    if any(weight < 0 for weight in given):
        raise ValueError("weights must not be negative")
