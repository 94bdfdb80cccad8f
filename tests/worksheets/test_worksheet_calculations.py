"""Every worksheet calculation against numbers worked out by hand (no HTTP, no database)."""

from decimal import Decimal

import pytest

from pitchlab.worksheets import ai_cogs, baseline_ladder, modality_roi, problem_space, stress_test
from pitchlab.worksheets.charts import bar_chart
from pitchlab.worksheets.fields import validate
from pitchlab.worksheets.formatting import amount


def values(module, **fields):
    parsed = validate(module.FIELDS, {k: str(v) for k, v in fields.items()})
    assert parsed.errors == {}
    return parsed.values


CARD = dict(
    who="Shop owners",
    situation="Listing a new product",
    frequency="weekly",
    payer="The shop",
    today="A photographer per product",
    out_of_scope="Fashion on models",
)


def test_problem_space_pull_with_all_six_parts_is_defined():
    card = problem_space.compute(values(problem_space, **CARD, origin="problem-pull"))
    assert card.status == "defined" and card.missing == ()


def test_problem_space_push_is_defined_only_back_in_a_known_domain():
    push = dict(CARD, origin="technology-push")
    assert problem_space.compute(values(problem_space, **push)).status == "partial"
    known = problem_space.compute(values(problem_space, **push, domain_known="yes"))
    assert known.status == "defined"


def test_problem_space_with_missing_parts_is_partial_and_names_them():
    card = problem_space.compute(values(problem_space, who="Lawyers", origin="problem-pull"))
    assert card.status == "partial"
    assert card.missing == ("situation", "frequency", "payer", "today", "out_of_scope")
    assert problem_space.compute({}).status == "undefined"


def _ladder(**extra):
    base = dict(
        metric="accuracy",
        bar="99",
        currency="USD",
        at_stake="55000000",
        rules_result="80",
        rules_cost="10000",
        classic_ml_result="99.2",
        classic_ml_cost="200000",
        small_model_result="99.5",
        small_model_cost="900000",
        large_model_result="99.6",
        large_model_cost="4000000",
    )
    return baseline_ladder.compute(values(baseline_ladder, **(base | extra)))


def test_ladder_finds_the_lowest_rung_at_the_bar_and_a_simpler_one_than_built():
    ladder = _ladder(built="large_model")
    assert ladder.enough == "classic_ml"
    assert ladder.verdict == "simpler-enough"
    assert [r.meets_bar for r in ladder.rungs] == [False, True, True, True]
    # 55,000,000 - 200,000 = 54,800,000 at stake net of the classic rung's cost.
    assert ladder.rungs[1].net == Decimal("54800000")
    assert ladder.rungs[0].net is None


@pytest.mark.parametrize(
    ("built", "verdict"),
    [("classic_ml", "needed"), ("rules", "built-short"), (None, "no-build")],
)
def test_ladder_verdicts(built, verdict):
    extra = {"built": built} if built else {}
    assert _ladder(**extra).verdict == verdict


def test_ladder_with_no_rung_at_the_bar():
    ladder = _ladder(classic_ml_result="98", small_model_result="98.9", large_model_result="")
    assert ladder.enough is None and ladder.verdict == "not-met"


def test_stress_test_share_is_surviving_weight_over_all_weight():
    test = stress_test.compute(
        values(
            stress_test,
            claim_0="Proprietary claims data",
            claim_0_weight="5",
            claim_0_fate="survives",
            claim_1="Best prompt library",
            claim_1_weight="2",
            claim_1_fate="next-model",
            claim_2="Only chat UI for lawyers",
            claim_2_fate="provider-launch",  # no weight: counts 1
        )
    )
    # 5 of 5 + 2 + 1 = 8 -> 62.5%
    assert (test.surviving_weight, test.total_weight) == (5, 8)
    assert test.surviving_share == Decimal("62.5")


def test_stress_test_unmarked_claims_count_as_erased_and_no_claims_gives_no_share():
    test = stress_test.compute(
        values(stress_test, claim_0="A", claim_0_fate="survives", claim_1="B", claim_1_weight="2")
    )
    # 1 of 3 = 33.33... -> 33.3
    assert test.surviving_share == Decimal("33.3") and test.unmarked == 1
    assert stress_test.compute({}).surviving_share is None


COGS = dict(
    currency="USD",
    revenue="20",
    unit="tokens",
    usage="2000000",  # 2M tokens a user a month
    price="3",  # 3 USD per 1M tokens -> 6.00
    review_minutes="6",
    review_rate="30",  # 6 min at 30/h -> 3.00
    runs="1.5",  # three runs in two months
    run_cost="20000",
    active_users="10000",  # 1.5 x 20,000 / 10,000 -> 3.00
)


def test_cogs_base_case_by_hand():
    cogs = ai_cogs.compute(values(ai_cogs, **COGS))
    base = cogs.base
    assert (base.inference, base.review, base.retraining) == (
        Decimal(6),
        Decimal(3),
        Decimal(3),
    )
    assert base.cogs == Decimal(12)
    assert base.margin == Decimal("40.0")  # (20 - 12) / 20


def test_cogs_ten_times_usage_scales_inference_and_review_only():
    heavy = ai_cogs.compute(values(ai_cogs, **COGS)).heavy_use
    # 60 + 30 + 3 = 93 against 20 of revenue -> -365%
    assert heavy.cogs == Decimal(93)
    assert heavy.margin == Decimal("-365.0")


def test_cogs_provider_price_sweep_moves_inference_only():
    sweep = {
        change: normal
        for change, normal, _ in ai_cogs.compute(values(ai_cogs, **COGS)).price_changes
    }
    # price halves: inference 3 -> cogs 9 -> 55%; price doubles: inference 12 -> cogs 18 -> 10%
    assert sweep[Decimal(-50)].margin == Decimal("55.0")
    assert sweep[Decimal(100)].margin == Decimal("10.0")
    assert sweep[Decimal(0)].margin == Decimal("40.0")


