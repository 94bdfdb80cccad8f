"""The evidence finder for a company: its current deck against a rubric pack (issue 12).

Loads what documents.evidence needs (deck pages, the pack's criteria, rival criteria, signal
words) and shapes the answer for the pages, the API and the founders' questions export.
"""

import re
from dataclasses import dataclass

import jieba
from sqlmodel import Session

from ..models import Document
from ..paths import resource_dir
from ..rubrics.store import PackVersion, get_pack_version, latest_versions
from ..web.i18n import localized
from .demo import load_signals
from .evidence import CriterionEvidence, DeckPage, find_evidence
from .reading import document_pages
from .storage import current_deck
from .text import HAN, words

PIECE = re.compile(r"[A-Za-z0-9'’]+|[\u3400-\u9fff]+|[^A-Za-z0-9'’\u3400-\u9fff]+")


@dataclass(frozen=True)
class FinderResult:
    document: Document | None
    pack: PackVersion
    items: list[tuple[object, CriterionEvidence]]  # (criterion, evidence) in pack order

    @property
    def unaddressed(self) -> list:
        return [criterion for criterion, found in self.items if not found.addressed]

    @property
    def language(self) -> str:
        return self.document.language if self.document else "en"


def signals() -> dict:
    return load_signals(resource_dir("seeds") / "documents")


def company_evidence(session: Session, company_id: int, pack_key: str) -> FinderResult | None:
    """The pack's criteria matched against the company's current deck; None for no pack."""
    pack = get_pack_version(session, pack_key)
    if pack is None:
        return None
    criteria = [c for c in pack.criteria if not c.retired]
    document = current_deck(session, company_id)
    if document is None:
        return FinderResult(None, pack, [])
    pages = [
        DeckPage(document.id, document.version, p.number, p.title, p.text + "\n" + p.notes)
        for p in document_pages(session, document.id)
    ]
    words_for = signals()
    rivals = [c for entry in latest_versions(session) for c in entry.criteria if c.key in words_for]
    found = find_evidence(pages, criteria, rivals=rivals, signals=words_for)
    return FinderResult(document, pack, list(zip(criteria, found, strict=True)))


def highlighted(snippet: str, terms: frozenset[str]) -> list[tuple[str, bool]]:
    """The snippet cut into (text, matched) pieces, for <mark> in the template."""
    pieces: list[tuple[str, bool]] = []
    for token in PIECE.findall(snippet):
        if HAN.match(token):
            pieces.extend((part, part in terms) for part in jieba.lcut(token))
        else:
            stems = words(token, keep_stopwords=True)
            pieces.append((token, bool(stems) and stems[0] in terms))
    return pieces


def founders_questions(result: FinderResult) -> list[str]:
    """The questions of the criteria the deck does not address, in the deck's language."""
    return [localized(c.question, result.language) for c in result.unaddressed]


def questions_markdown(result: FinderResult, company_name: str) -> str:
    heading = "给创始人的问题" if result.language == "zh" else "Questions for the founders"
    title = localized(result.pack.version.title, result.language)
    lines = [f"# {heading}: {company_name}", "", f"*{title}*", ""]
    lines += [f"{n}. {q}" for n, q in enumerate(founders_questions(result), start=1)]
    return "\n".join(lines) + "\n"
