"""Companies x criteria matrices: mean scores per company, and each evaluator's own scores."""

import numpy as np
import pandas as pd

from pitchlab.compare.codes import ScoreCodes, score_codes, value_rows
from pitchlab.compare.scores import COMPANY_KEYS, CRITERION_KEYS, criterion_labels
from pitchlab.compare.totals import criterion_means

# Shown where an evaluator answered N/A, to tell it apart from a criterion left unscored.
NA_TEXT = "N/A"


def criterion_matrix(
    scores: pd.DataFrame,
    *,
    criteria: pd.DataFrame,
    company_order: pd.Series,
    value_column: str = "value",
    codes: ScoreCodes | None = None,
) -> pd.DataFrame:
    """Return the evaluators' mean per company (rows) and criterion (columns), N/A left out.

    Columns: company_id, company_name, then one column per criterion named by its label.
    """
    codes = codes or score_codes(scores)
    means = criterion_means(
        codes.company, codes.n_companies, codes, scores[value_column].to_numpy(dtype="float64")
    )
    companies = scores.iloc[codes.company_rows]
    row = pd.Index(companies["company_id"]).get_indexer(pd.Index(company_order))
    names = companies["company_name"].to_numpy(dtype=object)
    wide = _as_columns(_take_rows(means, row), criteria, codes)
    wide.insert(0, "company_id", np.asarray(company_order, dtype="int64"))
    wide.insert(1, "company_name", np.where(row >= 0, names[row], None))
    return wide


def evaluator_score_table(
    scores: pd.DataFrame,
    evaluator_totals: pd.DataFrame,
    *,
    criteria: pd.DataFrame,
    company_order: pd.Series,
    codes: ScoreCodes | None = None,
) -> pd.DataFrame:
    """Return one row per company and evaluator with their total and every raw score.

    An explicit N/A shows as "N/A"; a criterion the evaluator did not score stays empty.
    Columns: company_id, company_name, evaluator_name, total, then one column per criterion.
    """
    codes = codes or score_codes(scores)
    pair, pair_rows = codes.pair_codes()
    values = scores["value"].to_numpy(dtype="float64")
    means = criterion_means(pair, len(pair_rows), codes, values)
    answered = np.bincount(pair * codes.n_criteria + codes.criterion, minlength=means.size).reshape(
        means.shape
    )
    grid = means.astype(object)
    grid[(answered > 0) & np.isnan(means)] = NA_TEXT
    people = scores.iloc[pair_rows][[*COMPANY_KEYS, "evaluator_id", "evaluator_name"]]
    position = pd.Index(company_order).get_indexer(people["company_id"])
    order = np.lexsort(
        (people["evaluator_id"].to_numpy(), np.where(position >= 0, position, len(company_order)))
    )
    people = people.iloc[order].reset_index(drop=True)
    span = (
        int(
            max(
                people["evaluator_id"].to_numpy().max(initial=0),
                evaluator_totals["evaluator_id"].to_numpy().max(initial=0),
            )
        )
        + 1
    )
    found = _pair_index(evaluator_totals, span).get_indexer(_pair_index(people, span))
    # No evaluator total at all (every answer N/A) leaves nothing to index: all NaN then.
    totals = evaluator_totals["total"].to_numpy(dtype=float)
    picked = totals[np.maximum(found, 0)] if totals.size else np.full(len(found), np.nan)
    people["total"] = np.where(found >= 0, picked, np.nan)
    wide = _as_columns(grid[order], criteria, codes)
    return pd.concat([people.drop(columns="evaluator_id"), wide], axis=1)


def _pair_index(rows: pd.DataFrame, span: int) -> pd.Index:
    """(company, evaluator) as one integer each; span is above every evaluator id."""
    return pd.Index(
        rows["company_id"].to_numpy(dtype="int64") * span
        + rows["evaluator_id"].to_numpy(dtype="int64")
    )


def _take_rows(grid: np.ndarray, row: np.ndarray) -> np.ndarray:
    """Rows of the grid by position; -1 gives an empty (NaN) row, as a reindex would."""
    taken = grid[np.maximum(row, 0)] if len(grid) else np.full((len(row), grid.shape[1]), np.nan)
    taken[row < 0] = np.nan
    return taken


def _as_columns(grid: np.ndarray, criteria: pd.DataFrame, codes: ScoreCodes) -> pd.DataFrame:
    """The grid's criterion columns in the given criteria order, named by readable labels."""
    scored = _criterion_keys(codes.criteria)
    position = {key: number for number, key in enumerate(scored)}
    column = np.array([position.get(key, -1) for key in _criterion_keys(criteria)], dtype="int64")
    return pd.DataFrame(_take_rows(grid.T, column).T, columns=criterion_labels(criteria))


def _criterion_keys(rows: pd.DataFrame) -> list[tuple]:
    return value_rows(rows, CRITERION_KEYS)
