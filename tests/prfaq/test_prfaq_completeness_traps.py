"""Issue 15: the completeness check is not fooled by keywords that only look like the topic."""

from pitchlab.paths import resource_dir
from pitchlab.prfaq.completeness import check_completeness
from pitchlab.prfaq.drafts import load_draft_seeds
from pitchlab.prfaq.templates import load_template

SEEDS = resource_dir("seeds") / "prfaq"
AI = load_template(SEEDS / "ai-product.yaml")
DRAFTS = {draft.company: draft for draft in load_draft_seeds(SEEDS / "demo-drafts.yaml")}
GOOD_EN, GOOD_ZH = DRAFTS["Clausemint"], DRAFTS["栖语智能"]


def _findings(draft, *, sections=None, faqs=None):
    merged = {**draft.sections, **(sections or {})}
    return check_completeness(AI, merged, faqs or draft.faq_dicts(), language=draft.language)


def _kinds(findings) -> set[tuple[str, str]]:
    return {(finding.part, finding.kind) for finding in findings}


def _topics(findings, part) -> set[str]:
    return {f.topic for f in findings if f.kind == "missing-topic" and f.part == part}


def test_a_dateline_is_not_a_measurable_benefit():
    sections = {
        "sub-headline": "General counsel at mid-size companies review contracts faster and safer.",
        "summary": "London, 3 March 2025 — Clausemint today opened its review copilot to "
        "in-house legal teams, built on GPT-4 class models, to make first-pass review easier.",
        "solution": "Clausemint reads each contract against the team's playbook and flags clauses.",
    }
    assert ("sub-headline", "no-number") in _kinds(_findings(GOOD_EN, sections=sections))
    # The same text with a real quantity passes.
    sections["solution"] += " Review time fell from 45 to 14 minutes."
    assert ("sub-headline", "no-number") not in _kinds(_findings(GOOD_EN, sections=sections))


def test_a_chinese_dateline_is_not_a_measurable_benefit():
    sections = {
        "sub-headline": "面向跨境电商卖家的客服助手，夜间咨询有人回复。",
        "summary": "深圳，2025年4月8日——栖语智能今天发布三语客服助手，帮助卖家更快回复买家。",
        "solution": "助手接入店铺后台和物流系统，用买家的语言回答问题。",
    }
    assert ("sub-headline", "no-number") in _kinds(_findings(GOOD_ZH, sections=sections))


def test_team_is_not_a_customer():
    sections = {
        "sub-headline": "Our team built the fastest way to write copy with AI, 3 times faster.",
        "summary": "Berlin, launch day. The team behind Blurbcraft shipped a new model today.",
    }
    assert ("sub-headline", "no-customer") in _kinds(_findings(GOOD_EN, sections=sections))
    chinese = {
        "sub-headline": "我们团队打造了最快的 AI 写作方式，效率提升 3 倍。",
        "summary": "深圳，发布日。团队今天发布了新模型。",
    }
    assert ("sub-headline", "no-customer") in _kinds(_findings(GOOD_ZH, sections=chinese))


def test_yuan_inside_duoyuan_is_not_a_price():
    faqs = GOOD_ZH.faq_dicts()
    faqs["external"] = [
        {"question": "你们提供哪些服务？", "answer": "我们提供多元化的服务，支持三种语言。"},
        {"question": "我的数据存在哪里？", "answer": "单独存储，可以私有化部署。"},
    ]
    assert "price" in _topics(_findings(GOOD_ZH, faqs=faqs), "faq.external")
    faqs["external"][0]["answer"] += "基础版每月 1999 元。"
    assert "price" not in _topics(_findings(GOOD_ZH, faqs=faqs), "faq.external")


def test_second_as_an_ordinal_is_not_latency():
    faqs = GOOD_EN.faq_dicts()
    faqs["internal"] = [
        entry
        for entry in faqs["internal"]
        if "fast" not in entry["question"] and "latency" not in entry["answer"]
    ]
    faqs["internal"].append(
        {"question": "Do we need a second model?", "answer": "Not until the second year."}
    )
    assert "latency" in _topics(_findings(GOOD_EN, faqs=faqs), "faq.internal")
    faqs["internal"][-1]["answer"] = "No; a review takes about 40 seconds for 20 pages."
    assert "latency" not in _topics(_findings(GOOD_EN, faqs=faqs), "faq.internal")


def test_the_press_release_fits_on_one_page():
    assert ("headline", "too-long-pr") not in _kinds(_findings(GOOD_EN))
    padding = " ".join(["The lawyer still decides every clause."] * 60)
    long = _findings(GOOD_EN, sections={"problem": GOOD_EN.sections["problem"] + " " + padding})
    page = [f for f in long if f.kind == "too-long-pr"]
    assert [f.part for f in page] == ["headline"]
    assert (
        page[0].message.startswith("The press release has ") and "(600 at most)" in page[0].message
    )


def test_the_ai_template_asks_the_reviewed_questions():
    prompts = " ".join(AI.faq.internal.prompts.en)
    for asked in (
        "evaluation set",
        "acceptance bar",
        "no AI at all",
        "human review cost",
        "next base model",
        "model provider is down",
        "prompt injection",
        "one customer's data",
        "77-token",
        "edge devices",
        "multimodal",
        "why might we fail",
    ):
        assert asked in prompts, asked
    assert len(AI.faq.internal.prompts.en) == len(AI.faq.internal.prompts.zh)
    assert {"evaluation", "security", "next-model"} <= set(AI.faq.internal.required_topics)
