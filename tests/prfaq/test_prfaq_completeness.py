import pytest

from pitchlab.paths import resource_dir
from pitchlab.prfaq.completeness import check_completeness
from pitchlab.prfaq.drafts import load_draft_seeds
from pitchlab.prfaq.templates import load_template

SEEDS = resource_dir("seeds") / "prfaq"
TEMPLATES = {
    key: load_template(SEEDS / f"{key}.yaml") for key in ("working-backwards", "ai-product")
}
DRAFTS = {draft.company: draft for draft in load_draft_seeds(SEEDS / "demo-drafts.yaml")}


def _check(draft, **changes):
    sections = {**draft.sections, **changes.get("sections", {})}
    faqs = changes.get("faqs", draft.faq_dicts())
    language = changes.get("language", draft.language)
    return check_completeness(TEMPLATES[draft.template], sections, faqs, language=language)


def _kinds(findings) -> set[tuple[str, str]]:
    return {(finding.part, finding.kind) for finding in findings}


@pytest.mark.parametrize("company", ["Clausemint", "栖语智能"])
def test_check_completeness_good_draft_has_no_findings(company):
    assert _check(DRAFTS[company]) == []


def test_check_completeness_weak_english_draft_lists_gaps():
    findings = _check(DRAFTS["Blurbcraft"])

    assert {
        ("problem", "empty"),
        ("company-quote", "empty"),
        ("customer-quote", "empty"),
        ("summary", "too-short"),
        ("sub-headline", "no-customer"),
        ("sub-headline", "no-number"),
    } <= _kinds(findings)
    messages = {finding.message for finding in findings}
    assert "External FAQ (customers) does not address Price." in messages
    assert "Internal FAQ (stakeholders) does not address Cost and margin." in messages
    assert "Internal FAQ (stakeholders) does not address Dependencies." in messages
    assert (
        "External FAQ (customers): the question “Can I edit the generated copy?” has no answer."
        in messages
    )
    assert {f.topic for f in findings if f.kind == "missing-topic"} == {
        "price",
        "data",
        "cost",
        "dependencies",
        "risk",
    }
    assert {f.severity for f in findings if f.kind == "empty"} == {"missing"}
    assert {f.severity for f in findings if f.kind == "no-number"} == {"weak"}


def test_check_completeness_model_demo_draft_misses_ai_questions():
    findings = _check(DRAFTS["Dreamreel Labs"])

    missing_topics = {f.message for f in findings if f.part == "faq.internal"}
    assert "Internal FAQ (stakeholders) does not address What the model is not good at." in (
        missing_topics
    )
    assert "Internal FAQ (stakeholders) does not address Components around the model." in (
        missing_topics
    )
    unanswered = [f for f in findings if f.kind == "unanswered"]
    assert [(f.part, f.item) for f in unanswered] == [("faq.internal", 1)]


def test_check_completeness_weak_chinese_draft_reports_in_chinese():
    draft = DRAFTS["栖语智能"]
    weak = {
        "sub-headline": "让服务更轻松，体验更好。",
        "summary": "栖语智能推出全新智能助手，基于领先的大模型技术，开启服务新时代。",
        "solution": "",
    }
    faqs = {
        "external": [{"question": "支持哪些语言？", "answer": "中文、英文和西班牙语。"}],
        "internal": [{"question": "市场有多大？", "answer": ""}],
    }

    findings = _check(draft, sections=weak, faqs=faqs)

    messages = {finding.message for finding in findings}
    assert "“解决方案”还是空的。" in messages
    assert "“副标题、时间地点与摘要”中没有点明客户：写清楚谁购买或使用它。" in messages
    assert "“外部 FAQ（客户）”没有涉及“价格”。" in messages
    assert "“内部 FAQ（利益相关方）”没有涉及“推理与训练成本”。" in messages
    assert "“内部 FAQ（利益相关方）”：问题“市场有多大？”还没有回答。" in messages
    assert ("sub-headline", "no-number") in _kinds(findings)


def test_check_completeness_counts_chinese_characters_for_length():
    draft = DRAFTS["栖语智能"]

    findings = _check(draft, sections={"problem": "夜里没人回复。"})

    assert [(f.part, f.kind, f.message) for f in findings] == [
        ("problem", "too-short", "“问题”只有 6 字，建议 70–400 字。")
    ]


def test_check_completeness_empty_draft_lists_every_section_and_faq():
    template = TEMPLATES["working-backwards"]

    findings = check_completeness(template, {}, {}, language="en")

    assert [f.part for f in findings if f.kind == "empty"] == template.section_keys()
    assert ("faq.external", "no-questions") in _kinds(findings)
    # No customer or number finding on top of "empty": there is no text to judge yet.
    assert not {"no-customer", "no-number"} & {f.kind for f in findings}
