from datetime import UTC, datetime

import numpy as np
import pandas as pd
from tests.compare.conftest import score

from pitchlab.compare.codes import first_appearance, plain_records, score_codes
from pitchlab.compare.comparison import build_comparison, comparison_tables
from pitchlab.compare.export import comparison_csv, comparison_json

TEXT_COLUMNS = ["company_name", "evaluator_name", "pack_key", "criterion_key", "criterion_title"]


def test_first_appearance_numbers_groups_in_the_order_they_first_show_up():
    codes, first = first_appearance(np.array([30, 10, 30, 20, 10]))
    assert codes.tolist() == [0, 1, 0, 2, 1]
    assert first.tolist() == [0, 1, 3]


def test_score_codes_tell_criteria_apart_by_pack_version(make_scores):
    scores = make_scores(
        [
            score(1, 1, "a", 3),
            score(1, 2, "a", 4, pack_version=2),
            score(2, 1, "b", 5),
            score(2, 1, "a", 2, pack_key="team", scale_max=10),
        ]
    )
    codes = score_codes(scores)
    assert codes.company.tolist() == [0, 0, 1, 1]
    assert codes.evaluator.tolist() == [0, 1, 0, 0]
    # "a" in core v1, core v2 and team v1 are three criteria; "b" shares core v1's pack.
    assert codes.criterion.tolist() == [0, 1, 2, 3]
    assert codes.criterion_pack.tolist() == [0, 1, 0, 2]
    assert codes.criterion_scale.tolist() == [0, 0, 0, 1]
    assert codes.cell.tolist() == [0, 1, 6, 7]


def test_categorical_text_columns_give_the_same_comparison(make_grid):
    # The loader builds text columns as categoricals; hand-made frames hold plain strings.
    scores = make_grid(
        {
            (1, 1): {"a": 5, "b": 4, "c": None},
            (1, 2): {"a": 4, "b": 2, "c": 3},
            (2, 1): {"a": 2, "b": 1, "c": 1},
            (2, 2): {"a": 3, "b": 2, "c": 2},
            (3, 1): {"a": 4, "b": 4, "c": 5},
            (3, 3): {"a": 1, "b": 5, "c": 4},
        },
        names={1: "=HYPERLINK(1)", 2: "深度求索", 3: "Birch"},
    )
    categorical = scores.astype({column: "category" for column in TEXT_COLUMNS})
    when = datetime(2026, 1, 1, tzinfo=UTC)
    plain = build_comparison(scores, resamples=50, generated_at=when)
    other = build_comparison(categorical, resamples=50, generated_at=when)
    for name, table in comparison_tables(plain).items():
        pd.testing.assert_frame_equal(
            comparison_tables(other)[name].astype(object),
            table.astype(object),
            check_dtype=False,
            obj=name,
        )
    assert comparison_csv(other) == comparison_csv(plain)
    assert comparison_json(other) == comparison_json(plain)


def test_cells_of_some_companies_leave_the_rest_of_the_comparison_alone(make_grid):
    # The IC dossier (issue 17) reads a few companies' rows of the whole portfolio's ranking.
    scores = make_grid(
        {
            (1, 1): {"a": 5, "b": 1, "c": 3},
            (1, 2): {"a": 1, "b": 1, "c": 3},
            (2, 1): {"a": 2, "b": 1, "c": 1},
            (2, 2): {"a": 5, "b": 2, "c": 2},
            (3, 1): {"a": 4, "b": 4, "c": 5},
            (3, 3): {"a": 1, "b": 5, "c": 4},
        }
    )
    when = datetime(2026, 1, 1, tzinfo=UTC)
    whole = build_comparison(scores, resamples=50, generated_at=when, tables=())
    some = build_comparison(scores, resamples=50, generated_at=when, tables=(), cells_of=[2])
    kept = whole.cells[whole.cells["company_id"] == 2].reset_index(drop=True)
    pd.testing.assert_frame_equal(some.cells, kept)
    counts = dict(zip(some.summary["company_id"], some.summary["n_disagreements"], strict=True))
    assert counts[2] == whole.summary.set_index("company_id").at[2, "n_disagreements"] == 1
    assert pd.isna(counts[1]) and pd.isna(counts[3])
    others = [column for column in whole.summary if column != "n_disagreements"]
    pd.testing.assert_frame_equal(some.summary[others], whole.summary[others])
    pd.testing.assert_frame_equal(some.rank_intervals, whole.rank_intervals)
    pd.testing.assert_frame_equal(some.methodology, whole.methodology)


def test_plain_records_give_python_values_and_none_for_every_missing_kind():
    table = pd.DataFrame(
        {
            "rank": pd.array([1, None], dtype="Int64"),
            "total": [4.5, np.nan],
            "tied": pd.array([True, None], dtype="boolean"),
            "name": pd.array(["A", None], dtype="str"),
            "due": [None, pd.NaT],
            "kind": pd.Categorical(["x", None]),
            "n": np.array([3, 4], dtype="int64"),
        }
    )
    first, second = plain_records(table)
    assert first == {
        "rank": 1,
        "total": 4.5,
        "tied": True,
        "name": "A",
        "due": None,
        "kind": "x",
        "n": 3,
    }
    assert [type(first[key]) for key in ("rank", "total", "tied", "n")] == [int, float, bool, int]
    assert second == dict.fromkeys(["rank", "total", "tied", "name", "due", "kind"]) | {"n": 4}
    assert plain_records(table, ["n", "name"]) == [{"n": 3, "name": "A"}, {"n": 4, "name": None}]
    assert plain_records(table.iloc[:0]) == []
