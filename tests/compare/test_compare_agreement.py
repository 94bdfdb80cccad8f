import math

import numpy as np
import pytest

from pitchlab.compare.agreement import (
    LOW,
    NOT_ENOUGH_DATA,
    RELIABLE,
    TENTATIVE,
    criterion_agreement,
    ordinal_alpha,
    read_alpha,
)

NAN = np.nan
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C:
# 4 observers x 12 units with missing values; published ordinal alpha = 0.815.
KRIPPENDORFF_EXAMPLE = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
]


def test_ordinal_alpha_matches_published_value():
    assert ordinal_alpha(np.array(KRIPPENDORFF_EXAMPLE)) == pytest.approx(0.815, abs=5e-4)


def test_ordinal_alpha_matches_hand_computation():
    # Units {1,1}, {2,2}, {3,2}: n1=2, n2=3, n3=1, n=6; coincidences o23 = o32 = 1.
    # Ordinal distances: d12 = (5/2)^2, d23 = (4/2)^2 = 4, d13 = (6 - 3/2)^2.
    # Observed: (o23 d23 + o32 d32) = 8; expected: 2 (6 d12 + 2 d13 + 3 d23) / (n - 1) = 36.
    # alpha = 1 - 8/36 = 7/9.
    data = np.array([[1, 2, 3], [1, 2, 2]], dtype=float)
    assert ordinal_alpha(data) == pytest.approx(7 / 9)
    # Levels nobody used do not change the ordinal distances.
    assert ordinal_alpha(data, levels=np.arange(1, 6)) == pytest.approx(7 / 9)


def test_ordinal_alpha_is_nan_without_variation_or_pairs():
    assert math.isnan(ordinal_alpha(np.array([[3, 3], [3, 3]], dtype=float)))
    assert math.isnan(ordinal_alpha(np.array([[1, NAN], [NAN, 4]])))


@pytest.mark.parametrize(
    ("alpha", "reading"),
    [
        (0.95, RELIABLE),
        (0.8, RELIABLE),
        (0.7, TENTATIVE),
        (0.667, TENTATIVE),
        (0.5, LOW),
        (-0.2, LOW),
        (math.nan, NOT_ENOUGH_DATA),
    ],
)
def test_read_alpha_in_plain_words(alpha, reading):
    assert read_alpha(alpha) == reading


def test_criterion_agreement_per_criterion(make_grid):
    scores = make_grid(
        {
            (1, 1): {"same": 1, "hand": 1, "flat": 3},
            (1, 2): {"same": 1, "hand": 1, "flat": 3},
            (2, 1): {"same": 4, "hand": 2, "flat": 3},
            (2, 2): {"same": 4, "hand": 2, "flat": 3},
            (3, 1): {"same": 5, "hand": 3, "flat": 3},
            (3, 2): {"same": 5, "hand": 2, "flat": None},
        }
    )
    agreement = criterion_agreement(scores).set_index("criterion_key")
    assert agreement.loc["same", "alpha"] == 1.0
    assert agreement.loc["same", "reading"] == RELIABLE
    assert agreement.loc["hand", "alpha"] == pytest.approx(7 / 9)
    assert agreement.loc["hand", "reading"] == TENTATIVE
    assert math.isnan(agreement.loc["flat", "alpha"])
    assert agreement.loc["flat", "reading"] == NOT_ENOUGH_DATA
    assert agreement.loc["flat", "n_companies"] == 2
    assert agreement.loc["flat", "n_scores"] == 5
