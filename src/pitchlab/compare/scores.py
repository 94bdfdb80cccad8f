"""The long scores frame every comparison function takes, and the keys that slice it."""

import pandas as pd

# One row per (evaluator, company, criterion) score; value NaN means the evaluator answered N/A.
# Text columns may also be categoricals of str (the loader builds them so).
SCORE_COLUMNS: dict[str, str] = {
    "company_id": "int64",
    "company_name": "str",
    "evaluator_id": "int64",
    "evaluator_name": "str",
    "pack_key": "str",
    "pack_version": "int64",
    "criterion_key": "str",
    "criterion_title": "str",
    "weight": "float64",
    "value": "float64",
    "scale_min": "int64",
    "scale_max": "int64",
}

# A criterion is identified by its pack and pack version: two versions may define it differently.
CRITERION_KEYS = ["pack_key", "pack_version", "criterion_key"]
PACK_KEYS = ["pack_key", "pack_version"]
COMPANY_KEYS = ["company_id", "company_name"]
EVALUATOR_KEYS = ["evaluator_id", "evaluator_name"]
# A cell is what several evaluators score together: one criterion of one company.
CELL_KEYS = ["company_id", *CRITERION_KEYS]


def empty_scores() -> pd.DataFrame:
    """Return a scores frame with no rows and the agreed columns and dtypes."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in SCORE_COLUMNS.items()})


def scores_frame(rows: list[dict]) -> pd.DataFrame:
    """Build a scores frame from row dicts, checking columns and casting to the agreed dtypes."""
    frame = pd.DataFrame(rows, columns=list(SCORE_COLUMNS)) if rows else empty_scores()
    check_scores(frame)
    return frame.astype(SCORE_COLUMNS)


def check_scores(scores: pd.DataFrame) -> None:
    """Raise ValueError when columns are missing or weights are not positive."""
    missing = [name for name in SCORE_COLUMNS if name not in scores.columns]
    if missing:
        raise ValueError(f"scores frame lacks columns: {', '.join(missing)}")
    if (scores["weight"] <= 0).any():
        raise ValueError("criterion weights must be greater than zero")


def criterion_order(scores: pd.DataFrame, *, codes=None) -> pd.DataFrame:
    """Return the distinct criteria in order of first appearance, with title and weight.

    codes (a codes.ScoreCodes of these scores) saves finding the criteria again.
    """
    columns = [*CRITERION_KEYS, "criterion_title", "weight", "scale_min", "scale_max"]
    if codes is None:
        return scores.drop_duplicates(CRITERION_KEYS)[columns].reset_index(drop=True)
    return codes.criteria[columns].reset_index(drop=True)


def criterion_labels(criteria: pd.DataFrame) -> list[str]:
    """Return one readable column label per criterion; the pack is added only when titles clash."""
    titles = criteria["criterion_title"].astype(str)
    clashing = titles.duplicated(keep=False)
    return [
        f"{title} ({pack} v{version})" if clash else title
        for title, pack, version, clash in zip(
            titles, criteria["pack_key"], criteria["pack_version"], clashing, strict=False
        )
    ]
