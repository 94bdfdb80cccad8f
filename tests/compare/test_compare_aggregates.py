import math

from pitchlab.compare.aggregates import AGGREGATE_COLUMNS, cell_aggregates, flag_outlier_scores


def _cell(aggregates, company_id, criterion_key):
    match = aggregates[
        (aggregates["company_id"] == company_id) & (aggregates["criterion_key"] == criterion_key)
    ]
    assert len(match) == 1
    return match.iloc[0]


def test_cell_aggregates_computes_spread_statistics(make_grid):
    scores = make_grid(
        {
            (1, 1): {"a": 2, "b": 3},
            (1, 2): {"a": 4, "b": 3},
            (1, 3): {"a": 3, "b": None},
        }
    )
    aggregates = cell_aggregates(scores)
    assert list(aggregates.columns) == AGGREGATE_COLUMNS
    a = _cell(aggregates, 1, "a")
    assert (a["n_evaluators"], a["n_na"]) == (3, 0)
    assert (a["mean"], a["median"], a["std"]) == (3.0, 3.0, 1.0)
    assert (a["min"], a["max"], a["range"]) == (2.0, 4.0, 2.0)
    b = _cell(aggregates, 1, "b")
    assert (b["n_evaluators"], b["n_na"], b["mean"], b["std"], b["range"]) == (2, 1, 3.0, 0.0, 0.0)


def test_cell_aggregates_std_is_nan_with_one_evaluator(make_grid):
    aggregates = cell_aggregates(make_grid({(1, 1): {"a": 4}}))
    assert math.isnan(_cell(aggregates, 1, "a")["std"])


def test_two_level_spread_is_a_disagreement(make_grid):
    scores = make_grid(
        {
            (1, 1): {"a": 2, "b": 3},
            (1, 2): {"a": 4, "b": 4},
            (1, 3): {"a": 3, "b": 3},
        }
    )
    aggregates = cell_aggregates(scores)
    a, b = _cell(aggregates, 1, "a"), _cell(aggregates, 1, "b")
    assert a["wide_spread"] and a["disagreement"] and not a["has_outlier"]
    assert not b["wide_spread"] and not b["disagreement"]


def test_lone_dissenter_is_flagged_as_outlier(make_grid):
    values = {(1, evaluator): {"a": 4} for evaluator in range(1, 5)}
    values[(1, 5)] = {"a": 1}
    flagged = flag_outlier_scores(make_grid(values))
    assert flagged.loc[flagged["is_outlier"], "evaluator_id"].tolist() == [5]
    cell = _cell(cell_aggregates(make_grid(values)), 1, "a")
    assert cell["n_outliers"] == 1 and cell["has_outlier"] and cell["disagreement"]


def test_one_level_difference_from_unanimous_others_is_not_an_outlier(make_grid):
    values = {(1, evaluator): {"a": 3} for evaluator in range(1, 5)}
    values[(1, 5)] = {"a": 4}
    assert not flag_outlier_scores(make_grid(values))["is_outlier"].any()


def test_two_evaluators_cannot_single_out_an_outlier(make_grid):
    scores = make_grid({(1, 1): {"a": 1}, (1, 2): {"a": 5}})
    assert not flag_outlier_scores(scores)["is_outlier"].any()
    assert _cell(cell_aggregates(scores), 1, "a")["wide_spread"]
