"""PR/FAQ drafts and their revisions in the database.

A draft's text lives in revisions that are only ever added. Saving names the revision the
writer started from; the draft's counter moves from that number to the next in one UPDATE,
so of two people saving on the same revision exactly one wins, on SQLite and PostgreSQL alike.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ..companies.labels import choice_labels
from ..models import Company, Conflict, PrfaqDraft, PrfaqRevision, PrfaqTemplate, User, utcnow
from ..pagination import Page, paginate
from ..web.i18n import get_locale, set_locale
from .document import FAQ_PARTS, TemplateDocument
from .prefill import PREFILL_FIELDS, prefill_sections

CHOICE_FIELDS = ("stage", "status", "modality", "model_strategy")


@dataclass(frozen=True)
class Content:
    """What one revision holds: Markdown by section key, and question/answer rows by FAQ part."""

    sections: dict[str, str]
    faqs: dict[str, list[dict[str, str]]]

    @classmethod
    def of(cls, revision: PrfaqRevision) -> "Content":
        faqs = {
            part: [dict(entry) for entry in revision.faqs.get(part) or []] for part in FAQ_PARTS
        }
        return cls(sections=dict(revision.sections), faqs=faqs)


def company_fields(company: Company, language: str) -> dict[str, object]:
    """What a template may pre-fill from, with choices as words in the draft's language."""
    values: dict[str, object] = {name: getattr(company, name) for name in PREFILL_FIELDS}
    values["tags"] = company.tag_list
    previous = get_locale()
    set_locale(language)
    try:
        labels = choice_labels()
    finally:
        set_locale(previous)
    for field in CHOICE_FIELDS:
        values[field] = labels[field].get(str(values[field]), values[field])
    return values


def create_draft(
    session: Session,
    *,
    company: Company,
    template_row: PrfaqTemplate,
    template: TemplateDocument,
    title: str,
    language: str,
    author: User | None,
) -> PrfaqDraft:
    """Start a draft at revision 1, its sections pre-filled from what the fund knows."""
    sections = prefill_sections(template, company_fields(company, language), language=language)
    return add_draft(
        session,
        company_id=company.id,
        template_row=template_row,
        title=title,
        language=language,
        author=author,
        content=Content(sections, {part: [] for part in FAQ_PARTS}),
    )


def add_draft(
    session: Session,
    *,
    company_id: int,
    template_row: PrfaqTemplate,
    title: str,
    language: str,
    author: User | None,
    content: Content,
) -> PrfaqDraft:
    author_id = author.id if author else None
    draft = PrfaqDraft(
        company_id=company_id,
        template_id=template_row.id,
        title=title,
        language=language,
        created_by_id=author_id,
        current_revision=1,
    )
    session.add(draft)
    session.flush()
    session.add(
        PrfaqRevision(
            draft_id=draft.id,
            number=1,
            sections=content.sections,
            faqs=content.faqs,
            author_id=author_id,
        )
    )
    session.commit()
    session.refresh(draft)
    return draft


def get_revision(session: Session, draft_id: int, number: int) -> PrfaqRevision | None:
    return session.exec(
        select(PrfaqRevision).where(
            PrfaqRevision.draft_id == draft_id, PrfaqRevision.number == number
        )
    ).first()


def latest_revision(session: Session, draft: PrfaqDraft) -> PrfaqRevision:
    revision = get_revision(session, draft.id, draft.current_revision)
    if revision is None:  # only a hand-edited database gets here
        raise LookupError(f"PR/FAQ draft {draft.id} has no revision {draft.current_revision}")
    return revision


def save_revision(
    session: Session, draft: PrfaqDraft, *, base: int, content: Content, author: User
) -> PrfaqRevision | None:
    """Add revision base + 1; None (nothing written) when the draft is no longer at `base`."""
    moved = session.execute(
        update(PrfaqDraft)
        .where(col(PrfaqDraft.id) == draft.id, col(PrfaqDraft.current_revision) == base)
        .values(current_revision=base + 1, updated_at=utcnow())
    )
    if moved.rowcount != 1:
        session.rollback()
        return None
    revision = PrfaqRevision(
        draft_id=draft.id,
        number=base + 1,
        sections=content.sections,
        faqs=content.faqs,
        author_id=author.id,
    )
    session.add(revision)
    from ..deals.activity import record_prfaq_revision

    try:
        # Issue 13: the company's timeline shows PR/FAQ work (one entry per sitting).
        record_prfaq_revision(session, draft=draft, number=base + 1, author_id=author.id)
        session.commit()
    except IntegrityError:  # the unique (draft, number) pair: a second line of defence
        session.rollback()
        return None
    session.refresh(draft)
    session.refresh(revision)
    return revision


