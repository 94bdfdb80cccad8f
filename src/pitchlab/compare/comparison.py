"""A portfolio comparison: every table the comparison page and the exports show, built once."""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import numpy as np
import pandas as pd

from pitchlab.compare.aggregates import cell_aggregates, cell_means
from pitchlab.compare.agreement import criterion_agreement
from pitchlab.compare.anonymize import anonymized_scores, evaluator_pseudonyms
from pitchlab.compare.calibration import calibrated_scores, evaluator_calibration
from pitchlab.compare.codes import score_codes, taken
from pitchlab.compare.matrices import criterion_matrix, evaluator_score_table
from pitchlab.compare.methodology import ConflictExclusion, methodology_rows
from pitchlab.compare.ranking import (
    DEFAULT_INTERVAL,
    DEFAULT_RESAMPLES,
    rank_companies,
    rank_intervals,
)
from pitchlab.compare.scores import check_scores, criterion_order
from pitchlab.compare.totals import company_totals, evaluator_totals, pack_totals
from pitchlab.compare.weights import CriterionWeights, PackWeights, weight_table

SUMMARY_COLUMNS = [
    "rank",
    "company_id",
    "company_name",
    "total",
    "calibrated_total",
    "rank_low",
    "rank_high",
    "tie_group",
    "statistically_tied",
    "n_evaluators",
    "n_criteria",
    "n_disagreements",
]


@dataclass(frozen=True)
class PortfolioComparison:
    """The tables of one comparison, companies in rank order wherever companies are rows."""

    summary: pd.DataFrame
    raw_matrix: pd.DataFrame
    calibrated_matrix: pd.DataFrame
    evaluator_scores: pd.DataFrame
    agreement: pd.DataFrame
    rank_intervals: pd.DataFrame
    methodology: pd.DataFrame
    # Not exported: the per-cell statistics behind the disagreement counts (with each cell's
    # calibrated mean), each evaluator's calibration, each evaluator's total per company, the
    # criteria in order and the pack totals, which the compare page shows too and would
    # otherwise compute a second time.
    cells: pd.DataFrame | None = None
    calibration: pd.DataFrame | None = None
    evaluator_totals: pd.DataFrame | None = None
    criteria: pd.DataFrame | None = None
    pack_totals: pd.DataFrame | None = None


# Sheet and section titles, in export order.
TABLE_TITLES = {
    "summary": "Summary",
    "raw_matrix": "Raw matrix",
    "calibrated_matrix": "Calibrated matrix",
    "evaluator_scores": "Evaluator scores",
    "agreement": "Agreement",
    "rank_intervals": "Rank intervals",
    "methodology": "Methodology",
}

# Readable headers for CSV and XLSX; criterion columns already carry their labels.
COLUMN_HEADERS = {
    "rank": "Rank",
    "company_id": "Company ID",
    "company_name": "Company",
    "total": "Weighted total",
    "calibrated_total": "Calibrated total (per-evaluator z-score)",
    "rank_low": "Rank low",
    "rank_high": "Rank high",
    "tie_group": "Tie group",
    "statistically_tied": "Statistically tied",
    "n_evaluators": "Evaluators",
    "n_criteria": "Criteria scored",
    "n_disagreements": "Disagreements",
    "evaluator_name": "Evaluator",
    "pack_key": "Pack",
    "pack_version": "Pack version",
    "criterion_key": "Criterion key",
    "criterion_title": "Criterion",
    "alpha": "Krippendorff's alpha (ordinal)",
    "reading": "Reading",
    "n_companies": "Companies scored twice or more",
    "n_scores": "Scores",
    "item": "Item",
    "value": "Value",
    # Worksheet columns of the summary (issue 16, worksheets/columns.py).
    "problem_space_defined": "Problem space defined (worksheet)",
    "surviving_share": "Advantage surviving the next model, % (worksheet)",
    "gross_margin": "AI gross margin, % (worksheet)",
    # Issue 15: flags beside the totals (valuation columns keep their PACK_median names).
    "deal_breaker": "Deal-breaker",
    "deal_breaker_reasons": "Deal-breaker reasons",
    "n_insufficient": "Insufficient-evidence answers",
    "insufficient_flag": "Flagged: insufficient evidence",
    # Issue 13: deal terms (compare/deal_terms.py); money is exact text in major units.
    "deal_round": "Round",
    "amount_raising": "Amount raising",
    "pre_money": "Pre-money valuation",
    "check_size": "Our check size",
    "currency": "Currency",
    "lead_investor": "Lead investor",
    "deal_owner": "Deal owner",
    "next_step": "Next step",
    "next_step_due": "Next step due",
    # Issue 12: the document pages the scores cite (compare/citations.py).
    "deck_citations": "Deck citations (document pages)",
}


