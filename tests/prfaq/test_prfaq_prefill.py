from pitchlab.paths import resource_dir
from pitchlab.prfaq.prefill import fill_pattern, prefill_sections
from pitchlab.prfaq.templates import load_template

TEMPLATE = load_template(resource_dir("seeds") / "prfaq" / "working-backwards.yaml")
COMPANY = {
    "name": "Clausemint",
    "one_liner": "A contract-review copilot for in-house legal teams.",
    "website": "https://clausemint.example",
    "location": "London, UK",
    "founders": "Priya Raman (CEO), Daniel Osei (CTO)",
    "customers": "General counsel at companies with 2 to 20 lawyers",
    "tags": ["llm", "legal"],
    "notes": "Private: we think the valuation is too high.",
}


def test_prefill_sections_fills_fields_and_patterns_in_english():
    filled = prefill_sections(TEMPLATE, COMPANY, language="en")

    assert list(filled) == TEMPLATE.section_keys()
    assert filled["headline"] == "Clausemint"
    assert filled["sub-headline"] == COMPANY["one_liner"]
    assert filled["summary"] == (
        "London, UK, launch day. Clausemint: A contract-review copilot for in-house legal teams."
    )
    assert filled["getting-started"] == "Start at https://clausemint.example."
    assert filled["solution"] == ""


def test_prefill_sections_uses_chinese_patterns():
    filled = prefill_sections(TEMPLATE, COMPANY, language="zh-CN")

    assert filled["getting-started"] == "访问 https://clausemint.example 开始使用。"
    assert filled["summary"].startswith("London, UK，发布日。Clausemint：")


def test_prefill_sections_never_copies_private_notes():
    filled = prefill_sections(TEMPLATE, COMPANY, language="en")

    assert not any("valuation" in text for text in filled.values())


def test_prefill_sections_empty_company_gives_empty_texts():
    filled = prefill_sections(TEMPLATE, {}, language="en")

    assert set(filled.values()) == {""}


def test_fill_pattern_drops_punctuation_left_by_an_empty_field():
    company = {"name": "Clausemint", "one_liner": "Contract review."}

    assert fill_pattern("{location}, launch day. {name}", company) == "launch day. Clausemint"
    assert fill_pattern("{location}，发布日。{name}", company) == "发布日。Clausemint"


def test_fill_pattern_joins_lists_and_ignores_format_tricks():
    assert fill_pattern("tags: {tags}", COMPANY) == "tags: llm, legal"
    assert fill_pattern("{name.__class__}", COMPANY) == ""
