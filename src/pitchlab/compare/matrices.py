"""Companies x criteria matrices: mean scores per company, and each evaluator's own scores."""

import pandas as pd

from pitchlab.compare.scores import COMPANY_KEYS, CRITERION_KEYS, criterion_labels

# Shown where an evaluator answered N/A, to tell it apart from a criterion left unscored.
NA_TEXT = "N/A"


def criterion_matrix(
    scores: pd.DataFrame,
    *,
    criteria: pd.DataFrame,
    company_order: pd.Series,
    value_column: str = "value",
) -> pd.DataFrame:
    """Return the evaluators' mean per company (rows) and criterion (columns), N/A left out.

    Columns: company_id, company_name, then one column per criterion named by its label.
    """
    means = scores.groupby(["company_id", *CRITERION_KEYS], sort=False)[value_column].mean()
    wide = _criteria_as_columns(means.unstack(CRITERION_KEYS), criteria)
    wide = wide.reindex(pd.Index(company_order, name="company_id"))
    names = scores.drop_duplicates("company_id").set_index("company_id")["company_name"]
    wide.insert(0, "company_name", wide.index.map(names))
    return wide.reset_index()


def evaluator_score_table(
    scores: pd.DataFrame,
    evaluator_totals: pd.DataFrame,
    *,
    criteria: pd.DataFrame,
    company_order: pd.Series,
) -> pd.DataFrame:
    """Return one row per company and evaluator with their total and every raw score.

    An explicit N/A shows as "N/A"; a criterion the evaluator did not score stays empty.
    Columns: company_id, company_name, evaluator_name, total, then one column per criterion.
    """
    keys = ["company_id", "evaluator_id"]
    cell = [scores[key] for key in [*keys, *CRITERION_KEYS]]
    means = scores["value"].groupby(cell, sort=False).mean()
    values = _criteria_as_columns(means.unstack(CRITERION_KEYS), criteria)
    answered_na = scores["value"].isna().groupby(cell, sort=False).all()
    na_mask = _criteria_as_columns(answered_na.unstack(CRITERION_KEYS, fill_value=False), criteria)
    wide = values.astype(object).mask(na_mask.fillna(False).astype(bool), NA_TEXT)
    wide = wide.reset_index()
    people = scores.drop_duplicates(keys)[[*keys, "company_name", "evaluator_name"]]
    totals = evaluator_totals[[*keys, "total"]]
    wide = people.merge(totals, on=keys, how="left").merge(wide, on=keys)
    position = pd.Series(range(len(company_order)), index=pd.Index(company_order))
    wide["_position"] = wide["company_id"].map(position)
    wide = wide.sort_values(["_position", "evaluator_id"], kind="stable")
    labels = list(criterion_labels(criteria))
    return wide[[*COMPANY_KEYS, "evaluator_name", "total", *labels]].reset_index(drop=True)


def _criteria_as_columns(wide: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Put criterion columns in rubric order and name them by their readable labels."""
    ordered = pd.MultiIndex.from_frame(criteria[CRITERION_KEYS])
    wide = wide.reindex(columns=ordered)
    wide.columns = criterion_labels(criteria)
    return wide
