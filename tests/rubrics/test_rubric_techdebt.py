"""The technical-debt maturity map: component states, the model's share against its band, and
the model-effort-share level the map supports (issue 15)."""

import re

import pytest

from pitchlab.paths import resource_dir
from pitchlab.rubrics.packfile import Calculator, load_pack_file
from pitchlab.rubrics.techdebt import (
    ABOVE,
    BELOW,
    WITHIN,
    assess_system,
    company_band,
    model_share,
    share_reading,
    suggested_level,
)

TITLE = {"en": "x", "zh": "x"}
COMPONENTS = [
    {"key": "ml-code", "is_model": True, "title": TITLE},
    {"key": "data-collection", "title": TITLE},
    {"key": "data-verification", "title": TITLE},
    {"key": "serving-infrastructure", "title": TITLE},
    {"key": "monitoring", "title": TITLE},
    {"key": "evaluation-harness", "llm": True, "title": TITLE},
    {"key": "retrieval-index", "llm": True, "title": TITLE},
]
BANDS = [
    {"company_type": kind, "stage_group": group, "low": low, "high": high}
    for kind, group, low, high in [
        ("api-wrapper", "early", 0.05, 0.30),
        ("api-wrapper", "later", 0.02, 0.15),
        ("fine-tuner", "early", 0.10, 0.40),
        ("fine-tuner", "later", 0.05, 0.25),
        ("model-builder", "early", 0.30, 0.80),
        ("model-builder", "later", 0.20, 0.60),
    ]
]
CALCULATOR = Calculator.model_validate(
    {"reference_model_share": 0.05, "components": COMPONENTS, "bands": BANDS}
)
AROUND = [c["key"] for c in COMPONENTS[1:]]


def _map(states: dict, owner: str = "Ana") -> dict:
    return {key: {"state": state, "owner": owner} for key, state in states.items()}


def test_model_share_of_hand_computed_plan():
    assert model_share({"ml-code": 5, "data-collection": 45, "serving": 50}) == 0.05
    assert model_share({}) is None


def test_band_follows_company_type_and_stage():
    band = company_band(CALCULATOR, model_strategy="fine-tuned-open", stage="seed")
    assert (band.low, band.high) == (0.10, 0.40)
    band = company_band(CALCULATOR, model_strategy="own-closed", stage="series-b")
    assert (band.low, band.high) == (0.20, 0.60)
    assert company_band(CALCULATOR, model_strategy="no-ml", stage="seed") is None


def test_review_plans_read_against_their_bands():
    # The domain review's plans: each is read for its own kind of company and stage.
    seed_fine_tuner = company_band(CALCULATOR, model_strategy="fine-tuned-open", stage="seed")
    assert share_reading(0.12, seed_fine_tuner) == WITHIN  # was "model-heavy"
    assert share_reading(0.40, seed_fine_tuner) == WITHIN  # 2 of 5 engineers on the model
    lab = company_band(CALCULATOR, model_strategy="own-open-weights", stage="seed")
    assert share_reading(0.80, lab) == WITHIN  # a model builder is not "a demo" for it
    wrapper = company_band(CALCULATOR, model_strategy="closed-api-wrapper", stage="series-a")
    assert share_reading(0.0, wrapper) == BELOW  # no longer "balanced" by default
    assert share_reading(0.16, wrapper) == ABOVE


@pytest.mark.parametrize(
    ("states", "owner", "reading", "level"),
    [
        # Nothing around the model runs on its own.
        (dict.fromkeys(AROUND, "manual"), "Ana", None, 1),
        # Data collection automated, monitoring still manual.
        (dict.fromkeys(AROUND, "manual") | {"data-collection": "automated"}, "Ana", None, 2),
        # Core automated, but the share is above the band: capped at 2.
        (dict.fromkeys(AROUND, "automated"), "Ana", ABOVE, 2),
        # Core automated, 3 of 6 needed running (< 2/3).
        (
            dict.fromkeys(AROUND, "manual")
            | dict.fromkeys(
                ["serving-infrastructure", "monitoring", "evaluation-harness"], "automated"
            ),
            "Ana",
            WITHIN,
            3,
        ),
        # 4 of 5 needed running (retrieval not needed), owned, eval gated: 4.
        (
            {
                "data-collection": "automated",
                "data-verification": "manual",
                "serving-infrastructure": "automated",
                "monitoring": "automated",
                "evaluation-harness": "gated",
                "retrieval-index": "not-needed",
            },
            "Ana",
            WITHIN,
            4,
        ),
        # Same, but nobody owns them: back to 3.
        (
            {
                "data-collection": "automated",
                "data-verification": "manual",
                "serving-infrastructure": "automated",
                "monitoring": "automated",
                "evaluation-harness": "gated",
                "retrieval-index": "not-needed",
            },
            "",
            WITHIN,
            3,
        ),
        # Everything needed running and owned, eval and data checks gated, share unknown: 5.
        (
            dict.fromkeys(AROUND, "automated")
            | {"evaluation-harness": "gated", "data-verification": "gated"},
            "Ana",
            None,
            5,
        ),
    ],
)
def test_suggested_level_follows_the_criterions_rules(states, owner, reading, level):
    owners = dict.fromkeys(states, owner)
    assert suggested_level(states, owners, reading) == level


def test_assess_system_counts_the_map_and_reads_the_share():
    states = dict.fromkeys(AROUND, "automated") | {"retrieval-index": "not-needed"}
    band = company_band(CALCULATOR, model_strategy="fine-tuned-open", stage="seed")
    result = assess_system(
        {"ml-code": 12, "data-collection": 38, "serving-infrastructure": 50},
        _map(states) | {"monitoring": {"state": "automated", "owner": ""}},
        calculator=CALCULATOR,
        band=band,
    )
    assert (result.needed, result.running) == (5, 5)
    assert result.model_share == pytest.approx(0.12)
    assert result.reading == WITHIN
    assert result.without_owner == ["monitoring"]
    assert result.suggested_level == 3  # monitoring has no owner


def test_unknown_component_is_an_error():
    with pytest.raises(ValueError, match="unknown component"):
        assess_system({"gpu": 1}, {}, calculator=CALCULATOR, band=None)


def test_calculator_needs_a_band_for_every_type_and_stage():
    with pytest.raises(ValueError, match="no band for model-builder/later"):
        Calculator.model_validate(
            {"reference_model_share": 0.05, "components": COMPONENTS, "bands": BANDS[:-1]}
        )


def test_seeded_criterion_and_calculator_share_one_definition():
    """The criterion carries no numbers of its own: its levels are the calculator's rules, and
    the share is read only against the calculator's bands, so the two cannot contradict."""
    pack, errors = load_pack_file(resource_dir("seeds") / "rubrics" / "technical-debt.yaml")
    assert errors == []
    criterion = pack.criterion("model-effort-share")
    texts = [criterion.question.en, *(level.en for level in criterion.levels.values())]
    assert not any(re.search(r"\d+\s*%|\d+\s*-\s*\d+", text) for text in texts)
    assert "reference band" in criterion.levels[2].en and "two thirds" in criterion.levels[4].en
    assert "gated in CI" in criterion.levels[5].en
    keys = {c.key for c in pack.calculator.components}
    assert {"evaluation-harness", "retrieval-index", "guardrails", "human-review"} <= keys
    assert {"provider-fallback", "prompt-model-versioning"} <= keys
    source = criterion.source.section.en
    assert "at most 5% ML code and at least 95% glue code" in source and "not a target" in source
