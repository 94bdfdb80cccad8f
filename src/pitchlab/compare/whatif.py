"""Weight what-if: how the ranking changes when a fund weighs packs or criteria differently."""

import pandas as pd

from pitchlab.compare.ranking import rank_companies
from pitchlab.compare.totals import company_totals
from pitchlab.compare.weights import CriterionWeights, PackWeights

DEFAULT_TOP_N = 10
STAYS, ENTERS, LEAVES, OUTSIDE = "stays", "enters", "leaves", "outside"

WHAT_IF_COLUMNS = [
    "company_id",
    "company_name",
    "default_total",
    "default_rank",
    "new_total",
    "new_rank",
    "rank_delta",
    "moved",
    "in_top_n_before",
    "in_top_n_after",
    "top_n_status",
]


def weight_what_if(
    scores: pd.DataFrame,
    *,
    pack_weights: PackWeights | None = None,
    criterion_weights: CriterionWeights | None = None,
    top_n: int = DEFAULT_TOP_N,
    new_totals: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Compare the ranking under override weights with the ranking under rubric weights.

    rank_delta = default_rank - new_rank, so a positive delta means the company climbed.
    top_n_status is one of "stays", "enters", "leaves", "outside". Rows in new-rank order.
    new_totals (company_id, company_name, total under the override weights) saves computing
    them again when the caller has them. Columns: WHAT_IF_COLUMNS.
    """
    default = _ranked(company_totals(scores), prefix="default")
    if new_totals is None:
        new_totals = company_totals(
            scores, pack_weights=pack_weights, criterion_weights=criterion_weights
        )
    new = _ranked(new_totals, prefix="new")
    compared = new.merge(default, on=["company_id", "company_name"], how="outer")
    compared["rank_delta"] = compared["default_rank"] - compared["new_rank"]
    compared["moved"] = compared["rank_delta"].fillna(0) != 0
    compared["in_top_n_before"] = (compared["default_rank"] <= top_n).fillna(False).astype(bool)
    compared["in_top_n_after"] = (compared["new_rank"] <= top_n).fillna(False).astype(bool)
    compared["top_n_status"] = [
        _top_n_status(before, after)
        for before, after in zip(
            compared["in_top_n_before"], compared["in_top_n_after"], strict=False
        )
    ]
    compared = compared.sort_values("new_rank", kind="stable", na_position="last")
    return compared[WHAT_IF_COLUMNS].reset_index(drop=True)


def _ranked(totals: pd.DataFrame, *, prefix: str) -> pd.DataFrame:
    ranked = rank_companies(totals[["company_id", "company_name", "total"]])
    return ranked.rename(columns={"total": f"{prefix}_total", "rank": f"{prefix}_rank"})


def _top_n_status(before: bool, after: bool) -> str:
    if before and after:
        return STAYS
    if after:
        return ENTERS
    return LEAVES if before else OUTSIDE
