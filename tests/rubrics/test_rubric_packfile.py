"""Pack files: a valid one parses and round-trips; each broken one gets a precise error."""

import copy
import json
from pathlib import Path

import pytest

from pitchlab.rubrics.packfile import (
    PackError,
    PackFile,
    dump_pack,
    load_pack_file,
    parse_pack,
    seed_pack_paths,
)

SOURCE = "pack.yaml"


def bilingual(word: str) -> dict:
    return {"en": f"{word} (en)", "zh": f"{word}（中文）"}


def criterion(key: str, *, weight: float = 1) -> dict:
    return {
        "key": key,
        "title": bilingual(f"{key} title"),
        "question": bilingual(f"{key} question"),
        "weight": weight,
        "na_allowed": False,
        "levels": {level: bilingual(f"{key} level {level}") for level in range(1, 6)},
        "evidence": {"en": ["a deck slide"], "zh": ["一页路演材料"]},
        "source": {
            "section": bilingual("01"),
            "quote": "质量好与坏很难保证",
            "reference": "Sculley et al., 2015",
        },
    }


def minimal_pack() -> dict:
    return {
        "key": "problem-space",
        "version": 1,
        "kind": "core",
        "title": bilingual("Problem space"),
        "summary": bilingual("What problem"),
        "source": bilingual("Interview section 01"),
        "scale": {"min": 1, "max": 5},
        "criteria": [criterion("problem-clarity", weight=2), criterion("pain-severity")],
    }


def calculator() -> dict:
    return {
        "reference_model_share": 0.05,
        "components": [
            {"key": "ml-code", "is_model": True, "title": bilingual("ML code")},
            {"key": "data-collection", "title": bilingual("Data collection")},
        ],
        "bands": [
            {"company_type": kind, "stage_group": group, "low": 0.1, "high": 0.4}
            for kind in ("api-wrapper", "fine-tuner", "model-builder")
            for group in ("early", "later")
        ],
    }


def errors_of(data: object) -> list[str]:
    pack, errors = parse_pack(data, source=SOURCE)
    assert pack is None
    return [str(error) for error in errors]


def test_parse_minimal_pack_gives_pack_and_no_errors():
    pack, errors = parse_pack(minimal_pack(), source=SOURCE)
    assert errors == []
    assert isinstance(pack, PackFile)
    assert pack.criterion("problem-clarity").weight == 2
    assert pack.criterion("pain-severity").levels[3].zh == "pain-severity level 3（中文）"
    with pytest.raises(KeyError, match="no-such"):
        pack.criterion("no-such")


def test_dump_then_load_gives_equal_pack(tmp_path: Path):
    data = minimal_pack() | {
        "kind": "preset",
        "valuation": {
            "method": "payne",
            "currency": "USD",
            "average_pre_money": 2_000_000,
            "level_multipliers": {1: 0.5, 2: 0.75, 3: 1.0, 4: 1.25, 5: 1.5},
        },
    }
    data["calculator"] = calculator()
    pack, _ = parse_pack(data, source=SOURCE)
    path = tmp_path / "pack.yaml"
    path.write_text(dump_pack(pack), encoding="utf-8")
    loaded, errors = load_pack_file(path)
    assert errors == []
    assert loaded == pack


def test_dump_keeps_readable_key_order_and_chinese():
    pack, _ = parse_pack(minimal_pack(), source=SOURCE)
    text = dump_pack(pack)
    top_keys = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert top_keys == ["key", "version", "kind", "title", "summary", "source", "scale", "criteria"]
    assert "（中文）" in text
    assert "weight: 2\n" in text


def test_load_json_pack(tmp_path: Path):
    path = tmp_path / "pack.json"
    path.write_text(json.dumps(minimal_pack(), ensure_ascii=False), encoding="utf-8")
    pack, errors = load_pack_file(path)
    assert errors == []
    assert pack.criterion("problem-clarity").levels[5].en == "problem-clarity level 5 (en)"


