import copy

import pytest
import yaml

from pitchlab.paths import resource_dir
from pitchlab.prfaq.document import TemplateDocument
from pitchlab.prfaq.templates import TemplateInvalid, load_template, validate_template

PRFAQ_SEEDS = resource_dir("seeds") / "prfaq"
TEMPLATE_KEYS = ["working-backwards", "ai-product"]
SOURCE = "broken.yaml"


def _seed_data(key: str) -> dict:
    return yaml.safe_load((PRFAQ_SEEDS / f"{key}.yaml").read_text(encoding="utf-8"))


def _problems(data: dict) -> dict[str, str]:
    return {error.path: error.problem for error in validate_template(data, source=SOURCE)}


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_load_template_seed_passes(key):
    template = load_template(PRFAQ_SEEDS / f"{key}.yaml")

    assert template.key == key
    assert validate_template(_seed_data(key), source=key) == []
    assert template.section_keys() == [
        "headline",
        "sub-headline",
        "summary",
        "problem",
        "solution",
        "company-quote",
        "getting-started",
        "customer-quote",
        "call-to-action",
    ]


def test_ai_template_internal_faq_requires_ai_topics():
    template = load_template(PRFAQ_SEEDS / "ai-product.yaml")

    required = set(template.faq.internal.required_topics)

    assert {
        "cost",
        "latency",
        "data",
        "dependencies",
        "limits",
        "components",
        "open-closed",
    } <= required
    assert "Sculley" in (template.topics["components"].reference or "")


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_template_document_roundtrips_through_json(key):
    # The app stores the validated document as JSON and must be able to read it back.
    template = load_template(PRFAQ_SEEDS / f"{key}.yaml")

    stored = template.model_dump(mode="json")

    assert validate_template(stored, source="database") == []
    assert TemplateDocument.model_validate(stored) == template


def test_validate_template_missing_translation_names_path():
    data = _seed_data("working-backwards")
    del data["sections"][2]["title"]["zh"]

    assert _problems(data) == {"sections[2](summary).title.zh": "missing translation (zh)"}


def test_validate_template_empty_translation_is_an_error():
    data = _seed_data("working-backwards")
    data["faq"]["internal"]["guidance"]["en"] = "   "

    assert _problems(data) == {"faq.internal.guidance.en": "empty translation (en)"}


def test_validate_template_semantic_errors_are_precise():
    data = _seed_data("working-backwards")
    data["sections"][1]["key"] = "problem"
    data["sections"][4]["min_words"] = 500
    data["sections"][0]["prefill"] = "{company_name}"
    data["faq"]["internal"]["required_topics"].append("pricing")
    data["sections"][6]["prompts"]["zh"].pop()

    problems = _problems(data)

    assert problems["sections[3](problem).key"] == "duplicate section key 'problem'"
    assert problems["sections[4](solution).min_words.en"] == "min_words 500 > max_words 200"
    assert problems["sections[4](solution).min_words.zh"] == "min_words 500 > max_words 400"
    assert problems["sections[0](headline).prefill"].startswith(
        "unknown company field 'company_name'"
    )
    assert problems["faq.internal.required_topics[3]"].startswith(
        "unknown required topic 'pricing'"
    )
    assert "missing translation" in problems["sections[6](getting-started).prompts"]
    assert problems["customer_sections[0]"] == "unknown section 'sub-headline'"


def test_validate_template_type_errors_name_field_and_value():
    data = _seed_data("ai-product")
    data["sections"][3]["max_words"] = "lots"
    data["sections"][0]["titel"] = {"en": "x", "zh": "x"}
    data["version"] = 0

    problems = _problems(data)

    assert "got 'lots'" in problems["sections[3](problem).max_words"]
    assert problems["sections[0](headline).titel"] == "unknown field (check the spelling)"
    assert problems["version"].startswith("Input should be greater than or equal to 1")


def test_load_template_raises_with_file_name(tmp_path):
    data = copy.deepcopy(_seed_data("ai-product"))
    data["faq"]["external"]["required_topics"] = ["price", "weather"]
    path = tmp_path / "custom.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    with pytest.raises(TemplateInvalid) as raised:
        load_template(path)

    assert str(raised.value).startswith(
        f"{path}: faq.external.required_topics[1]: unknown required topic 'weather'"
    )


def test_load_template_reports_broken_yaml(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("key: x\nsections: [\n", encoding="utf-8")

    with pytest.raises(TemplateInvalid) as raised:
        load_template(path)

    assert "not valid YAML" in str(raised.value)
