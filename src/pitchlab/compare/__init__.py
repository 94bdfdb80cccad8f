"""Comparing companies across evaluators and exporting portfolio comparisons.

Pure computation: every function takes the long scores frame (see scores.SCORE_COLUMNS) or
tables built from it and returns DataFrames, dataclasses or bytes. No HTTP, no database.
"""

from pitchlab.compare.aggregates import cell_aggregates, flag_outlier_scores
from pitchlab.compare.agreement import criterion_agreement, ordinal_alpha, read_alpha
from pitchlab.compare.anonymize import evaluator_pseudonyms
from pitchlab.compare.calibration import (
    METHOD_DESCRIPTION,
    MIN_SCORES_FOR_CALIBRATION,
    calibrated_scores,
    evaluator_calibration,
)
from pitchlab.compare.comparison import PortfolioComparison, build_comparison
from pitchlab.compare.export import (
    comparison_csv,
    comparison_json,
    comparison_xlsx,
    neutralized_text,
    table_csv,
)
from pitchlab.compare.methodology import ConflictExclusion
from pitchlab.compare.ranking import rank_companies, rank_intervals
from pitchlab.compare.scores import SCORE_COLUMNS, empty_scores, scores_frame
from pitchlab.compare.totals import company_totals, evaluator_totals, pack_totals
from pitchlab.compare.whatif import weight_what_if

__all__ = [
    "METHOD_DESCRIPTION",
    "MIN_SCORES_FOR_CALIBRATION",
    "SCORE_COLUMNS",
    "ConflictExclusion",
    "PortfolioComparison",
    "build_comparison",
    "calibrated_scores",
    "cell_aggregates",
    "company_totals",
    "comparison_csv",
    "comparison_json",
    "comparison_xlsx",
    "criterion_agreement",
    "empty_scores",
    "evaluator_calibration",
    "evaluator_pseudonyms",
    "evaluator_totals",
    "flag_outlier_scores",
    "neutralized_text",
    "ordinal_alpha",
    "pack_totals",
    "rank_companies",
    "rank_intervals",
    "read_alpha",
    "scores_frame",
    "table_csv",
    "weight_what_if",
]
