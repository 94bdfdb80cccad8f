"""Every rubric pack shipped in seeds/rubrics passes the validator and is complete."""

from pathlib import Path

import pytest

from pitchlab.rubrics.packfile import PackFile, load_pack_file, seed_pack_paths

SEEDS_DIR = Path(__file__).parents[2] / "seeds"
EXPECTED_PACKS = {
    "problem-space",
    "open-closed-moat",
    "prfaq-quality",
    "technical-debt",
    "data-centric-ai",
    "scale-compute-economics",
    "deployment-efficiency",
    "multimodal-roi",
    "model-limits-risk",
    "payne-scorecard",
    "berkus",
}
# Issue 15 added criteria for the review's coverage gaps: a core pack now has up to 11.
CRITERIA_COUNT_BY_KIND = {"core": range(5, 13), "further": range(4, 11), "preset": range(4, 9)}
SEED_PATHS = seed_pack_paths(SEEDS_DIR)


def load_seed(path: Path) -> PackFile:
    pack, errors = load_pack_file(path)
    assert errors == [], "\n".join(str(error) for error in errors)
    return pack


@pytest.mark.parametrize("path", SEED_PATHS, ids=[path.stem for path in SEED_PATHS])
def test_seed_pack_loads_without_errors(path: Path):
    pack = load_seed(path)
    assert pack.key == path.stem


@pytest.mark.parametrize("path", SEED_PATHS, ids=[path.stem for path in SEED_PATHS])
def test_seed_pack_criteria_are_complete(path: Path):
    pack = load_seed(path)
    levels = set(range(pack.scale.min, pack.scale.max + 1))
    for criterion in pack.criteria:
        assert criterion.question.en and criterion.question.zh, criterion.key
        assert set(criterion.levels) == levels, criterion.key
        assert all(text.en and text.zh for text in criterion.levels.values()), criterion.key
        assert criterion.weight > 0, criterion.key
        assert criterion.source.section.en and criterion.source.section.zh, criterion.key
    assert len(pack.criteria) in CRITERIA_COUNT_BY_KIND[pack.kind]


def test_seed_packs_include_every_expected_pack_once():
    keys = [load_seed(path).key for path in SEED_PATHS]
    assert len(keys) == len(set(keys))
    assert EXPECTED_PACKS - set(keys) == set()


def test_seed_technical_debt_pack_has_calculator_with_one_model():
    pack = load_seed(SEEDS_DIR / "rubrics" / "technical-debt.yaml")
    assert pack.calculator is not None
    assert [c.key for c in pack.calculator.components if c.is_model] == [
        pack.calculator.model_component.key
    ]


@pytest.mark.parametrize("key, method", [("payne-scorecard", "payne"), ("berkus", "berkus")])
def test_seed_valuation_presets_have_their_method(key: str, method: str):
    pack = load_seed(SEEDS_DIR / "rubrics" / f"{key}.yaml")
    assert pack.kind == "preset"
    assert pack.valuation is not None and pack.valuation.method == method
