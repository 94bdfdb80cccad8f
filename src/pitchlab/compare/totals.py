"""Weighted totals: per company and pack, per company overall, and per evaluator.

A pack total is the weighted total (pitchlab.scoremath.totals, the same formula as a
scorecard's live total) of criterion means, with N/A criteria left out of both the sum and the
weights, so an N/A neither helps nor hurts a company. The overall total is the same formula
over pack totals with pack weights (packs count equally by default).

The sums run over dense grids (companies, or company-evaluator pairs, x criteria) built from
integer codes; see codes.py for why.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pitchlab.compare.codes import ScoreCodes, first_appearance, rows_at, score_codes
from pitchlab.compare.scores import COMPANY_KEYS, EVALUATOR_KEYS, PACK_KEYS
from pitchlab.compare.weights import CriterionWeights, PackWeights, weights_in_force
from pitchlab.scoremath.totals import weighted_means


@dataclass(frozen=True)
class _PackGrid:
    """Pack totals of every grid row; a row with no usable criterion in a pack has none."""

    totals: np.ndarray  # rows x packs, NaN where n_criteria is 0
    n_criteria: np.ndarray  # rows x packs: criteria counted (not N/A, weight above zero)
    pack_weight: np.ndarray  # per pack

    def overall(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per row: the pack-weighted total (NaN when no pack counts), packs and criteria."""
        overall = weighted_means(self.totals, self.pack_weight)
        return overall.totals[:, 0], overall.counted[:, 0], self.n_criteria.sum(axis=1)


def pack_totals(
    scores: pd.DataFrame,
    *,
    pack_weights: PackWeights | None = None,
    criterion_weights: CriterionWeights | None = None,
    value_column: str = "value",
    codes: ScoreCodes | None = None,
) -> pd.DataFrame:
    """Return one row per company and pack with a usable score, company by company.

    Columns: company_id, company_name, pack_key, pack_version, pack_weight, total, n_criteria.
    """
    codes = codes or score_codes(scores)
    grid = _pack_grid(
        scores,
        codes,
        codes.company,
        codes.n_companies,
        value_column,
        pack_weights=pack_weights,
        criterion_weights=criterion_weights,
    )
    company, pack = np.nonzero(grid.n_criteria)
    pack_rows = codes.criterion_rows[first_appearance(codes.criterion_pack)[1]]
    result = rows_at(scores, codes.company_rows[company], COMPANY_KEYS)
    result[PACK_KEYS] = rows_at(scores, pack_rows[pack], PACK_KEYS).to_numpy()
    result["pack_version"] = result["pack_version"].astype("int64")
    result["pack_weight"] = grid.pack_weight[pack]
    result["n_criteria"] = grid.n_criteria[company, pack]
    result["total"] = grid.totals[company, pack]
    return result


def company_totals(
    scores: pd.DataFrame,
    *,
    pack_weights: PackWeights | None = None,
    criterion_weights: CriterionWeights | None = None,
    value_column: str = "value",
    codes: ScoreCodes | None = None,
) -> pd.DataFrame:
    """Return one row per company, in order of first appearance; total is NaN when all N/A.

    Columns: company_id, company_name, total, n_packs, n_criteria, n_evaluators.
    """
    codes = codes or score_codes(scores)
    grid = _pack_grid(
        scores,
        codes,
        codes.company,
        codes.n_companies,
        value_column,
        pack_weights=pack_weights,
        criterion_weights=criterion_weights,
    )
    total, n_packs, n_criteria = grid.overall()
    given = ~np.isnan(scores[value_column].to_numpy(dtype="float64"))
    seen = np.zeros(codes.n_companies * codes.n_evaluators, dtype=bool)
    seen[(codes.company * codes.n_evaluators + codes.evaluator)[given]] = True
    result = rows_at(scores, codes.company_rows, COMPANY_KEYS)
    result["total"] = total
    result["n_packs"] = n_packs.astype("int64")
    result["n_criteria"] = n_criteria.astype("int64")
    per_company = seen.reshape(codes.n_companies, codes.n_evaluators)
    result["n_evaluators"] = per_company.sum(axis=1).astype("int64")
    return result


def evaluator_totals(
    scores: pd.DataFrame,
    *,
    pack_weights: PackWeights | None = None,
    criterion_weights: CriterionWeights | None = None,
    value_column: str = "value",
    codes: ScoreCodes | None = None,
) -> pd.DataFrame:
    """Return each evaluator's own weighted total for each company they scored (not all N/A).

    Columns: company_id, company_name, evaluator_id, evaluator_name, total, n_criteria.
    """
    codes = codes or score_codes(scores)
    pair, pair_rows = codes.pair_codes()
    grid = _pack_grid(
        scores,
        codes,
        pair,
        len(pair_rows),
        value_column,
        pack_weights=pack_weights,
        criterion_weights=criterion_weights,
    )
    total, n_packs, n_criteria = grid.overall()
    kept = np.flatnonzero(n_packs > 0)
    result = rows_at(scores, pair_rows[kept], [*COMPANY_KEYS, *EVALUATOR_KEYS])
    result["total"] = total[kept]
    result["n_criteria"] = n_criteria[kept].astype("int64")
    return result


def criterion_means(
    group: np.ndarray, n_groups: int, codes: ScoreCodes, values: np.ndarray
) -> np.ndarray:
    """Mean value per group (rows) and criterion (columns), N/A left out; NaN where none."""
    cell = group * codes.n_criteria + codes.criterion
    given = ~np.isnan(values)
    size = n_groups * codes.n_criteria
    sums = np.bincount(cell, weights=np.where(given, values, 0.0), minlength=size)
    counts = np.bincount(cell, weights=given.astype("float64"), minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / counts, np.nan)
    return means.reshape(n_groups, codes.n_criteria)


def _pack_grid(
    scores: pd.DataFrame,
    codes: ScoreCodes,
    group: np.ndarray,
    n_groups: int,
    value_column: str,
    *,
    pack_weights: PackWeights | None,
    criterion_weights: CriterionWeights | None,
) -> _PackGrid:
    criteria = codes.criteria
    weight, pack_weight = weights_in_force(
        criteria, pack_weights=pack_weights, criterion_weights=criterion_weights
    )
    means = criterion_means(group, n_groups, codes, scores[value_column].to_numpy(dtype="float64"))
    packs = weighted_means(means, weight, codes.criterion_pack)
    first_of_pack = first_appearance(codes.criterion_pack)[1]
    return _PackGrid(
        totals=packs.totals, n_criteria=packs.counted, pack_weight=pack_weight[first_of_pack]
    )
