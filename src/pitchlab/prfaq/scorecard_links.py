"""A company's PR/FAQ beside a scorecard: which sections each criterion is judged on, and the
citation text an evaluator pastes into a score's evidence."""

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from ..models import PrfaqDraft
from .citations import Citation, anchor_key
from .document import FAQ_PARTS, TemplateDocument
from .library import draft_template
from .store import Content, latest_revision

QUALITY_PACK = "prfaq-quality"
# For each criterion of the PR/FAQ quality pack (seeds/rubrics/prfaq-quality.yaml), the parts
# of a working-backwards draft its level descriptions talk about. Keys are template section
# keys and FAQ parts; a part a template lacks is skipped.
CRITERION_SECTIONS: dict[str, tuple[str, ...]] = {
    "customer-specific": ("sub-headline", "summary", "customer-quote"),
    "problem-in-customer-words": ("problem", "customer-quote"),
    "measurable-benefit": ("sub-headline", "summary", "solution"),
    "external-faq-hard-questions": ("faq.external",),
    "internal-faq-cost-risk": ("faq.internal",),
    "working-backwards-coherence": ("headline", "sub-headline", "problem", "call-to-action"),
}


@dataclass(frozen=True)
class Excerpt:
    """One section or FAQ part of the cited revision."""

    key: str  # the citation and anchor key: a section key, faq-external or faq-internal
    title: str
    citation: Citation
    text: str = ""
    entries: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ScorecardAside:
    draft: PrfaqDraft
    revision: int
    excerpts: list[Excerpt]
    by_criterion: dict[str, list[Excerpt]]


def _excerpts(
    template: TemplateDocument, content: Content, draft: PrfaqDraft, revision: int
) -> dict[str, Excerpt]:
    language = draft.language
    excerpts = {}
    for section in template.sections:
        excerpts[section.key] = Excerpt(
            section.key,
            section.title.text(language),
            Citation(draft.id, revision, section.key),
            text=content.sections.get(section.key) or "",
        )
    for part in FAQ_PARTS:
        key = anchor_key(f"faq.{part}")
        excerpts[f"faq.{part}"] = Excerpt(
            key,
            template.faq.part(part).title.text(language),
            Citation(draft.id, revision, key),
            entries=[entry for entry in content.faqs.get(part, []) if entry.get("question")],
        )
    return excerpts


def latest_company_draft(session: Session, company_id: int) -> PrfaqDraft | None:
    # An archived draft is not offered for new citations; the ones already made still resolve.
    statement = (
        select(PrfaqDraft)
        .where(PrfaqDraft.company_id == company_id, col(PrfaqDraft.archived_at).is_(None))
        .order_by(col(PrfaqDraft.updated_at).desc(), col(PrfaqDraft.id).desc())
    )
    return session.exec(statement).first()


def scorecard_aside(session: Session, *, company_id: int, pack_key: str) -> ScorecardAside | None:
    """The company's most recently changed live draft, by part and (quality pack) by criterion."""
    draft = latest_company_draft(session, company_id)
    if draft is None:
        return None
    revision = latest_revision(session, draft)
    excerpts = _excerpts(
        draft_template(session, draft), Content.of(revision), draft, revision.number
    )
    by_criterion = {}
    if pack_key == QUALITY_PACK:
        by_criterion = {
            criterion: [excerpts[part] for part in parts if part in excerpts]
            for criterion, parts in CRITERION_SECTIONS.items()
        }
    return ScorecardAside(
        draft=draft,
        revision=revision.number,
        excerpts=list(excerpts.values()),
        by_criterion=by_criterion,
    )
