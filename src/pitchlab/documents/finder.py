"""The evidence finder for a company: its current deck against a rubric pack (issue 12).

Loads what documents.evidence needs (deck pages, the pack's criteria, rival criteria, signal
words) and shapes the answer for the pages, the API and the founders' questions export.
"""

import re
from dataclasses import dataclass, field

from sqlmodel import Session

from ..models import Document, User
from ..paths import resource_dir
from ..rubrics.store import PackVersion, get_pack_version, latest_versions
from ..web.i18n import localized
from .demo import load_signals
from .evidence import CriterionEvidence, DeckPage, find_evidence
from .panel_gaps import insufficient_keys
from .reading import document_pages
from .storage import current_deck
from .text import HAN, han_cut, words

PIECE = re.compile(r"[A-Za-z0-9'’]+|[\u3400-\u9fff]+|[^A-Za-z0-9'’\u3400-\u9fff]+")


@dataclass(frozen=True)
class FinderResult:
    document: Document | None
    pack: PackVersion
    items: list[tuple[object, CriterionEvidence]]  # (criterion, evidence) in pack order
    # Criteria the panel answered "insufficient evidence" for (issue 15), in pack order.
    insufficient: list = field(default_factory=list)

    @property
    def unaddressed(self) -> list:
        return [criterion for criterion, found in self.items if not found.addressed]

    @property
    def language(self) -> str:
        return self.document.language if self.document else "en"


def signals() -> dict:
    return load_signals(resource_dir("seeds") / "documents")


def deck_page(document, page) -> DeckPage:
    """A stored page as the finder reads it: its text with the speaker notes."""
    return DeckPage(
        document.id, document.version, page.number, page.title, f"{page.text}\n{page.notes}"
    )


def evidence_rivals(criteria) -> list:
    """The other criteria a page may answer instead: those with signal words."""
    words_for = signals()
    return [c for c in criteria if c.key in words_for]


def company_evidence(
    session: Session, company_id: int, pack_key: str, *, user: User | None = None
) -> FinderResult | None:
    """The pack's criteria matched against the company's current deck, with the ones the
    panel found too little evidence for (as `user` may see them); None for no pack."""
    pack = get_pack_version(session, pack_key)
    if pack is None:
        return None
    criteria = [c for c in pack.criteria if not c.retired]
    keys = insufficient_keys(session, user=user, company_id=company_id, pack=pack) if user else []
    insufficient = [c for c in criteria if c.key in keys]
    document = current_deck(session, company_id)
    if document is None:
        return FinderResult(None, pack, [], insufficient)
    pages = [deck_page(document, page) for page in document_pages(session, document.id)]
    rivals = evidence_rivals(c for entry in latest_versions(session) for c in entry.criteria)
    found = find_evidence(pages, criteria, rivals=rivals, signals=signals())
    return FinderResult(document, pack, list(zip(criteria, found, strict=True)), insufficient)


def highlighted(snippet: str, terms: frozenset[str]) -> list[tuple[str, bool]]:
    """The snippet cut into (text, matched) pieces, for <mark> in the template."""
    pieces: list[tuple[str, bool]] = []
    for token in PIECE.findall(snippet):
        if HAN.match(token):
            pieces.extend((part, part in terms) for part in han_cut(token))
        else:
            stems = words(token, keep_stopwords=True)
            pieces.append((token, bool(stems) and stems[0] in terms))
    return pieces


def founders_questions(result: FinderResult) -> list[str]:
    """The questions of the criteria the deck does not address, in the deck's language."""
    return [localized(c.question, result.language) for c in result.unaddressed]


def insufficient_questions(result: FinderResult) -> list[str]:
    """The questions of the criteria the panel had too little evidence for, in the deck's
    language."""
    return [localized(c.question, result.language) for c in result.insufficient]


# The export speaks the deck's language, not the reader's: it goes to the founders.
EXPORT_TEXT = {
    "en": (
        "Questions for the founders",
        "Not addressed in the deck",
        "The panel had too little evidence",
    ),
    "zh": ("给创始人的问题", "路演材料中未涉及", "评审组的证据不足"),
}


def questions_markdown(result: FinderResult, company_name: str) -> str:
    heading, unaddressed, insufficient = EXPORT_TEXT["zh" if result.language == "zh" else "en"]
    title = localized(result.pack.version.title, result.language)
    lines = [f"# {heading}: {company_name}", "", f"*{title}*", ""]
    sections = [
        (unaddressed, founders_questions(result)),
        (insufficient, insufficient_questions(result)),
    ]
    for name, questions in sections:
        if questions:
            lines += [f"## {name}", ""]
            lines += [f"{n}. {q}" for n, q in enumerate(questions, start=1)] + [""]
    return "\n".join(lines)
