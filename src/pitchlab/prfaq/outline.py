"""The parts of a draft that an export shows, in order, whatever the output format."""

from dataclasses import dataclass

from .document import FAQ_PARTS, Faqs, Sections, TemplateDocument


@dataclass(frozen=True)
class ExportBlock:
    """One titled part of the exported document: a section's Markdown or an FAQ's questions."""

    key: str
    title: str
    body: str = ""
    questions: tuple[tuple[str, str], ...] = ()


def _faq_pairs(entries) -> tuple[tuple[str, str], ...]:
    # A question becomes a heading, so it is kept on one line; rows without a question are dropped.
    pairs = (
        (" ".join(str(entry.get("question") or "").split()), str(entry.get("answer") or "").strip())
        for entry in entries or []
    )
    return tuple(pair for pair in pairs if pair[0])


def export_blocks(
    template: TemplateDocument, sections: Sections, faqs: Faqs, *, language: str
) -> list[ExportBlock]:
    """The non-empty sections in template order, then the FAQ parts that have questions."""
    blocks = [
        ExportBlock(section.key, section.title.text(language), body=sections[section.key].strip())
        for section in template.sections
        if (sections.get(section.key) or "").strip()
    ]
    for name in FAQ_PARTS:
        pairs = _faq_pairs(faqs.get(name))
        if pairs:
            title = template.faq.part(name).title.text(language)
            blocks.append(ExportBlock(f"faq-{name}", title, questions=pairs))
    return blocks
