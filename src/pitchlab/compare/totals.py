"""Weighted totals: per company and pack, per company overall, and per evaluator.

A pack total is the weighted mean of criterion means, with N/A criteria left out of both the
sum and the weights, so an N/A neither helps nor hurts a company. The overall total is the
pack-weighted mean of pack totals (packs count equally by default).
"""

import numpy as np
import pandas as pd

from pitchlab.compare.scores import (
    CELL_KEYS, COMPANY_KEYS, EVALUATOR_KEYS, PACK_KEYS, group_codes,
)
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
    packs = _weighted_mean(cells, by=["company_id", *PACK_KEYS],
                           carry=("company_name", "pack_weight"),
                           value="value", weight="weight", count_name="n_criteria")
    return packs[[*COMPANY_KEYS, *PACK_KEYS, "pack_weight", "n_criteria", "total"]]


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
    overall = _weighted_mean(packs, by=["company_id"], carry=("company_name",), value="total",
                             weight="pack_weight", count_name="n_packs")
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
    keys = ["company_id", "evaluator_id"]
    names = ("company_name", "evaluator_name")
    packs = _weighted_mean(rows, by=[*keys, *PACK_KEYS], carry=(*names, "pack_weight"),
                           value="_value", weight="weight", count_name="n_criteria")
    overall = _weighted_mean(packs, by=keys, carry=names, value="total", weight="pack_weight",
                             count_name="n_packs")
    criteria = packs.groupby(keys, sort=False)["n_criteria"].sum().reset_index()
    columns = [*COMPANY_KEYS, *EVALUATOR_KEYS, "total", "n_criteria"]
    return overall.merge(criteria, on=keys)[columns]


def _criterion_means(weighted: pd.DataFrame, *, value_column: str) -> pd.DataFrame:
    """Mean of the evaluators' values per company and criterion (N/A left out)."""
    codes, first = group_codes(weighted, CELL_KEYS)
    values = weighted[value_column].to_numpy(dtype="float64")
    given = ~np.isnan(values)
    sums = np.bincount(codes, weights=np.where(given, values, 0.0), minlength=len(first))
    counts = np.bincount(codes, weights=given, minlength=len(first))
    cells = weighted.iloc[first][[*CELL_KEYS, "company_name", "weight", "pack_weight"]]
    cells = cells.reset_index(drop=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        cells.insert(len(CELL_KEYS) + 1, "value", np.where(counts > 0, sums / counts, np.nan))
    return cells


def _weighted_mean(
    rows: pd.DataFrame, *, by: list[str], value: str, weight: str, count_name: str,
    carry: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Weighted mean of `value` per group of `by`, skipping NaN values and zero weights.

    `carry` columns are the same within a group (a company's name): taken from its first row.
    """
    usable = rows[rows[value].notna() & (rows[weight] > 0)]
    codes, first = group_codes(usable, by)
    values = usable[value].to_numpy(dtype="float64")
    weights = usable[weight].to_numpy(dtype="float64")
    result = usable.iloc[first][[*by, *carry]].reset_index(drop=True)
    result[count_name] = np.bincount(codes, minlength=len(first)).astype("int64")
    result["total"] = (np.bincount(codes, weights=values * weights, minlength=len(first))
                       / np.bincount(codes, weights=weights, minlength=len(first)))
    return result
