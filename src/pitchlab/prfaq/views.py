"""What the draft pages show, assembled from a draft, its template and one revision's text."""

from dataclasses import dataclass

from sqlmodel import Session

from ..models import Company, PrfaqDraft, PrfaqTemplate, User
from .citations import anchor_key
from .completeness import Finding, check_completeness
from .document import FAQ_PARTS, TemplateDocument
from .library import template_document
from .store import Content
from .text import word_count


@dataclass(frozen=True)
class SectionView:
    key: str
    title: str
    guidance: str
    prompts: list[str]
    text: str
    words: int
    low: int
    high: int
    error: str | None = None

    @property
    def length_state(self) -> str:
        """empty, short, long or ok against the template's word range."""
        if self.words == 0:
            return "empty"
        if self.words < self.low:
            return "short"
        return "long" if self.words > self.high else "ok"


@dataclass(frozen=True)
class FaqPartView:
    name: str
    title: str
    guidance: str
    prompts: list[str]
    entries: list[dict[str, str]]
    error: str | None = None

    @property
    def key(self) -> str:
        """The anchor and citation key: faq-external or faq-internal."""
        return f"faq-{self.name}"


@dataclass(frozen=True)
class DraftView:
    draft: PrfaqDraft
    company: Company
    template_row: PrfaqTemplate
    template: TemplateDocument
    revision: int
    sections: list[SectionView]
    faq_parts: list[FaqPartView]
    findings: list[Finding]
    archived_by: User | None = None  # who archived the draft, while it is archived

    @property
    def language(self) -> str:
        return self.draft.language

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def part_title(self, part: str) -> str:
        """The title of a section key or FAQ part ("faq.external"), in the draft's language."""
        if part.startswith("faq."):
            return self.template.faq.part(part[4:]).title.text(self.language)
        return self.template.section_titles(self.language).get(part, part)

    @staticmethod
    def anchor(part: str) -> str:
        """The element id of a section or FAQ part on the draft and revision pages."""
        return f"section-{anchor_key(part)}"


def _section_views(
    template: TemplateDocument, content: Content, language: str, errors: dict[str, str]
) -> list[SectionView]:
    views = []
    for section in template.sections:
        text = content.sections.get(section.key) or ""
        views.append(
            SectionView(
                key=section.key,
                title=section.title.text(language),
                guidance=section.guidance.text(language),
                prompts=section.prompts.items(language),
                text=text,
                words=word_count(text),
                low=section.min_words.limit(language),
                high=section.max_words.limit(language),
                error=errors.get(section.key),
            )
        )
    return views


def _faq_views(
    template: TemplateDocument, content: Content, language: str, errors: dict[str, str]
) -> list[FaqPartView]:
    views = []
    for name in FAQ_PARTS:
        part = template.faq.part(name)
        views.append(
            FaqPartView(
                name=name,
                title=part.title.text(language),
                guidance=part.guidance.text(language),
                prompts=part.prompts.items(language),
                entries=list(content.faqs.get(name) or []),
                error=errors.get(f"faq.{name}"),
            )
        )
    return views


def build_view(
    session: Session,
    draft: PrfaqDraft,
    content: Content,
    *,
    revision: int,
    errors: dict[str, str] | None = None,
) -> DraftView:
    """The draft with `content` (a stored revision, or what the writer just typed)."""
    template_row = session.get(PrfaqTemplate, draft.template_id)
    template = template_document(template_row)
    errors = errors or {}
    archived_by = session.get(User, draft.archived_by_id) if draft.archived_by_id else None
    return DraftView(
        draft=draft,
        company=session.get(Company, draft.company_id),
        template_row=template_row,
        template=template,
        revision=revision,
        sections=_section_views(template, content, draft.language, errors),
        faq_parts=_faq_views(template, content, draft.language, errors),
        findings=check_completeness(
            template, content.sections, content.faqs, language=draft.language
        ),
        archived_by=archived_by,
    )
