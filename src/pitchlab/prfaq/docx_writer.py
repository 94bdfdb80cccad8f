"""Writing an exported draft as a Word document, with Markdown reduced to Word paragraphs.

Markdown is parsed with raw HTML switched off, so tags in a section arrive here as plain text
and are written as text; nothing is interpreted.
"""

import io
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .outline import ExportBlock
from .text import has_cjk

if TYPE_CHECKING:  # python-docx is imported on use: 7 MiB in every worker otherwise
    from docx.text.paragraph import Paragraph

SECTION_HEADING_LEVEL = 1
FAQ_QUESTION_LEVEL = 2
MAX_HEADING_LEVEL = 9
MAX_LIST_DEPTH = 3  # the default Word template has "List Bullet" to "List Bullet 3"
CODE_FONT = "Courier New"
_DOCX_LANGUAGE = {"en": "en-US", "zh": "zh-CN"}

# Word's XML refuses control characters; a pasted draft sometimes carries them.
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")


def _clean(text: str) -> str:
    return _XML_UNSAFE.sub("", text)


def _add_inline(paragraph: "Paragraph", children: Sequence[Token]) -> None:
    """Turn inline tokens into runs, keeping bold, italic, strike and code."""
    bold = italic = strike = 0
    link: str | None = None
    for token in children:
        kind = token.type
        if kind in {"strong_open", "strong_close"}:
            bold += 1 if kind.endswith("open") else -1
        elif kind in {"em_open", "em_close"}:
            italic += 1 if kind.endswith("open") else -1
        elif kind in {"s_open", "s_close"}:
            strike += 1 if kind.endswith("open") else -1
        elif kind == "link_open":
            link = str(token.attrs.get("href") or "")
        elif kind == "link_close":
            # Keep the address readable on paper: "text (https://...)".
            if link:
                paragraph.add_run(_clean(f" ({link})"))
            link = None
        elif kind == "hardbreak":
            paragraph.add_run().add_break()
        elif kind == "softbreak":
            # A line break inside a paragraph is a space in English but nothing in Chinese.
            if not has_cjk(paragraph.text[-1:]):
                paragraph.add_run(" ")
        else:
            # text, code_inline, and an image's alt text: all arrive in token.content.
            run = paragraph.add_run(_clean(token.content))
            run.bold, run.italic, run.font.strike = bold > 0, italic > 0, strike > 0
            if kind == "code_inline":
                run.font.name = CODE_FONT


def _list_style(lists: list[str]) -> str:
    depth = min(len(lists), MAX_LIST_DEPTH)
    return lists[-1] if depth == 1 else f"{lists[-1]} {depth}"


def add_markdown(document, source: str, *, base_level: int = SECTION_HEADING_LEVEL) -> None:
    """Append Markdown to the document: headings, paragraphs, lists, quotes, code, tables."""
    lists: list[str] = []
    quote_depth = 0
    heading_level: int | None = None
    row: list[str] | None = None
    for token in _parser().parse(source):
        kind = token.type
        if kind in {"bullet_list_open", "ordered_list_open"}:
            lists.append("List Bullet" if kind.startswith("bullet") else "List Number")
        elif kind in {"bullet_list_close", "ordered_list_close"}:
            lists.pop()
        elif kind in {"blockquote_open", "blockquote_close"}:
            quote_depth += 1 if kind.endswith("open") else -1
        elif kind == "heading_open":
            heading_level = min(base_level + int(token.tag[1:]), MAX_HEADING_LEVEL)
        elif kind == "heading_close":
            heading_level = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            document.add_paragraph(_clean(" | ".join(row or [])))
            row = None
        elif kind == "inline" and row is not None:
            row.append(token.content)
        elif kind == "inline":
            _add_block(document, token, lists, quote_depth, heading_level)
        elif kind in {"fence", "code_block"}:
            paragraph = document.add_paragraph()
            paragraph.add_run(_clean(token.content.rstrip("\n"))).font.name = CODE_FONT


def _add_block(
    document, token: Token, lists: list[str], quote_depth: int, heading_level: int | None
) -> None:
    if heading_level is not None:
        paragraph = document.add_heading(level=heading_level)
    elif lists:
        paragraph = document.add_paragraph(style=_list_style(lists))
    elif quote_depth:
        paragraph = document.add_paragraph(style="Quote")
    else:
        paragraph = document.add_paragraph()
    _add_inline(paragraph, token.children or [])


def build_docx(
    *, title: str, blocks: Sequence[ExportBlock], language: str, no_answer: str
) -> bytes:
    """The exported draft as .docx bytes: title, a heading per block, FAQ questions below it."""
    from docx import Document

    document = Document()
    document.core_properties.title = _clean(title)
    document.core_properties.language = _DOCX_LANGUAGE.get(language, language)
    document.add_heading(_clean(title), level=0)
    for block in blocks:
        document.add_heading(_clean(block.title), level=SECTION_HEADING_LEVEL)
        if block.body:
            add_markdown(document, block.body)
        for question, answer in block.questions:
            document.add_heading(_clean(question), level=FAQ_QUESTION_LEVEL)
            if answer:
                add_markdown(document, answer, base_level=FAQ_QUESTION_LEVEL)
            else:
                document.add_paragraph().add_run(no_answer).italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
