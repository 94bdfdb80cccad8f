"""Integer codes for the rows of a scores frame: the groupings every statistic shares.

A comparison groups the same rows by company, evaluator and criterion many times over, and a
pandas group-by on the string keys costs milliseconds each on a 200,000-score portfolio
(issue 5 benchmark). Numbering each key once, 0, 1, ... in order of first appearance as
groupby(sort=False) does, lets the statistics sum with np.bincount over small dense grids.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from pitchlab.compare.scores import CRITERION_KEYS, PACK_KEYS


@dataclass(frozen=True)
class ScoreCodes:
    """Per row: company, evaluator and criterion numbers; per group: its first row."""

    company: np.ndarray
    evaluator: np.ndarray
    criterion: np.ndarray
    company_rows: np.ndarray
    evaluator_rows: np.ndarray
    criterion_rows: np.ndarray
    # Per criterion: the number of its pack (pack key and version) and of its rating scale.
    criterion_pack: np.ndarray
    criterion_scale: np.ndarray
    # The first row of each criterion (its keys, title, weight, scale), taken once: totals,
    # weights, agreement and the matrices all read it, and each take from the whole scores
    # frame cost a fifth of a millisecond (issue 17, fixed cost).
    criteria: pd.DataFrame = field(compare=False, repr=False)

    @property
    def n_companies(self) -> int:
        return len(self.company_rows)

    @property
    def n_evaluators(self) -> int:
        return len(self.evaluator_rows)

    @property
    def n_criteria(self) -> int:
        return len(self.criterion_rows)

    @property
    def n_packs(self) -> int:
        return int(self.criterion_pack.max(initial=-1)) + 1

    @property
    def cell(self) -> np.ndarray:
        """Per row: its (company, criterion) cell in a companies x criteria grid."""
        return self.company * self.n_criteria + self.criterion

    # Groupings several statistics share, numbered once a comparison (factorize is 0.3 ms on
    # 20,000 scores). A ScoreCodes is frozen and its arrays are never changed in place.
    @cached_property
    def cells(self) -> tuple[np.ndarray, np.ndarray]:
        """Per row: its cell numbered in order of first appearance; and each cell's first row."""
        return first_appearance(self.cell)

    @cached_property
    def evaluator_scales(self) -> tuple[np.ndarray, np.ndarray]:
        """Per row: its (evaluator, rating scale) group number; and each group's first row."""
        n_scales = int(self.criterion_scale.max(initial=0)) + 1
        return first_appearance(self.evaluator * n_scales + self.criterion_scale[self.criterion])

    def pair_codes(self) -> tuple[np.ndarray, np.ndarray]:
        """Per row: its (company, evaluator) pair number, and each pair's first row."""
        return first_appearance(self.company * max(self.n_evaluators, 1) + self.evaluator)


def score_codes(scores: pd.DataFrame) -> ScoreCodes:
    """Number the companies, evaluators, criteria, packs and scales of a scores frame."""
    company, company_rows = first_appearance(scores["company_id"])
    evaluator, evaluator_rows = first_appearance(scores["evaluator_id"])
    criterion, criterion_rows = combined_codes(scores, CRITERION_KEYS)
    criteria = scores.iloc[criterion_rows]
    return ScoreCodes(
        company=company,
        evaluator=evaluator,
        criterion=criterion,
        company_rows=company_rows,
        evaluator_rows=evaluator_rows,
        criterion_rows=criterion_rows,
        criterion_pack=combined_codes(criteria, PACK_KEYS)[0],
        criterion_scale=combined_codes(criteria, ["scale_min", "scale_max"])[0],
        criteria=criteria,
    )


def rows_at(scores: pd.DataFrame, rows: np.ndarray, columns: list[str]) -> pd.DataFrame:
    """scores.iloc[rows][columns].reset_index(drop=True), taking only those columns: iloc
    takes every column of the scores frame first, three times the cost (issue 17)."""
    return pd.DataFrame({column: scores[column].array.take(rows) for column in columns})


def value_rows(table: pd.DataFrame, columns: Sequence[str]) -> list[tuple]:
    """The rows of `columns` as tuples of Python values, as itertuples gives them, without the
    namedtuple class itertuples builds on every call (issue 17, fixed cost)."""
    return list(zip(*(table[column].tolist() for column in columns), strict=True))


def plain_records(table: pd.DataFrame, columns: Sequence[str] | None = None) -> list[dict]:
    """The rows of `columns` (all by default) as dicts of Python values, as to_dict(orient=
    "records") gives them, with missing values (None, NaN, pd.NA, NaT) as None so templates
    and files can test them. Column by column: boxing and testing every value on its own took
    1.2 ms for 200 companies' summary (issue 17, fixed cost)."""
    names = list(table.columns if columns is None else columns)
    found = []
    for values in (table[name] for name in names):
        items = values.tolist()
        # numpy integers and booleans cannot be missing
        if not (isinstance(values.dtype, np.dtype) and values.dtype.kind in "iub"):
            gone = pd.isna(values.array)
            if gone.any():
                pairs = zip(items, gone.tolist(), strict=True)
                items = [None if missing else item for item, missing in pairs]
        found.append(items)
    return [dict(zip(names, row, strict=True)) for row in zip(*found, strict=True)]


def taken(values: np.ndarray, at: np.ndarray, missing) -> np.ndarray:
    """values[at], and `missing` where at is -1 (pd.Index.get_indexer's "not found")."""
    return np.append(values, missing)[at]


def combined_codes(rows: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Group numbers for several key columns together, and each group's first row."""
    combined = np.zeros(len(rows), dtype="int64")
    for key in keys:
        codes, uniques = pd.factorize(rows[key])
        combined = combined * max(len(uniques), 1) + codes
    return first_appearance(combined)


def first_appearance(values) -> tuple[np.ndarray, np.ndarray]:
    """Number values 0, 1, ... in order of first appearance; return codes and first rows."""
    codes = pd.factorize(values)[0].astype("int64", copy=False)
    if not len(codes):
        return codes, np.empty(0, dtype="int64")
    # Each new code is one more than every code before it, so first rows are where the
    # running maximum grows.
    running = np.maximum.accumulate(codes)
    return codes, np.flatnonzero(np.diff(running, prepend=-1) > 0)
