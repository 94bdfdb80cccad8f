"""Payne and Berkus valuations, checked against sums worked out by hand (issue 15)."""

from datetime import date
from decimal import Decimal

import pytest

from pitchlab.rubrics.valuation import (
    HAS_REVENUE,
    MISSING_FACTORS,
    Anchor,
    Factor,
    Money,
    berkus_valuation,
    panel_valuation,
    payne_valuation,
    pick_anchor,
    valuation_of,
)

PAYNE_FACTORS = [
    Factor("management-team", Decimal(30)),
    Factor("opportunity-size", Decimal(25)),
    Factor("product-technology", Decimal(15)),
    Factor("competitive-environment", Decimal(10)),
    Factor("marketing-sales-partnerships", Decimal(10)),
    Factor("additional-investment-need", Decimal(5)),
    Factor("other-factors", Decimal(5)),
]
MULTIPLIERS = {
    1: Decimal("0.5"),
    2: Decimal("0.75"),
    3: Decimal("1.0"),
    4: Decimal("1.25"),
    5: Decimal("1.5"),
}
BERKUS_DRIVERS = [
    Factor(key, Decimal(1))
    for key in [
        "sound-idea",
        "prototype",
        "management-team",
        "strategic-relationships",
        "product-rollout",
    ]
]
US_SEED = Anchor(
    Money(Decimal("2000000"), "USD"), "north-america", "seed", date(2026, 6, 30), "demo"
)


def _levels(*values):
    return {factor.key: value for factor, value in zip(PAYNE_FACTORS, values, strict=True)}


def test_payne_valuation_weights_each_factors_multiplier():
    # 0.30x1.25 + 0.25x1.0 + 0.15x1.5 + 0.10x0.75 + 0.10x1.0 + 0.05x0.5 + 0.05x1.0
    # = 0.375 + 0.25 + 0.225 + 0.075 + 0.1 + 0.025 + 0.05 = 1.100; x 2,000,000 = 2,200,000.
    result = payne_valuation(
        _levels(4, 3, 5, 2, 3, 1, 3), factors=PAYNE_FACTORS, multipliers=MULTIPLIERS, anchor=US_SEED
    )
    assert result.value == Money(Decimal("2200000.00"), "USD")
    assert result.missing == ()
    assert result.anchor is US_SEED


def test_payne_valuation_at_every_average_level_is_the_anchor():
    result = payne_valuation(
        _levels(3, 3, 3, 3, 3, 3, 3), factors=PAYNE_FACTORS, multipliers=MULTIPLIERS, anchor=US_SEED
    )
    assert result.value.amount == Decimal("2000000.00")


def test_payne_valuation_in_the_anchors_currency():
    # All factors much better than the average deal: 1.5 x 15,000,000 CNY.
    anchor = Anchor(Money(Decimal("15000000"), "CNY"), "greater-china", "seed", None, "demo")
    result = payne_valuation(
        _levels(5, 5, 5, 5, 5, 5, 5), factors=PAYNE_FACTORS, multipliers=MULTIPLIERS, anchor=anchor
    )
    assert result.value == Money(Decimal("22500000.00"), "CNY")


def test_payne_valuation_with_a_missing_factor_is_not_reweighted():
    levels = _levels(4, 3, 5, 2, 3, 1, None)
    result = payne_valuation(levels, factors=PAYNE_FACTORS, multipliers=MULTIPLIERS, anchor=US_SEED)
    # Re-weighting the other six would give 2,000,000 x 1.05 / 0.95; no number is given instead.
    assert result.value is None
    assert result.reason == MISSING_FACTORS
    assert result.missing == ("other-factors",)


def test_berkus_valuation_credits_each_driver_by_level():
    # 500,000 x (4/4 + 2/4 + 3/4 + 0/4 + 1/4) = 500,000 + 250,000 + 375,000 + 0 + 125,000.
    levels = dict(zip([d.key for d in BERKUS_DRIVERS], [5, 3, 4, 1, 2], strict=True))
    result = berkus_valuation(
        levels,
        drivers=BERKUS_DRIVERS,
        scale=(1, 5),
        max_per_driver=Money(Decimal("500000"), "USD"),
        has_revenue=False,
    )
    assert result.value == Money(Decimal("1250000.00"), "USD")
    assert [line.amount for line in result.lines] == [
        Decimal(500000),
        Decimal(250000),
        Decimal(375000),
        Decimal(0),
        Decimal(125000),
    ]


def test_berkus_valuation_refuses_a_company_with_revenue():
    levels = {d.key: 5 for d in BERKUS_DRIVERS}
    result = berkus_valuation(
        levels,
        drivers=BERKUS_DRIVERS,
        scale=(1, 5),
        max_per_driver=Money(Decimal("500000"), "USD"),
        has_revenue=True,
    )
    assert result.value is None
    assert result.reason == HAS_REVENUE


def test_berkus_valuation_with_a_missing_driver_says_which():
    levels = {d.key: 3 for d in BERKUS_DRIVERS[:4]}
    result = berkus_valuation(
        levels,
        drivers=BERKUS_DRIVERS,
        scale=(1, 5),
        max_per_driver=Money(Decimal("500000"), "USD"),
        has_revenue=False,
    )
    assert result.value is None
    assert result.missing == ("product-rollout",)


def test_valuation_of_reads_a_stored_pack_block():
    config = {
        "method": "payne",
        "currency": "USD",
        "average_pre_money": 2000000,
        "level_multipliers": {"1": 0.5, "2": 0.75, "3": 1.0, "4": 1.25, "5": 1.5},
    }
    result = valuation_of(
        config,
        levels=_levels(4, 3, 5, 2, 3, 1, 3),
        factors=PAYNE_FACTORS,
        scale=(1, 5),
        anchor=US_SEED,
        has_revenue=True,  # Payne has no revenue gate
    )
    assert result.value.amount == Decimal("2200000.00")


def test_pick_anchor_matches_region_and_stage_newest_first():
    older = Anchor(Money(Decimal(1), "USD"), "europe", "seed", date(2025, 1, 1), "a")
    newer = Anchor(Money(Decimal(2), "EUR"), "europe", "seed", date(2026, 1, 1), "b")
    assert pick_anchor([US_SEED, older, newer], region="europe", stage="seed") is newer
    assert pick_anchor([US_SEED], region="europe", stage="seed") is None


def test_panel_valuation_is_median_and_range():
    values = [Money(Decimal(v), "USD") for v in ("2200000", "1800000", "2000000", "2500000")]
    panel = panel_valuation(values)
    assert (panel.median, panel.low, panel.high, panel.count) == (
        Decimal("2100000.00"),
        Decimal("1800000"),
        Decimal("2500000"),
        4,
    )
    assert panel_valuation([]) is None
    with pytest.raises(ValueError):
        panel_valuation([Money(Decimal(1), "USD"), Money(Decimal(1), "CNY")])


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        Money(2000000.0, "USD")
