"""Exporting a PR/FAQ draft as Markdown, a standalone HTML page, or a Word document."""

from markupsafe import Markup

from ..markdown import render_markdown
from .document import Faqs, Sections, TemplateDocument, resolve_language
from .docx_writer import build_docx
from .outline import ExportBlock, export_blocks

_NO_ANSWER = {"en": "No answer yet.", "zh": "尚未回答。"}
_HTML_LANG = {"en": "en", "zh": "zh-Hans"}

# Print-friendly and self-contained: no web fonts, no external stylesheet.
_PAGE_CSS = Markup("""
body { font-family: Georgia, "Noto Serif CJK SC", "Songti SC", "SimSun", serif;
  max-width: 44rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.55; color: #111; }
h1 { font-size: 1.8rem; line-height: 1.25; margin-bottom: 1.5rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
blockquote { margin: 0 0 0 1rem; padding-left: .8rem; border-left: 3px solid #bbb; }
pre, code { font-family: Menlo, Consolas, monospace; font-size: .9em; }
pre { white-space: pre-wrap; background: #f5f5f5; padding: .5rem; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .2rem .5rem; }
.unanswered { color: #777; font-style: italic; }
@page { margin: 2cm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; } section, .faq-item { break-inside: avoid; }
  a { color: inherit; } a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
}
""")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def to_markdown(
    template: TemplateDocument,
    draft_title: str,
    sections: Sections,
    faqs: Faqs,
    *,
    language: str,
) -> str:
    """The draft as one Markdown document: a heading per section, ### per FAQ question."""
    lang = resolve_language(language)
    lines = [f"# {_one_line(draft_title)}", ""]
    for block in export_blocks(template, sections, faqs, language=lang):
        lines += [f"## {block.title}", ""]
        if block.body:
            lines += [block.body, ""]
        for question, answer in block.questions:
            lines += [f"### {question}", "", answer or f"_{_NO_ANSWER[lang]}_", ""]
    return "\n".join(lines).rstrip() + "\n"


def _html_block(block: ExportBlock, lang: str) -> Markup:
    if block.body:
        content = render_markdown(block.body)
    else:
        content = Markup("").join(
            Markup('<div class="faq-item"><h3>{0}</h3>\n{1}</div>\n').format(
                question,
                render_markdown(answer)
                if answer
                else Markup('<p class="unanswered">{0}</p>').format(_NO_ANSWER[lang]),
            )
            for question, answer in block.questions
        )
    return Markup('<section id="{0}">\n<h2>{1}</h2>\n{2}</section>\n').format(
        block.key, block.title, content
    )


def to_html(
    template: TemplateDocument,
    draft_title: str,
    sections: Sections,
    faqs: Faqs,
    *,
    language: str,
) -> str:
    """A standalone, printable HTML page; user text is escaped or sanitized Markdown."""
    lang = resolve_language(language)
    body = Markup("").join(
        _html_block(block, lang) for block in export_blocks(template, sections, faqs, language=lang)
    )
    page = Markup(
        '<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>{title}</title>\n<style>{css}</style>\n</head>\n<body>\n<article>\n"
        "<h1>{title}</h1>\n{body}</article>\n</body>\n</html>\n"
    )
    return str(
        page.format(lang=_HTML_LANG[lang], title=_one_line(draft_title), css=_PAGE_CSS, body=body)
    )


def to_docx(
    template: TemplateDocument,
    draft_title: str,
    sections: Sections,
    faqs: Faqs,
    *,
    language: str,
) -> bytes:
    """A Word document with a heading per section; Markdown becomes paragraphs and lists."""
    lang = resolve_language(language)
    blocks = export_blocks(template, sections, faqs, language=lang)
    return build_docx(
        title=_one_line(draft_title), blocks=blocks, language=lang, no_answer=_NO_ANSWER[lang]
    )
