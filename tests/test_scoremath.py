"""The one weighted total and the one disagreement rule, without HTTP or a database (issue 11)."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from pitchlab.scoremath.disagreement import WIDE_SPREAD_LEVELS, cell_flags, disagrees
from pitchlab.scoremath.totals import weighted_means, weighted_total

LEVEL = st.one_of(st.none(), st.integers(1, 5))


def test_na_is_left_out_of_the_sum_and_the_weights():
    assert weighted_total([5, 2, None], [2, 1, 3]) == (2 * 5 + 1 * 2) / 3
    assert weighted_total([None, None], [1, 1]) is None
    assert weighted_total([], []) is None


@given(
    st.integers(1, 8).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(LEVEL, min_size=n, max_size=n), min_size=1, max_size=20),
            st.lists(st.integers(1, 500).map(lambda w: w / 100), min_size=n, max_size=n),
        )
    )
)
def test_one_row_gives_the_float_the_vectorised_rows_give(case):
    rows, weights = case
    values = np.array([[np.nan if v is None else v for v in row] for row in rows])
    totals = weighted_means(values, np.array(weights)).totals[:, 0]
    for row, total in zip(rows, totals, strict=True):
        alone = weighted_total(row, weights)
        assert (alone is None and np.isnan(total)) or alone == total


def test_a_spread_of_two_levels_disagrees():
    assert disagrees([3, 3 + WIDE_SPREAD_LEVELS])
    assert not disagrees([3, 4, None])
    assert not disagrees([None, None])


@given(st.lists(st.lists(LEVEL, min_size=1, max_size=6), min_size=1, max_size=15))
def test_one_cell_is_flagged_as_among_many(cells):
    values = np.array([np.nan if v is None else v for cell in cells for v in cell], dtype=float)
    cell = np.repeat(np.arange(len(cells)), [len(c) for c in cells])
    flags = cell_flags(values, cell, len(cells)).disagreement
    assert flags.tolist() == [disagrees(c) for c in cells]