def test_parse_missing_level_names_level_and_scale():
    data = minimal_pack()
    del data["criteria"][1]["levels"][3]
    assert errors_of(data) == [
        "pack.yaml: criteria[pain-severity].levels: "
        "level 3 is missing (scale 1-5 needs every level)"
    ]


def test_parse_level_outside_scale_names_level():
    data = minimal_pack()
    data["criteria"][0]["levels"][7] = bilingual("seven")
    assert errors_of(data) == [
        "pack.yaml: criteria[problem-clarity].levels.7: level 7 is outside the scale 1-5"
    ]


@pytest.mark.parametrize("weight", [0, -1])
def test_parse_non_positive_weight_names_weight(weight: int):
    data = minimal_pack()
    data["criteria"][0]["weight"] = weight
    assert errors_of(data) == [
        f"pack.yaml: criteria[problem-clarity].weight: weight must be positive, got {weight}"
    ]


def test_parse_duplicate_criterion_key_names_second_entry():
    data = minimal_pack()
    data["criteria"].append(criterion("pain-severity"))
    assert errors_of(data) == [
        "pack.yaml: criteria[2].key: duplicate criterion key 'pain-severity'"
    ]


def test_parse_missing_translation_names_language():
    data = minimal_pack()
    del data["criteria"][0]["levels"][4]["zh"]
    data["criteria"][1]["question"]["en"] = "  "
    assert errors_of(data) == [
        "pack.yaml: criteria[problem-clarity].levels.4.zh: missing Chinese translation",
        "pack.yaml: criteria[pain-severity].question.en: English text is empty",
    ]


def test_parse_empty_evidence_and_missing_section():
    data = minimal_pack()
    data["criteria"][0]["evidence"]["zh"] = []
    del data["criteria"][0]["source"]["section"]
    assert errors_of(data) == [
        "pack.yaml: criteria[problem-clarity].evidence.zh: Chinese list is empty",
        "pack.yaml: criteria[problem-clarity].source.section: required field is missing",
    ]


def test_parse_bad_key_kind_and_scale():
    data = minimal_pack() | {"key": "Problem_Space", "kind": "extra", "scale": {"min": 5, "max": 1}}
    assert errors_of(data) == [
        "pack.yaml: key: "
        "key must be a lowercase-kebab key like 'problem-clarity', got 'Problem_Space'",
        "pack.yaml: kind: kind must be one of 'core', 'further' or 'preset', got 'extra'",
        "pack.yaml: scale.max: scale max must be above min, got 5-1",
    ]


def test_parse_unknown_field_is_refused():
    data = minimal_pack()
    data["criteria"][0]["wieght"] = 3
    assert errors_of(data) == [
        "pack.yaml: criteria[problem-clarity].wieght: unknown field (check the spelling)"
    ]


def test_parse_calculator_needs_one_model_and_unique_components():
    data = minimal_pack() | {"calculator": calculator()}
    data["calculator"]["components"][1] |= {"key": "ml-code", "is_model": True}
    assert errors_of(data) == [
        "pack.yaml: calculator.components[1].key: duplicate component key 'ml-code'",
        "pack.yaml: calculator.components: exactly one component needs is_model: true, found 2",
    ]


def test_parse_gate_and_applies_unless(tmp_path: Path):
    data = minimal_pack() | {"applies_unless": {"model_strategy": ["no-ml"]}}
    data["criteria"][0]["gate"] = {"threshold": 1}
    pack, errors = parse_pack(data, source=SOURCE)
    assert errors == []
    assert pack.criteria[0].gate.threshold == 1
    path = tmp_path / "pack.yaml"
    path.write_text(dump_pack(pack), encoding="utf-8")
    assert load_pack_file(path) == (pack, [])


