import pandas as pd
import pytest

from pitchlab.compare.calibration import (
    CALIBRATED,
    METHOD_DESCRIPTION,
    MIN_SCORES_FOR_CALIBRATION,
    NOT_ENOUGH_DATA,
    calibrated_scores,
    evaluator_calibration,
)

HARSH = [1, 1, 2, 2, 3]
LENIENT = [3, 3, 4, 4, 5]  # the same ranking, two levels higher


def _harsh_and_lenient(make_grid, extra=None):
    values = {}
    for company_id, (harsh, lenient) in enumerate(zip(HARSH, LENIENT, strict=False), start=1):
        values[(company_id, 1)] = {"a": harsh}
        values[(company_id, 2)] = {"a": lenient}
    return make_grid({**values, **(extra or {})})


def test_harsh_and_lenient_evaluators_calibrate_to_equal_values(make_grid):
    calibrated = calibrated_scores(_harsh_and_lenient(make_grid))
    by_company = calibrated.pivot(
        index="company_id", columns="evaluator_id", values="calibrated_value"
    )
    pd.testing.assert_series_equal(by_company[1], by_company[2], check_names=False)
    # Pooled mean 2.8 and both SDs equal: each value moves one level toward the middle.
    assert by_company[1].tolist() == pytest.approx([2, 2, 3, 3, 4])


def test_raw_values_stay_beside_calibrated_ones(make_grid):
    scores = _harsh_and_lenient(make_grid)
    calibrated = calibrated_scores(scores)
    assert calibrated["value"].tolist() == scores["value"].tolist()
    assert {"value", "calibrated_value", "calibration_status"} <= set(calibrated.columns)


def test_evaluator_with_few_scores_is_not_calibrated(make_grid):
    few = {(company_id, 3): {"a": 4} for company_id in range(1, MIN_SCORES_FOR_CALIBRATION)}
    calibrated = calibrated_scores(_harsh_and_lenient(make_grid, few))
    third = calibrated[calibrated["evaluator_id"] == 3]
    assert (third["calibration_status"] == NOT_ENOUGH_DATA).all()
    assert third["calibrated_value"].isna().all()
    others = calibrated[calibrated["evaluator_id"] != 3]
    assert (others["calibration_status"] == CALIBRATED).all()


def test_evaluator_without_spread_is_not_calibrated(make_grid):
    flat = {(company_id, 3): {"a": 3} for company_id in range(1, 6)}
    stats = evaluator_calibration(_harsh_and_lenient(make_grid, flat)).set_index("evaluator_id")
    assert stats.loc[3, "calibration_status"] == NOT_ENOUGH_DATA
    assert stats.loc[1, "calibration_status"] == CALIBRATED


def test_calibrated_values_are_clipped_to_the_scale(make_grid):
    # Evaluator 1 gives one lone 5 among 1s: z = 2.85, mapped to about 5.7 before clipping.
    values = {(c, 1): {"a": 5 if c == 10 else 1} for c in range(1, 11)}
    values.update({(c, 2): {"a": 4 + c % 2} for c in range(1, 11)})
    calibrated = calibrated_scores(make_grid(values))
    assert calibrated["calibrated_value"].max() == 5.0
    assert calibrated["calibrated_value"].min() >= 1.0


def test_na_answers_stay_na(make_grid):
    calibrated = calibrated_scores(_harsh_and_lenient(make_grid, {(6, 1): {"a": None}}))
    row = calibrated[(calibrated["company_id"] == 6)].iloc[0]
    assert pd.isna(row["value"]) and pd.isna(row["calibrated_value"])


def test_method_description_names_the_method():
    assert "z-score" in METHOD_DESCRIPTION
    assert str(MIN_SCORES_FOR_CALIBRATION) in METHOD_DESCRIPTION


def test_each_cell_carries_the_calibrated_matrix_mean(make_grid):
    # The page reads a cell's calibrated mean from comparison.cells; the exports' calibrated
    # matrix must show the same number for that company and criterion.
    from pitchlab.compare.comparison import build_comparison
    from pitchlab.compare.scores import criterion_labels

    values = {(company, evaluator): {} for company in (1, 2, 3) for evaluator in (1, 2, 3)}
    for (company, evaluator), row in values.items():
        row["a"] = (company + evaluator) % 5 + 1
        row["b"] = None if (company, evaluator) == (2, 2) else (company * evaluator) % 5 + 1
    comparison = build_comparison(make_grid(values))
    matrix = comparison.calibrated_matrix.set_index("company_id")
    labels = dict(
        zip(
            comparison.criteria["criterion_key"], criterion_labels(comparison.criteria), strict=True
        )
    )
    for cell in comparison.cells.itertuples():
        expected = matrix.loc[cell.company_id, labels[cell.criterion_key]]
        assert cell.calibrated_mean == pytest.approx(expected, nan_ok=True)
