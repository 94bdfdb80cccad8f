"""What a PR/FAQ draft still lacks, judged against its template.

Heuristics, documented because they are guesses a reader should be able to check:
- Word counts treat each CJK character as one word (see text.word_count).
- "Customer named": the template's `customer_sections`, read together, must contain a noun
  from the template's "customer" topic (teams, lawyers, factories, 客户, 卖家...). A generic
  "everyone" or a sentence about the model alone does not pass.
- "Measurable benefit": the template's `benefit_sections`, read together, must contain a digit,
  a percent sign or a multiple (see text.has_quantity).
- "Measurable benefit" ignores dates and names with digits: a dateline ("London, 3 March
  2025") or "GPT-4" is not a benefit (issue 15).
- The press release as a whole (every section) stays under the template's
  `press_release_max_words`, one page (Bryar and Carr).
- FAQ topics: a required topic is covered when any of its keywords, in either language,
  appears in that FAQ part's questions or answers; drafts mix languages (API, GPU, 数据).
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .document import (
    CUSTOMER_TOPIC,
    FAQ_PARTS,
    Faqs,
    Language,
    Sections,
    TemplateDocument,
    resolve_language,
)
from .text import has_quantity, mentions_any, word_count

Severity = Literal["missing", "weak"]
QUOTE_PREVIEW_CHARS = 60

_MESSAGES: dict[str, dict[str, str]] = {
    "empty": {"en": "{title} is empty.", "zh": "“{title}”还是空的。"},
    "too-short": {
        "en": "{title} has {count} words; aim for {low} to {high}.",
        "zh": "“{title}”只有 {count} 字，建议 {low}–{high} 字。",
    },
    "too-long": {
        "en": "{title} has {count} words; keep it to {low} to {high}.",
        "zh": "“{title}”有 {count} 字，建议控制在 {low}–{high} 字。",
    },
    "no-customer": {
        "en": "No customer named in {title}: say who buys or uses it.",
        "zh": "“{title}”中没有点明客户：写清楚谁购买或使用它。",
    },
    "no-number": {
        "en": "No measurable benefit in {title}: add a number (time, money, errors, %).",
        "zh": "“{title}”中没有可衡量的好处：加上数字（时间、金额、错误率、百分比）。",
    },
    "too-long-pr": {
        "en": "The press release has {count} words; keep it to one page ({high} at most).",
        "zh": "新闻稿共 {count} 字，请控制在一页以内（最多 {high} 字）。",
    },
    "no-questions": {"en": "{title} has no questions yet.", "zh": "“{title}”还没有任何问题。"},
    "missing-topic": {
        "en": "{title} does not address {topic_title}.",
        "zh": "“{title}”没有涉及“{topic_title}”。",
    },
    "unanswered": {
        "en": "{title}: the question “{question}” has no answer.",
        "zh": "“{title}”：问题“{question}”还没有回答。",
    },
    "no-question": {
        "en": "{title}: an answer has no question.",
        "zh": "“{title}”：有一条回答缺少对应的问题。",
    },
}
_LIST_JOINER = {"en": " / ", "zh": "、"}


@dataclass(frozen=True)
class Finding:
    """Something a draft lacks. `part` is a section key or "faq.external"/"faq.internal"."""

    part: str
    kind: str
    severity: Severity
    message: str
    item: int | None = None  # index of the FAQ entry, when the finding is about one
    topic: str | None = None  # key of the template topic, for "missing-topic"


def _finding(
    part: str,
    kind: str,
    severity: Severity,
    language: Language,
    *,
    item: int | None = None,
    topic: str | None = None,
    **values: object,
) -> Finding:
    message = _MESSAGES[kind][language].format(**values)
    return Finding(part, kind, severity, message, item=item, topic=topic)


def _section_findings(
    template: TemplateDocument, sections: Sections, language: Language
) -> Iterator[Finding]:
    for section in template.sections:
        text = (sections.get(section.key) or "").strip()
        title = section.title.text(language)
        if not text:
            yield _finding(section.key, "empty", "missing", language, title=title)
            continue
        count = word_count(text)
        low, high = section.min_words.limit(language), section.max_words.limit(language)
        if count < low or count > high:
            kind = "too-short" if count < low else "too-long"
            yield _finding(
                section.key, kind, "weak", language, title=title, count=count, low=low, high=high
            )


def _one_page(
    template: TemplateDocument, sections: Sections, language: Language
) -> Iterator[Finding]:
    if template.press_release_max_words is None:
        return
    high = template.press_release_max_words.limit(language)
    count = sum(word_count(sections.get(key)) for key in template.section_keys())
    if count > high:
        part = template.sections[0].key
        yield _finding(part, "too-long-pr", "weak", language, count=count, high=high)


def _joined(
    template: TemplateDocument, sections: Sections, keys: Sequence[str], language: Language
) -> tuple[str, str]:
    """The text of several sections read together, and their titles for a message."""
    titles = template.section_titles(language)
    text = "\n".join((sections.get(key) or "").strip() for key in keys).strip()
    return text, _LIST_JOINER[language].join(titles[key] for key in keys if key in titles)


def _customer_and_benefit(
    template: TemplateDocument, sections: Sections, language: Language
) -> Iterator[Finding]:
    customer = template.topics.get(CUSTOMER_TOPIC)
    if template.customer_sections and customer:
        text, title = _joined(template, sections, template.customer_sections, language)
        if text and not mentions_any(text, customer.all_keywords()):
            part = template.customer_sections[0]
            yield _finding(part, "no-customer", "weak", language, title=title)
    if template.benefit_sections:
        text, title = _joined(template, sections, template.benefit_sections, language)
        if text and not has_quantity(text):
            yield _finding(template.benefit_sections[0], "no-number", "weak", language, title=title)


def _entry_text(entry: Mapping[str, object], field: str) -> str:
    return str(entry.get(field) or "").strip()


def _faq_findings(template: TemplateDocument, faqs: Faqs, language: Language) -> Iterator[Finding]:
    for name in FAQ_PARTS:
        part, spec = f"faq.{name}", template.faq.part(name)
        title = spec.title.text(language)
        # Blank rows (an empty form line) are ignored; indexes still point into the original list.
        entries = [
            (index, _entry_text(entry, "question"), _entry_text(entry, "answer"))
            for index, entry in enumerate(faqs.get(name) or [])
        ]
        entries = [row for row in entries if row[1] or row[2]]
        if not entries:
            yield _finding(part, "no-questions", "missing", language, title=title)
        everything = "\n".join(f"{question}\n{answer}" for _, question, answer in entries)
        for key in spec.required_topics:
            topic = template.topics[key]
            if not mentions_any(everything, topic.all_keywords()):
                yield _finding(
                    part,
                    "missing-topic",
                    "missing",
                    language,
                    topic=key,
                    title=title,
                    topic_title=topic.title.text(language),
                )
        yield from _entry_findings(part, title, entries, language)


def _entry_findings(
    part: str, title: str, entries: list[tuple[int, str, str]], language: Language
) -> Iterator[Finding]:
    for index, question, answer in entries:
        if question and not answer:
            preview = (
                question
                if len(question) <= QUOTE_PREVIEW_CHARS
                else (question[:QUOTE_PREVIEW_CHARS].rstrip() + "…")
            )
            yield _finding(
                part, "unanswered", "missing", language, title=title, question=preview, item=index
            )
        elif answer and not question:
            yield _finding(part, "no-question", "weak", language, title=title, item=index)


def check_completeness(
    template: TemplateDocument,
    sections: Sections,
    faqs: Faqs,
    *,
    language: str,
) -> list[Finding]:
    """List what the draft lacks, section by section, then the FAQ; messages in `language`."""
    lang = resolve_language(language)
    return [
        *_section_findings(template, sections, lang),
        *_customer_and_benefit(template, sections, lang),
        *_one_page(template, sections, lang),
        *_faq_findings(template, faqs, lang),
    ]