def test_cogs_distillation_scenario_and_images():
    cogs = ai_cogs.compute(values(ai_cogs, **COGS, distilled_price="0.5", distilled_loss="1.5"))
    # 2M tokens at 0.5 per 1M = 1.00 -> cogs 7 -> 65%
    assert cogs.distilled.cogs == Decimal(7) and cogs.distilled.margin == Decimal("65.0")
    assert cogs.distilled_loss == Decimal("1.5")
    images = ai_cogs.compute(
        values(ai_cogs, currency="CNY", revenue="30", unit="images", usage="300", price="40")
    )
    # 300 images at 40 per 1,000 = 12.00 -> 60%
    assert images.base.inference == Decimal(12) and images.base.margin == Decimal("60.0")


def test_cogs_money_is_exact_not_float():
    cogs = ai_cogs.compute(
        values(ai_cogs, currency="USD", revenue="0.3", unit="tokens", usage="100000", price="1")
    )
    # 0.1 + 0.2 style sums stay exact: 100,000 x 1 / 1,000,000 = 0.1
    assert cogs.base.inference == Decimal("0.1")
    assert amount(cogs.base.revenue - cogs.base.inference, "USD") == "0.20 USD"


def test_modality_ledger_keeps_adds_drops_and_measures():
    ledger = modality_roi.compute(
        values(
            modality_roi,
            currency="USD",
            point_value="500000",
            scaling_improves="no",
            video_status="in-use",
            video_collect="300000",
            video_etl="400000",
            video_gain="4",  # 2,000,000 against 700,000 -> keep
            sensor_status="in-use",
            sensor_collect="900000",
            sensor_gain="1",  # 500,000 against 900,000 -> drop
            audio_status="candidate",
            audio_label="100000",
            audio_gain="0.5",  # 250,000 against 100,000 -> add
            image_status="candidate",  # no gain measured -> measure
        )
    )
    lines = {line.modality: line for line in ledger.lines}
    assert lines["video"].cost == Decimal(700000) and lines["video"].value == Decimal(2000000)
    assert {key: line.decision for key, line in lines.items()} == {
        "image": "measure",
        "video": "keep",
        "audio": "add",
        "sensor": "drop",
    }
    assert "text" not in lines


def test_modality_candidate_waits_while_the_bigger_model_still_improves():
    ledger = modality_roi.compute(
        values(
            modality_roi,
            currency="USD",
            point_value="100",
            scaling_improves="yes",
            sensor_status="candidate",
            sensor_etl="50",
            sensor_gain="2",
        )
    )
    assert (ledger.lines[0].decision, ledger.lines[0].reason) == ("drop", "scale-first")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("bar", "101", "percentage from 0 to 100"),
        ("bar", "abc", "Enter a number"),
        ("at_stake", "-5", "from 0"),
        ("at_stake", "1.123456", "at most 4 decimal places"),
        ("currency", "XYZ", "Choose one of the listed options"),
        ("metric", "", "required"),
        ("metric", "acc\x00uracy", "control characters"),
    ],
)
def test_validation_names_the_problem_beside_the_field(field, value, message):
    submitted = {"metric": "accuracy", "bar": "99", "currency": "USD", field: value}
    parsed = validate(baseline_ladder.FIELDS, submitted)
    assert message in parsed.errors[field]
    assert parsed.raw[field] == value  # the typed text is kept to show again


def test_stored_values_read_back_exactly():
    parsed = validate(
        ai_cogs.FIELDS,
        {"currency": "EUR", "revenue": "12.50", "unit": "tokens", "price": "0.000150"},
    )
    assert parsed.stored == {
        "currency": "EUR",
        "revenue": "12.5",
        "unit": "tokens",
        "price": "0.00015",
    }
    assert validate(ai_cogs.FIELDS, parsed.stored).values["price"] == Decimal("0.00015")


def test_bar_chart_geometry_with_a_negative_value_and_reference():
    chart = bar_chart(
        "t",
        [("a", Decimal(50), "50", "good"), ("b", Decimal(-50), "-50", "bad")],
        reference=(Decimal(25), "ref"),
        ceiling=Decimal(100),
    )
    # axis -50..100 over 160 px from y=16: zero at 16 + 160 * 100/150
    assert chart.zero_y == pytest.approx(122.7, abs=0.1)
    up, down = chart.bars
    assert up.y < chart.zero_y and down.y == chart.zero_y
    assert up.height == pytest.approx(down.height, abs=0.2)
    assert chart.reference[0] == pytest.approx(16 + 160 * 75 / 150, abs=0.1)


def test_bar_chart_with_a_floor_above_zero_grows_bars_from_the_floor():
    chart = bar_chart(
        "t",
        [("a", Decimal(80), "80", "bad"), ("b", Decimal(100), "100", "good")],
        floor=Decimal(75),
    )
    # axis 75..100: the bars stand on the floor line at the bottom of the plot (16 + 160)
    assert chart.zero_y == 176.0
    assert chart.bars[1].y == 16.0 and chart.bars[1].height == 160.0
    assert chart.bars[0].height == pytest.approx(160 * 5 / 25, abs=0.1)


def test_stored_values_fast_path_matches_validation_and_refuses_garbage():
    from pitchlab.worksheets.fields import stored_values

    stored = validate(ai_cogs.FIELDS, COGS).stored
    assert stored_values(ai_cogs.FIELDS, stored) == validate(ai_cogs.FIELDS, stored).values
    assert stored_values(ai_cogs.FIELDS, stored | {"usage": "lots"}) is None
