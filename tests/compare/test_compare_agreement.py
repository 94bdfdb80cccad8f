import math

import krippendorff
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


@pytest.mark.parametrize("seed", range(40))
def test_ordinal_alpha_matches_the_krippendorff_package(seed):
    # Random panels with gaps and half levels (an evaluator's mean of two scores).
    rng = np.random.default_rng(seed)
    data = rng.integers(1, 6, (rng.integers(2, 7), rng.integers(2, 30))).astype(float)
    data += rng.integers(0, 2, data.shape) * 0.5 * (seed % 2)
    data[rng.random(data.shape) < 0.4] = NAN
    paired = data[:, (~np.isnan(data)).sum(axis=0) >= 2]
    observed = np.unique(paired[~np.isnan(paired)])
    if observed.size < 2:
        assert math.isnan(ordinal_alpha(data))
        return
    expected = krippendorff.alpha(
        reliability_data=paired, value_domain=observed, level_of_measurement="ordinal"
    )
    assert ordinal_alpha(data) == pytest.approx(expected, abs=1e-12)


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


def test_criterion_agreement_is_each_criterion_alone(make_scores):
    # Three criteria of different panels computed at once give each one's own alpha and counts;
    # evaluator 4 scored only a company nobody else did on "c".
    rng = np.random.default_rng(7)
    rows = [
        (company, evaluator, criterion, int(rng.integers(1, 6)))
        for criterion, evaluators in (("a", (1, 2, 3)), ("b", (1, 2)), ("c", (2, 3)))
        for company in range(1, 9)
        for evaluator in evaluators
        if rng.random() > 0.2
    ]
    rows.append((99, 4, "c", 2))
    scores = make_scores(rows)
    agreement = criterion_agreement(scores).set_index("criterion_key")
    for criterion in ("a", "b", "c"):
        mine = scores[scores["criterion_key"] == criterion]
        matrix = mine.pivot(index="evaluator_id", columns="company_id", values="value")
        expected = ordinal_alpha(matrix.to_numpy())
        found = agreement.loc[criterion]
        assert found["alpha"] == pytest.approx(expected, nan_ok=True)
        assert found["n_scores"] == len(mine)
        assert found["n_evaluators"] == mine["evaluator_id"].nunique()
        assert found["n_companies"] == int((matrix.notna().sum() >= 2).sum())
    assert agreement.loc["c", "n_evaluators"] == 3


def test_criterion_agreement_of_a_panel_that_answered_only_na(make_grid):
    scores = make_grid({(1, 1): {"a": None, "b": None}, (1, 2): {"a": None, "b": None}})
    agreement = criterion_agreement(scores)
    assert agreement["reading"].tolist() == [NOT_ENOUGH_DATA, NOT_ENOUGH_DATA]
    assert agreement["n_scores"].tolist() == [0, 0]


def test_alpha_summed_in_slices_of_companies_is_the_same(make_scores, monkeypatch):
    rng = np.random.default_rng(11)
    rows = [
        (company, evaluator, criterion, int(rng.integers(1, 6)))
        for criterion in ("a", "b")
        for company in range(1, 30)
        for evaluator in (1, 2, 3)
    ]
    scores = make_scores(rows)
    whole = criterion_agreement(scores)
    monkeypatch.setattr("pitchlab.compare.agreement.PAIRS_PER_SLICE", 60)  # 2 companies a slice
    sliced = criterion_agreement(scores)
    assert sliced["alpha"].tolist() == pytest.approx(whole["alpha"].tolist())
