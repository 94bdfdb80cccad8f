import io
import re

from docx import Document

from pitchlab.paths import resource_dir
from pitchlab.prfaq.drafts import load_draft_seeds
from pitchlab.prfaq.render import to_docx, to_html, to_markdown
from pitchlab.prfaq.templates import load_template

SEEDS = resource_dir("seeds") / "prfaq"
TEMPLATE = load_template(SEEDS / "ai-product.yaml")
DRAFTS = {draft.company: draft for draft in load_draft_seeds(SEEDS / "demo-drafts.yaml")}
SCRIPT = "<script>alert(1)</script>"


def _export(render, company="Clausemint", **section_changes):
    draft = DRAFTS[company]
    sections = {**draft.sections, **section_changes}
    return render(TEMPLATE, draft.title, sections, draft.faq_dicts(), language=draft.language)


def _docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in Document(io.BytesIO(data)).paragraphs]


def test_to_markdown_keeps_sections_in_template_order():
    markdown = _export(to_markdown)

    headings = re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE)
    assert headings == [
        "Headline",
        "Sub-headline",
        "Dateline and summary",
        "Problem",
        "Solution",
        "Company quote",
        "Getting started",
        "Customer quote",
        "Call to action",
        "External FAQ (customers)",
        "Internal FAQ (stakeholders)",
    ]
    assert markdown.startswith("# Clausemint launch PR/FAQ\n")
    assert "### How much does Clausemint cost?\n\n£450 per lawyer per month" in markdown


def test_to_markdown_skips_empty_sections_and_marks_unanswered_questions():
    markdown = _export(to_markdown, company="Dreamreel Labs")

    assert "## Getting started" not in markdown
    assert "### How much will the next training run cost?\n\n_No answer yet._" in markdown


def test_to_html_escapes_script_in_sections_and_title():
    draft = DRAFTS["Clausemint"]
    sections = {**draft.sections, "problem": f"Reviews are slow.\n\n{SCRIPT}"}

    html = to_html(TEMPLATE, f"Launch {SCRIPT}", sections, draft.faq_dicts(), language="en")

    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<title>Launch &lt;script&gt;" in html


def test_to_html_is_a_standalone_printable_page():
    html = _export(to_html, company="栖语智能")

    assert html.startswith("<!doctype html>")
    assert '<html lang="zh-Hans">' in html
    assert "@media print" in html
    assert not re.search(r"<link|<script|src=|@import", html)
    assert "<h2>解决方案</h2>" in html
    assert "<h3>多少钱？怎么计费？</h3>" in html


def test_to_html_renders_markdown_formatting():
    html = _export(to_html, solution="- **Fast** review\n- Cited clauses")

    assert "<li><strong>Fast</strong> review</li>" in html


def test_to_docx_has_headings_and_text():
    paragraphs = _docx_paragraphs(_export(to_docx, company="栖语智能"))

    assert paragraphs[0] == ("Title", "栖语智能客服助手发布稿")
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings[:3] == ["标题", "副标题", "时间地点与摘要"]
    assert headings[-2:] == ["外部 FAQ（客户）", "内部 FAQ（利益相关方）"]
    assert ("Heading 2", "多少钱？怎么计费？") in paragraphs
    assert any("人工客服工时下降 45%" in text for _, text in paragraphs)


def test_to_docx_reduces_markdown_and_keeps_html_as_text():
    body = f"Intro with **bold**.\n\n- first point\n- second point\n\n{SCRIPT}"

    paragraphs = _docx_paragraphs(_export(to_docx, solution=body))

    assert ("Normal", "Intro with bold.") in paragraphs
    assert ("List Bullet", "first point") in paragraphs
    assert ("Normal", SCRIPT) in paragraphs
