"""The technical-debt calculator: model share of a plan's effort, against Sculley's 5%."""

import pytest

from pitchlab.rubrics.packfile import Calculator
from pitchlab.rubrics.techdebt import (
    FLAG_BALANCED,
    FLAG_MODEL_HEAVY,
    FLAG_MOSTLY_MODEL,
    assess_plan,
    model_share,
)

CALCULATOR = Calculator.model_validate(
    {
        "reference_model_share": 0.05,
        "flag_model_share": 0.30,
        "components": [
            {"key": "ml-code", "is_model": True, "title": {"en": "ML code", "zh": "机器学习代码"}},
            {"key": "data-collection", "title": {"en": "Data collection", "zh": "数据收集"}},
            {"key": "serving", "title": {"en": "Serving", "zh": "推理服务"}},
            {"key": "monitoring", "title": {"en": "Monitoring", "zh": "监控"}},
        ],
    }
)


def test_model_share_of_hand_computed_plan():
    assert model_share({"ml-code": 5, "data-collection": 45, "serving": 50}) == 0.05
    assert model_share({"model": 3, "rest": 1}, model_key="model") == 0.75


def test_model_share_without_model_component_is_zero():
    assert model_share({"serving": 4}) == 0


def test_model_share_of_empty_plan_is_none():
    assert model_share({}) is None
    assert model_share({"ml-code": 0, "serving": 0}) is None


def test_model_share_refuses_negative_effort():
    with pytest.raises(ValueError, match="serving"):
        model_share({"ml-code": 1, "serving": -2})


def test_assess_plan_at_reference_is_balanced():
    plan = assess_plan(
        {"ml-code": 5, "data-collection": 40, "serving": 30, "monitoring": 25},
        calculator=CALCULATOR,
    )
    assert plan.model_share == pytest.approx(0.05)
    assert plan.reference_share == 0.05
    assert plan.ratio_to_reference == pytest.approx(1.0)
    assert plan.flag == FLAG_BALANCED
    assert [bar.percent for bar in plan.bars] == [5.0, 40.0, 30.0, 25.0]


def test_assess_plan_mostly_model_above_flag():
    plan = assess_plan({"ml-code": 60, "data-collection": 40}, calculator=CALCULATOR)
    assert plan.model_share == pytest.approx(0.6)
    assert plan.ratio_to_reference == pytest.approx(12.0)
    assert plan.flag == FLAG_MOSTLY_MODEL


def test_assess_plan_model_heavy_between_twice_reference_and_flag():
    plan = assess_plan({"ml-code": 15, "serving": 85}, calculator=CALCULATOR)
    assert plan.flag == FLAG_MODEL_HEAVY


def test_assess_plan_counts_missing_components_as_zero():
    plan = assess_plan({"ml-code": 1, "serving": 2}, calculator=CALCULATOR)
    assert [(c.key, c.effort) for c in plan.components] == [
        ("ml-code", 1.0),
        ("data-collection", 0.0),
        ("serving", 2.0),
        ("monitoring", 0.0),
    ]
    assert [(bar.key, bar.percent) for bar in plan.bars] == [
        ("ml-code", 33.3),
        ("data-collection", 0.0),
        ("serving", 66.7),
        ("monitoring", 0.0),
    ]


def test_assess_plan_accepts_shares_as_well_as_weeks():
    weeks = assess_plan({"ml-code": 2, "serving": 38}, calculator=CALCULATOR)
    shares = assess_plan({"ml-code": 0.05, "serving": 0.95}, calculator=CALCULATOR)
    assert weeks.model_share == pytest.approx(shares.model_share)
    assert weeks.bars == shares.bars


def test_assess_plan_with_no_effort_has_no_verdict():
    plan = assess_plan({}, calculator=CALCULATOR)
    assert (plan.model_share, plan.ratio_to_reference, plan.flag, plan.bars) == (
        None,
        None,
        None,
        [],
    )


def test_assess_plan_names_unknown_component():
    with pytest.raises(ValueError, match="'gpu-budget'"):
        assess_plan({"ml-code": 1, "gpu-budget": 3}, calculator=CALCULATOR)


def test_assess_plan_refuses_negative_effort():
    with pytest.raises(ValueError, match="monitoring"):
        assess_plan({"ml-code": 1, "monitoring": -1}, calculator=CALCULATOR)