def revisions_between(
    session: Session, draft_id: int, after: int, upto: int
) -> list[PrfaqRevision]:
    """Revisions after `after` up to `upto`, oldest first (what others saved meanwhile)."""
    statement = (
        select(PrfaqRevision)
        .where(
            PrfaqRevision.draft_id == draft_id,
            PrfaqRevision.number > after,
            PrfaqRevision.number <= upto,
        )
        .order_by(col(PrfaqRevision.number))
    )
    return list(session.exec(statement))


def revision_page(session: Session, draft_id: int, *, page: int, page_size: int) -> Page:
    """The draft's revisions, newest first, with their authors: [(revision, user or None)]."""
    statement = (
        select(PrfaqRevision, User)
        .join(User, col(PrfaqRevision.author_id) == User.id, isouter=True)
        .where(PrfaqRevision.draft_id == draft_id)
        .order_by(col(PrfaqRevision.number).desc())
    )
    return paginate(session, statement, page=page, page_size=page_size)


def visible_drafts(
    session: Session,
    user: User,
    *,
    company_id: int | None = None,
    search: str = "",
    archived: bool = False,
    page: int = 1,
    page_size: int = 25,
) -> Page:
    """Drafts of companies the user is not conflicted with: [(draft, company, template)].

    Like the company list, the archived ones are listed only when asked for, and then alone.
    """
    conflicted = select(Conflict.company_id).where(Conflict.user_id == user.id)
    archived_at = col(PrfaqDraft.archived_at)
    statement = (
        select(PrfaqDraft, Company, PrfaqTemplate)
        .join(Company, col(PrfaqDraft.company_id) == Company.id)
        .join(PrfaqTemplate, col(PrfaqDraft.template_id) == PrfaqTemplate.id)
        .where(
            col(PrfaqDraft.company_id).not_in(conflicted),
            archived_at.is_not(None) if archived else archived_at.is_(None),
        )
        .order_by(col(PrfaqDraft.updated_at).desc(), col(PrfaqDraft.id).desc())
    )
    if company_id is not None:
        statement = statement.where(PrfaqDraft.company_id == company_id)
    if search:
        pattern = f"%{search.lower()}%"
        statement = statement.where(
            or_(func.lower(PrfaqDraft.title).like(pattern), func.lower(Company.name).like(pattern))
        )
    return paginate(session, statement, page=page, page_size=page_size)


def update_draft(
    session: Session,
    draft: PrfaqDraft,
    *,
    by: User,
    title: str | None = None,
    archived: bool | None = None,
) -> PrfaqDraft:
    """Rename the draft and/or archive or restore it; None leaves that as it is.

    The UPDATE names only the columns changed here, so a revision saved meanwhile stays.
    """
    changed = title is not None and title != draft.title
    if changed:
        draft.title = title
    if archived is not None and archived != (draft.archived_at is not None):
        draft.archived_at = utcnow() if archived else None
        draft.archived_by_id = by.id if archived else None
        changed = True
    if changed:
        draft.updated_at = utcnow()
        session.add(draft)
        session.commit()
        session.refresh(draft)
    return draft


def find_draft(session: Session, *, company_id: int, title: str) -> PrfaqDraft | None:
    return session.exec(
        select(PrfaqDraft).where(PrfaqDraft.company_id == company_id, PrfaqDraft.title == title)
    ).first()


def author_names(session: Session, revisions: list[PrfaqRevision]) -> dict[int, str]:
    ids = {revision.author_id for revision in revisions if revision.author_id is not None}
    if not ids:
        return {}
    users = session.exec(select(User).where(col(User.id).in_(ids)))
    return {user.id: user.display_name for user in users}


def contents_equal(a: Content, b: Content) -> bool:
    return _normalised(a.sections) == _normalised(b.sections) and a.faqs == b.faqs


def _normalised(sections: Mapping[str, str]) -> dict[str, str]:
    # A section that is missing and one that is empty read the same.
    return {key: text for key, text in sections.items() if text}