def test_parse_gate_must_leave_a_level_above_it():
    data = minimal_pack()
    data["criteria"][0]["gate"] = {"threshold": 5}
    problems = errors_of(data)
    assert any("gate.threshold: gate threshold must be from 1 to 4" in p for p in problems)
    unknown = minimal_pack() | {"applies_unless": {"model_strategy": ["no-llm"]}}
    assert any("applies_unless.model_strategy" in p for p in errors_of(unknown))


def test_parse_valuation_checks_method_fields():
    berkus = minimal_pack() | {
        "kind": "preset",
        "valuation": {"method": "berkus", "currency": "usd"},
    }
    unknown = minimal_pack() | {"kind": "preset", "valuation": {"method": "vc-method"}}
    payne = minimal_pack() | {
        "valuation": {
            "method": "payne",
            "currency": "USD",
            "average_pre_money": 1,
            "level_multipliers": {1: 1},
        }
    }
    assert errors_of(berkus) == [
        "pack.yaml: valuation.currency: "
        "currency must be a three-letter currency code like 'USD', got 'usd'",
        "pack.yaml: valuation.max_per_criterion: required field is missing",
    ]
    assert errors_of(unknown) == [
        "pack.yaml: valuation.method: method must be one of 'payne', 'berkus', got 'vc-method'"
    ]
    assert errors_of(payne)[:2] == [
        "pack.yaml: valuation: only preset packs have a valuation, this one is core",
        "pack.yaml: valuation.level_multipliers: level 2 is missing (scale 1-5 needs every level)",
    ]


@pytest.mark.parametrize(
    "data, found", [([1, 2], "a list"), ("text", "a string"), (None, "nothing")]
)
def test_parse_wrong_top_level_type(data: object, found: str):
    errors = errors_of(data)
    assert len(errors) == 1
    assert errors[0].startswith(
        f"pack.yaml: the top level must be a mapping of pack fields, got {found}"
    )


def test_load_bad_yaml_reports_line(tmp_path: Path):
    path = tmp_path / "broken.yaml"
    path.write_text("key: problem-space\nversion: 1\ntitle: {en: 'x', zh: 'y'\nkind: core\n")
    pack, errors = load_pack_file(path)
    assert pack is None
    assert len(errors) == 1
    assert errors[0].field == "line 4"
    assert str(errors[0]).startswith(f"{path}: line 4: invalid YAML: ")


def test_load_repeated_yaml_key_is_an_error(tmp_path: Path):
    path = tmp_path / "repeated.yaml"
    path.write_text("levels:\n  1: a\n  3: b\n  3: c\n")
    _, errors = load_pack_file(path)
    assert errors == [PackError(str(path), "line 4", "invalid YAML: duplicate key 3")]


def test_load_empty_file_is_wrong_top_level(tmp_path: Path):
    path = tmp_path / "empty.yaml"
    path.write_text("")
    _, errors = load_pack_file(path)
    assert [error.problem for error in errors] == [
        "the top level must be a mapping of pack fields, got nothing (the file is empty)"
    ]


def test_seed_pack_paths_lists_yaml_only_sorted(tmp_path: Path):
    rubrics = tmp_path / "rubrics"
    rubrics.mkdir()
    for name in ["b.yaml", "a.yaml", "README.md"]:
        (rubrics / name).write_text("")
    assert [path.name for path in seed_pack_paths(tmp_path)] == ["a.yaml", "b.yaml"]


def test_parse_does_not_change_its_input():
    data = minimal_pack()
    before = copy.deepcopy(data)
    parse_pack(data, source=SOURCE)
    assert data == before


def test_load_bad_json_reports_line(tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "key": "problem-space",\n  "version": 1,,\n}\n')
    _, errors = load_pack_file(path)
    assert [(error.field, error.problem) for error in errors] == [
        ("line 3", "invalid JSON: Expecting property name enclosed in double quotes")
    ]


def test_load_missing_file_is_an_error(tmp_path: Path):
    _, errors = load_pack_file(tmp_path / "absent.yaml")
    assert [error.problem for error in errors] == [
        "cannot read the file: No such file or directory"
    ]
