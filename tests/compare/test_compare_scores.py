import pandas as pd
import pytest

from pitchlab.compare.scores import SCORE_COLUMNS, check_scores, empty_scores


def test_empty_scores_has_agreed_columns_and_dtypes():
    frame = empty_scores()
    assert list(frame.columns) == list(SCORE_COLUMNS)
    assert frame.empty
    assert frame["company_id"].dtype == "int64"
    assert frame["value"].dtype == "float64"


def test_check_scores_rejects_missing_columns():
    with pytest.raises(ValueError, match="weight"):
        check_scores(empty_scores().drop(columns=["weight"]))


def test_check_scores_rejects_zero_weight(make_scores):
    scores = make_scores([(1, 1, "a", 3)])
    with pytest.raises(ValueError, match="greater than zero"):
        check_scores(scores.assign(weight=0.0))


def test_scores_frame_of_no_rows_is_empty_scores(make_scores):
    pd.testing.assert_frame_equal(make_scores([]), empty_scores())