# The tables some callers can do without; the others are always built. Left out, they come
# back as empty frames: on a full portfolio they cost a quarter of the time or more.
OPTIONAL_TABLES = frozenset({"raw_matrix", "calibrated_matrix", "evaluator_scores", "agreement"})


def comparison_tables(comparison: PortfolioComparison) -> dict[str, pd.DataFrame]:
    """Return the tables keyed by field name, in export order."""
    return {name: getattr(comparison, name) for name in TABLE_TITLES}


def build_comparison(
    scores: pd.DataFrame,
    *,
    pack_weights: PackWeights | None = None,
    criterion_weights: CriterionWeights | None = None,
    excluded_for_conflict: Iterable[ConflictExclusion] = (),
    anonymize: bool = False,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    interval: tuple[float, float] = DEFAULT_INTERVAL,
    generated_at: datetime | None = None,
    tables: Collection[str] = OPTIONAL_TABLES,
    cells_of: Collection[int] | None = None,
) -> PortfolioComparison:
    """Compute every table of a portfolio comparison from the long scores frame.

    With anonymize, evaluator names (also of excluded evaluators) become "Evaluator A", ...
    `tables` names the OPTIONAL_TABLES to build (the CSV holds only the raw matrix of them);
    the others come back empty. `cells_of` (company ids) limits the per-cell statistics to
    those companies, for a caller that reads a few rows of the whole portfolio's ranking (the
    IC dossier); the others' n_disagreements are then <NA>, not counted.
    """
    check_scores(scores)
    unknown = set(tables) - OPTIONAL_TABLES
    if unknown:
        raise ValueError(f"unknown comparison tables: {', '.join(sorted(unknown))}")
    exclusions = list(excluded_for_conflict)
    if anonymize:
        scores, exclusions = _anonymized(scores, exclusions)
    codes = score_codes(scores)
    weights = {"pack_weights": pack_weights, "criterion_weights": criterion_weights}
    # Cells before the calibrated scores: their per-score temporaries are the largest of a
    # comparison, and then do not sit beside a second frame of scores (issue 17).
    in_cells = None if cells_of is None else scores["company_id"].isin(list(cells_of)).to_numpy()
    cell_scores = scores if in_cells is None else scores[in_cells]
    cell_codes = codes if in_cells is None else score_codes(cell_scores)
    cells = cell_aggregates(cell_scores, codes=cell_codes)
    del cell_scores
    calibration = evaluator_calibration(scores, codes=codes)
    calibrated = calibrated_scores(scores, calibration=calibration, codes=codes)
    calibrated_values = calibrated["calibrated_value"].to_numpy(dtype="float64")
    cells["calibrated_mean"] = cell_means(
        calibrated_values if in_cells is None else calibrated_values[in_cells], cell_codes
    )
    # Without the groupings cached for cells and calibration, read by nothing after: 3.5 MB
    # on the 2,000-company benchmark, not to be held through the bootstrap's peak (issue 17).
    codes, cell_codes = replace(codes), None
    calibrated_totals = company_totals(
        calibrated, value_column="calibrated_value", **weights, codes=codes
    )
    if "calibrated_matrix" not in tables:
        # read by nothing else: gone before the bootstrap's peak (issue 17)
        calibrated = calibrated_values = None
    per_evaluator = evaluator_totals(scores, **weights, codes=codes)
    summary, intervals = _ranking_tables(
        scores,
        calibrated_totals,
        per_evaluator,
        cells,
        weights={**weights, "codes": codes},
        resamples=resamples,
        seed=seed,
        interval=interval,
        cells_of=cells_of,
    )
    criteria = criterion_order(scores, codes=codes)
    matrix = {"criteria": criteria, "company_order": summary["company_id"], "codes": codes}
    builders = {
        "raw_matrix": lambda: criterion_matrix(scores, **matrix),
        "calibrated_matrix": lambda: criterion_matrix(
            calibrated, **matrix, value_column="calibrated_value"
        ),
        "evaluator_scores": lambda: evaluator_score_table(scores, per_evaluator, **matrix),
        "agreement": lambda: criterion_agreement(scores, codes=codes),
    }
    details = {
        name: build() if name in tables else pd.DataFrame() for name, build in builders.items()
    }
    return PortfolioComparison(
        summary=summary,
        **details,
        rank_intervals=intervals,
        methodology=methodology_rows(
            scores,
            codes=codes,
            weights=weight_table(scores, **weights, codes=codes),
            exclusions=exclusions,
            resamples=resamples,
            seed=seed,
            interval=interval,
            generated_at=generated_at or datetime.now(UTC),
        ),
        cells=cells,
        calibration=calibration,
        evaluator_totals=per_evaluator,
        criteria=criteria,
        pack_totals=pack_totals(scores, **weights, codes=codes),
    )


