"""The pairwise ranking set beside the rubric ranking (issue 14). Pure: no database.

Agreement is Kendall's tau-b (scipy.stats.kendalltau) between the Bradley-Terry strengths and
the rubric's weighted totals of the finalists that have both. Where the two disagree most:
both rankings are renumbered 1..n over those finalists; the gap is the rubric rank minus the
pairwise rank (positive: the partners put the company higher than the rubric does), largest
gaps first, since that is where the rubric misses something the partners weigh.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .bradley_terry import Fit, rank_intervals

MAX_DISAGREEMENTS = 3


@dataclass(frozen=True)
class Agreement:
    tau: float | None
    p_value: float | None
    n_companies: int
    disagreements: list[dict]


def strength_table(fit: Fit, company_ids: list[int], names: list[str]) -> pd.DataFrame:
    """One row per finalist, strongest first: strength, standard error, rank and interval."""
    ranks = rank_intervals(fit)
    table = pd.DataFrame(
        {
            "company_id": company_ids,
            "company_name": names,
            "strength": fit.strengths,
            "standard_error": fit.standard_errors,
            **ranks,
        }
    )
    return table.sort_values("rank", kind="stable").reset_index(drop=True)


def rank_agreement(strengths: pd.DataFrame, rubric: pd.DataFrame) -> Agreement:
    """Kendall's tau and the biggest disagreements between strengths (company_id, strength,
    company_name) and the rubric ranking (company_id, total)."""
    both = strengths.merge(rubric[["company_id", "total"]], on="company_id")
    both = both[both["total"].notna()]
    if len(both) < 2:
        return Agreement(None, None, len(both), [])
    from scipy.stats import kendalltau  # imported on use: see pairwise.logistic

    tau, p_value = kendalltau(both["strength"], both["total"])
    pairwise_rank = both["strength"].rank(method="min", ascending=False).astype(int)
    rubric_rank = both["total"].rank(method="min", ascending=False).astype(int)
    gaps = (rubric_rank - pairwise_rank).to_numpy()
    order = np.argsort(-np.abs(gaps), kind="stable")
    disagreements = [
        {
            "company_id": int(both["company_id"].iloc[i]),
            "company_name": str(both["company_name"].iloc[i]),
            "pairwise_rank": int(pairwise_rank.iloc[i]),
            "rubric_rank": int(rubric_rank.iloc[i]),
            "gap": int(gaps[i]),
        }
        for i in order[:MAX_DISAGREEMENTS]
        if gaps[i] != 0
    ]
    return Agreement(
        None if np.isnan(tau) else float(tau),
        None if np.isnan(p_value) else float(p_value),
        len(both),
        disagreements,
    )
