"""The rest of a dossier for many companies at once: technical-debt maps, PR/FAQ summaries,
deck highlights and recent comments, each in one statement whatever the number of companies.

Each function reuses the module that owns the rule: rubrics.techdebt reads a map,
documents.evidence ranks deck pages, deals.activity decides what a conflicted reader sees.
"""

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..documents.evidence import DeckPage, find_evidence
from ..documents.finder import deck_page, evidence_rivals, signals
from ..documents.storage import current_decks
from ..models import (
    Activity,
    ActivityKind,
    DocumentPage,
    PrfaqDraft,
    PrfaqRevision,
    TechDebtEstimate,
    User,
)
from ..rubrics.packfile import Calculator
from ..rubrics.store import PackVersion
from ..rubrics.techdebt import assess_system, company_band
from ..web.i18n import localized
from .model import Comment, CompanyBasics, DeckHighlights, KeyPage, PrfaqSummary, TechDebtShare

RECENT_COMMENTS = 5
KEY_PAGES = 5


def tech_debt_shares(
    session: Session,
    companies: dict[int, CompanyBasics],
    calculator_pack: PackVersion | None,
    *,
    readable: dict[int, set[int] | None],
    conflicted: dict[int, set[int]],
) -> dict[int, list[TechDebtShare]]:
    """Each readable evaluator's map per company; `readable[company]` is the set of evaluator
    ids whose maps the viewer may read there (None: everyone's), and the maps of evaluators
    conflicted with the company are left out, as their scores are."""
    if calculator_pack is None or not calculator_pack.version.calculator or not readable:
        return {}
    calculator = Calculator.model_validate(calculator_pack.version.calculator)
    rows = session.exec(
        select(TechDebtEstimate, User.display_name)
        .outerjoin(User, col(User.id) == TechDebtEstimate.user_id)
        .where(col(TechDebtEstimate.company_id).in_(list(readable)))
        .order_by(col(User.display_name), col(TechDebtEstimate.id))
    ).all()
    found: dict[int, list[TechDebtShare]] = {}
    for estimate, name in rows:
        allowed = readable[estimate.company_id]
        if estimate.user_id in conflicted.get(estimate.company_id, set()) or (
            allowed is not None and estimate.user_id not in allowed
        ):
            continue
        company = companies[estimate.company_id]
        band = company_band(calculator, model_strategy=company.model_strategy, stage=company.stage)
        try:
            assessment = assess_system(
                estimate.efforts, estimate.maturity, calculator=calculator, band=band
            )
        except ValueError:  # a map saved against an older calculator: nothing sound to show
            continue
        found.setdefault(estimate.company_id, []).append(
            TechDebtShare(
                evaluator_name=name or "",
                model_share=assessment.model_share,
                band_low=float(band.low) if band else None,
                band_high=float(band.high) if band else None,
                reading=assessment.reading,
                suggested_level=assessment.suggested_level,
            )
        )
    return found


def prfaq_summaries(session: Session, company_ids: list[int]) -> dict[int, PrfaqSummary]:
    """The latest revision of each company's most recently changed live draft."""
    if not company_ids:
        return {}
    rows = session.exec(
        select(PrfaqDraft, PrfaqRevision)
        .join(
            PrfaqRevision,
            (col(PrfaqRevision.draft_id) == PrfaqDraft.id)
            & (col(PrfaqRevision.number) == PrfaqDraft.current_revision),
        )
        .where(col(PrfaqDraft.company_id).in_(company_ids), col(PrfaqDraft.archived_at).is_(None))
        .order_by(col(PrfaqDraft.updated_at).desc(), col(PrfaqDraft.id).desc())
    ).all()
    found: dict[int, PrfaqSummary] = {}
    for draft, revision in rows:
        if draft.company_id in found:
            continue
        sections = revision.sections or {}
        found[draft.company_id] = PrfaqSummary(
            draft_id=draft.id,
            title=draft.title,
            revision=revision.number,
            language=draft.language,
            headline=str(sections.get("headline") or ""),
            sub_headline=str(sections.get("sub-headline") or ""),
            summary=str(sections.get("summary") or ""),
        )
    return found