def _anonymized(
    scores: pd.DataFrame, exclusions: list[ConflictExclusion]
) -> tuple[pd.DataFrame, list[ConflictExclusion]]:
    ids = [*scores["evaluator_id"].unique(), *(exclusion.evaluator_id for exclusion in exclusions)]
    pseudonyms = evaluator_pseudonyms(ids)
    renamed = [replace(e, evaluator_name=pseudonyms[e.evaluator_id]) for e in exclusions]
    return anonymized_scores(scores, pseudonyms), renamed


def _ranking_tables(
    scores: pd.DataFrame,
    calibrated_totals: pd.DataFrame,
    per_evaluator: pd.DataFrame,
    cells: pd.DataFrame,
    *,
    weights: dict,
    resamples: int,
    seed: int,
    interval: tuple[float, float],
    cells_of: Collection[int] | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The summary (one row per company, rank order) and the rank intervals table."""
    totals = company_totals(scores, **weights)
    intervals = rank_intervals(
        per_evaluator,
        point_totals=totals.set_index("company_id")["total"],
        resamples=resamples,
        seed=seed,
        interval=interval,
    )
    summary = rank_companies(totals)
    # Looked up by position, not merged or mapped: pandas' joins were a good part of the
    # comparison's fixed cost (issue 17).
    companies = pd.Index(summary["company_id"])
    at = pd.Index(calibrated_totals["company_id"]).get_indexer(companies)
    summary["calibrated_total"] = taken(calibrated_totals["total"].to_numpy(), at, np.nan)
    at = pd.Index(intervals["company_id"]).get_indexer(companies)
    missing = at < 0
    for column in ["rank_low", "rank_high", "tie_group"]:
        known = taken(intervals[column].to_numpy(dtype="int64"), at, 0)
        summary[column] = pd.arrays.IntegerArray(known, missing)
    tied = taken(intervals["statistically_tied"].to_numpy(dtype=bool), at, False)
    summary["statistically_tied"] = pd.arrays.BooleanArray(tied, missing)
    summary["n_disagreements"] = np.bincount(
        companies.get_indexer(cells["company_id"]),
        weights=cells["disagreement"].to_numpy(dtype="float64"),
        minlength=len(companies),
    ).astype("int64")
    if cells_of is not None:
        counted = summary["company_id"].isin(list(cells_of))
        summary["n_disagreements"] = summary["n_disagreements"].astype("Int64").where(counted)
    return summary[SUMMARY_COLUMNS], intervals
