"""Criterion and pack weights: the rubric defaults and what-if overrides on top of them."""

from collections.abc import Mapping

import pandas as pd

from pitchlab.compare.scores import CRITERION_KEYS

# Packs count equally in the overall total unless the caller says otherwise.
DEFAULT_PACK_WEIGHT = 1.0

PackWeights = Mapping[str, float]
CriterionWeights = Mapping[tuple[str, str], float]


def weighted_scores(
    scores: pd.DataFrame,
    *,
    pack_weights: PackWeights | None = None,
    criterion_weights: CriterionWeights | None = None,
) -> pd.DataFrame:
    """Return scores with `weight` overridden where asked and a `pack_weight` column added.

    Overrides may be zero (to drop a criterion or pack in a what-if) but never negative.
    """
    _check_not_negative(pack_weights, criterion_weights)
    weighted = scores.copy(deep=False)  # copy-on-write (pandas 3): columns are shared until changed
    if criterion_weights:
        override = pd.Series(
            [criterion_weights.get((pack, criterion)) for pack, criterion in
             zip(weighted["pack_key"], weighted["criterion_key"])],
            index=weighted.index,
            dtype="float64",
        )
        weighted["weight"] = override.fillna(weighted["weight"])
    pack_weight = weighted["pack_key"].map(dict(pack_weights or {}))
    weighted["pack_weight"] = pack_weight.astype("float64").fillna(DEFAULT_PACK_WEIGHT)
    return weighted


def weight_table(
    scores: pd.DataFrame,
    *,
    pack_weights: PackWeights | None = None,
    criterion_weights: CriterionWeights | None = None,
) -> pd.DataFrame:
    """Return the weights in force, one row per criterion.

    Columns: pack_key, pack_version, criterion_key, criterion_title, weight, pack_weight.
    """
    weighted = weighted_scores(
        scores, pack_weights=pack_weights, criterion_weights=criterion_weights
    )
    columns = [*CRITERION_KEYS, "criterion_title", "weight", "pack_weight"]
    return weighted.drop_duplicates(CRITERION_KEYS)[columns].reset_index(drop=True)


def _check_not_negative(
    pack_weights: PackWeights | None, criterion_weights: CriterionWeights | None
) -> None:
    given = [*(pack_weights or {}).values(), *(criterion_weights or {}).values()]
    if any(weight < 0 for weight in given):
        raise ValueError("weights must not be negative")
