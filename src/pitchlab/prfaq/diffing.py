"""Word-level differences between two revisions of a draft, ready to show as <ins>/<del>."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from markupsafe import Markup, escape

from .document import FAQ_PARTS
from .text import WORD_PATTERN, word_count

SpanKind = Literal["equal", "insert", "delete"]
DiffStatus = Literal["added", "removed", "changed", "unchanged"]

# Words, runs of whitespace, and any other single character: joining the tokens gives back the
# text exactly, and a CJK character is its own token so Chinese edits stay small.
_TOKEN = re.compile(rf"{WORD_PATTERN}|\s+|.", re.DOTALL)
_SPAN_TAGS = {"insert": "ins", "delete": "del"}


@dataclass(frozen=True)
class DiffSpan:
    kind: SpanKind
    text: str


@dataclass(frozen=True)
class SectionDiff:
    """How one section (or FAQ part) changed between two revisions."""

    key: str
    status: DiffStatus
    spans: tuple[DiffSpan, ...]
    words_inserted: int
    words_deleted: int


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _is_gap(spans: list[DiffSpan], index: int) -> bool:
    """A bare space between two changes: folding it in reads "<del>a b</del>", not "a| |b"."""
    span = spans[index]
    return (
        span.kind == "equal"
        and span.text.isspace()
        and 0 < index < len(spans) - 1
        and spans[index - 1].kind != "equal"
        and spans[index + 1].kind != "equal"
    )


def _grouped(spans: list[DiffSpan]) -> tuple[DiffSpan, ...]:
    """One <del> then one <ins> per run of changes, so the HTML has one tag per edit."""
    spans = [span for span in spans if span.text]
    grouped: list[DiffSpan] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        grouped.extend(
            DiffSpan(kind, "".join(texts))
            for kind, texts in (("delete", deleted), ("insert", inserted))
            if texts
        )
        deleted.clear()
        inserted.clear()

    for index, span in enumerate(spans):
        if _is_gap(spans, index):
            deleted.append(span.text)
            inserted.append(span.text)
        elif span.kind == "equal":
            flush()
            grouped.append(span)
        else:
            (deleted if span.kind == "delete" else inserted).append(span.text)
    flush()
    return tuple(grouped)


def diff_text(old: str, new: str) -> tuple[DiffSpan, ...]:
    """Spans that turn `old` into `new`: deletions come before the insertions replacing them."""
    before, after = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    spans: list[DiffSpan] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            spans.append(DiffSpan("equal", "".join(before[i1:i2])))
            continue
        spans.append(DiffSpan("delete", "".join(before[i1:i2])))
        spans.append(DiffSpan("insert", "".join(after[j1:j2])))
    return _grouped(spans)


def _status(old: str | None, new: str | None) -> DiffStatus:
    if not old and new:
        return "added"
    if old and not new:
        return "removed"
    return "unchanged" if (old or "") == (new or "") else "changed"


def diff_revisions(old: Mapping[str, str], new: Mapping[str, str]) -> list[SectionDiff]:
    """Compare two revisions section by section, in the order the sections first appear."""
    diffs = []
    for key in dict.fromkeys([*old, *new]):
        before, after = old.get(key) or "", new.get(key) or ""
        spans = diff_text(before, after)
        diffs.append(
            SectionDiff(
                key=key,
                status=_status(before.strip(), after.strip()),
                spans=spans,
                words_inserted=sum(word_count(s.text) for s in spans if s.kind == "insert"),
                words_deleted=sum(word_count(s.text) for s in spans if s.kind == "delete"),
            )
        )
    return diffs


def faq_texts(faqs: Mapping[str, Sequence[Mapping]]) -> dict[str, str]:
    """Flatten the FAQ to one text per part ("faq.external"...), so it can be diffed too."""
    texts = {}
    for name in FAQ_PARTS:
        entries = faqs.get(name) or []
        texts[f"faq.{name}"] = "\n\n".join(
            f"Q: {str(entry.get('question') or '').strip()}\n"
            f"A: {str(entry.get('answer') or '').strip()}"
            for entry in entries
        )
    return texts


def diff_html(spans: Sequence[DiffSpan]) -> Markup:
    """Render spans as escaped text with <ins> and <del>; show it with white-space: pre-wrap."""
    parts = []
    for span in spans:
        tag = _SPAN_TAGS.get(span.kind)
        parts.append(
            Markup("<{0}>{1}</{0}>").format(Markup(tag), span.text) if tag else escape(span.text)
        )
    return Markup("").join(parts)