def deck_highlights(
    session: Session, company_ids: list[int], pack: PackVersion | None, rivals: list
) -> dict[int, DeckHighlights]:
    """Each company's current deck against `pack`: its best pages and the unanswered questions."""
    if pack is None or not company_ids:
        return {}
    decks = current_decks(session, company_ids)
    if not decks:
        return {}
    pages: dict[int, list[DeckPage]] = {}
    by_id = {document.id: document for document in decks.values()}
    for page in session.exec(
        select(DocumentPage)
        .where(col(DocumentPage.document_id).in_(list(by_id)))
        .order_by(col(DocumentPage.document_id), col(DocumentPage.number))
    ):
        pages.setdefault(page.document_id, []).append(deck_page(by_id[page.document_id], page))
    criteria = [c for c in pack.criteria if not c.retired]
    rivals = evidence_rivals(rivals)
    return {
        company_id: _highlights(document, pages.get(document.id, []), pack, criteria, rivals)
        for company_id, document in decks.items()
    }


def _highlights(document, pages, pack, criteria, rivals) -> DeckHighlights:
    found = find_evidence(pages, criteria, rivals=rivals, signals=signals())
    best: dict[int, tuple[float, object, list[str]]] = {}
    for criterion, evidence in zip(criteria, found, strict=True):
        if not evidence.addressed or not evidence.matches:
            continue
        match = evidence.matches[0]
        score, _match, titles = best.get(match.page.number, (0.0, match, []))
        titles.append(localized(criterion.title))
        best[match.page.number] = (max(score, match.score), match, titles)
    ranked = sorted(best.values(), key=lambda item: (-len(item[2]), -item[0]))[:KEY_PAGES]
    return DeckHighlights(
        document_id=document.id,
        filename=document.filename,
        version=document.version,
        language=document.language,
        pack_key=pack.key,
        key_pages=[
            KeyPage(
                document_id=match.page.document_id,
                version=match.page.version,
                page=match.page.number,
                title=match.page.title,
                snippet=match.snippet,
                criteria=titles,
            )
            for _score, match, titles in sorted(ranked, key=lambda item: item[1].page.number)
        ],
        unaddressed_questions=[
            localized(criterion.question, document.language)
            for criterion, evidence in zip(criteria, found, strict=True)
            if not evidence.addressed
        ],
    )


def recent_comments(
    session: Session, company_ids: list[int], *, limit: int = RECENT_COMMENTS
) -> dict[int, list[Comment]]:
    """Each company's newest comments (deleted ones left out), newest first."""
    if not company_ids:
        return {}
    # The timeline's order (newest first), numbered per company: one statement for any number
    # of companies instead of deals.activity.timeline's two per company.
    order_by = [col(Activity.created_at).desc(), col(Activity.id).desc()]
    numbered = (
        select(
            Activity.id,
            Activity.company_id,
            Activity.body,
            Activity.created_at,
            User.display_name,
            func.row_number()
            .over(partition_by=Activity.company_id, order_by=order_by)
            .label("position"),
        )
        .outerjoin(User, col(User.id) == Activity.actor_id)
        .where(
            col(Activity.company_id).in_(company_ids),
            Activity.kind == ActivityKind.COMMENT.value,
            col(Activity.deleted_at).is_(None),
        )
        .subquery()
    )
    rows = session.exec(
        select(*numbered.c).where(numbered.c.position <= limit).order_by(numbered.c.position)
    ).all()
    found: dict[int, list[Comment]] = {}
    for activity_id, company_id, body, created_at, name, _position in rows:
        found.setdefault(company_id, []).append(
            Comment(
                activity_id=activity_id, author_name=name or "", created_at=created_at, body=body
            )
        )
    return found
