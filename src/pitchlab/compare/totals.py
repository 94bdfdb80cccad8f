"""Weighted totals: per company and pack, per company overall, and per evaluator.

A pack total is the weighted mean of criterion means, with N/A criteria left out of both the
sum and the weights, so an N/A neither helps nor hurts a company. The overall total is the
pack-weighted mean of pack totals (packs count equally by default).
"""

import pandas as pd

from pitchlab.compare.scores import CELL_KEYS, COMPANY_KEYS, EVALUATOR_KEYS, PACK_KEYS
from pitchlab.compare.weights import CriterionWeights, PackWeights, weighted_scores


def pack_totals(
    scores: pd.DataFrame,
    *,
    pack_weights: PackWeights | None = None,
    criterion_weights: CriterionWeights | None = None,
    value_column: str = "value",
) -> pd.DataFrame:
    """Return one row per company and pack.

    Columns: company_id, company_name, pack_key, pack_version, pack_weight, total, n_criteria.
    """
    cells = _criterion_means(
        weighted_scores(scores, pack_weights=pack_weights, criterion_weights=criterion_weights),
        value_column=value_column,
    )
    return _weighted_mean(cells, by=[*COMPANY_KEYS, *PACK_KEYS, "pack_weight"],
                          value="value", weight="weight", count_name="n_criteria")


def company_totals(
    scores: pd.DataFrame,
    *,
    pack_weights: PackWeights | None = None,
    criterion_weights: CriterionWeights | None = None,
    value_column: str = "value",
) -> pd.DataFrame:
    """Return one row per company, in order of first appearance; total is NaN when all N/A.

    Columns: company_id, company_name, total, n_packs, n_criteria, n_evaluators.
    """
    packs = pack_totals(scores, pack_weights=pack_weights,
                        criterion_weights=criterion_weights, value_column=value_column)
    overall = _weighted_mean(packs, by=COMPANY_KEYS, value="total", weight="pack_weight",
                             count_name="n_packs")
    criteria = packs.groupby("company_id")["n_criteria"].sum().rename("n_criteria")
    scored = scores[scores[value_column].notna()]
    evaluators = scored.groupby("company_id")["evaluator_id"].nunique().rename("n_evaluators")
    companies = scores.drop_duplicates("company_id")[COMPANY_KEYS]
    result = (companies.merge(overall, on=COMPANY_KEYS, how="left")
              .merge(criteria, on="company_id", how="left")
              .merge(evaluators, on="company_id", how="left"))
    counts = ["n_packs", "n_criteria", "n_evaluators"]
    result[counts] = result[counts].fillna(0).astype("int64")
    return result[[*COMPANY_KEYS, "total", *counts]].reset_index(drop=True)


def evaluator_totals(
    scores: pd.DataFrame,
    *,
    pack_weights: PackWeights | None = None,
    criterion_weights: CriterionWeights | None = None,
    value_column: str = "value",
) -> pd.DataFrame:
    """Return each evaluator's own weighted total for each company they scored (not all N/A).

    Columns: company_id, company_name, evaluator_id, evaluator_name, total, n_criteria.
    """
    rows = weighted_scores(scores, pack_weights=pack_weights, criterion_weights=criterion_weights)
    rows = rows.rename(columns={value_column: "_value"})
    keys = [*COMPANY_KEYS, *EVALUATOR_KEYS]
    packs = _weighted_mean(rows, by=[*keys, *PACK_KEYS, "pack_weight"],
                           value="_value", weight="weight", count_name="n_criteria")
    overall = _weighted_mean(packs, by=keys, value="total", weight="pack_weight",
                             count_name="n_packs")
    criteria = packs.groupby(keys, sort=False)["n_criteria"].sum().reset_index()
    return overall.merge(criteria, on=keys)[[*keys, "total", "n_criteria"]]


def _criterion_means(weighted: pd.DataFrame, *, value_column: str) -> pd.DataFrame:
    """Mean of the evaluators' values per company and criterion (N/A left out)."""
    keys = [*CELL_KEYS, "company_name"]
    return (weighted.groupby(keys, sort=False)
            .agg(value=(value_column, "mean"), weight=("weight", "first"),
                 pack_weight=("pack_weight", "first"))
            .reset_index())


def _weighted_mean(
    rows: pd.DataFrame, *, by: list[str], value: str, weight: str, count_name: str
) -> pd.DataFrame:
    """Weighted mean of `value` per group, skipping NaN values and zero weights."""
    usable = rows[rows[value].notna() & (rows[weight] > 0)]
    usable = usable.assign(_product=usable[value] * usable[weight])
    sums = usable.groupby(by, sort=False).agg(
        _product=("_product", "sum"), _weight=(weight, "sum"), **{count_name: (value, "size")}
    )
    sums["total"] = sums["_product"] / sums["_weight"]
    return sums.drop(columns=["_product", "_weight"]).reset_index()
