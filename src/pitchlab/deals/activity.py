"""A company's activity timeline: one list of what happened, newest first (issue 13).

Other areas add entries with `record_activity`; the kinds are `ActivityKind`:

    comment         a Markdown comment (body); edited and deleted by its author only
    status          pipeline status changed; payload {"from": ..., "to": ...}
    assignment      an evaluator was asked to score; payload {"assignee_id", "pack_key", "due"}
    submission      a scorecard was submitted; payload {"pack_key", "pack_title"}, never scores
    prfaq_revision  a PR/FAQ revision was saved; payload {"draft_id", "title", "number"}
    document        a document was uploaded; payload {"document_id", "filename"}
    deal            deal terms changed; payload {"fields": [...]}
    ic_decision     an IC meeting decided; payload {"meeting_id", "title", "decision"}, body
                    the conditions (issue 14)
    ic_correction   a correction to a closed meeting's record; payload {"meeting_id", "title"},
                    body the correction

Assignments and submissions are about scoring, so a user conflicted with the company never sees
them (SCORE_RELATED_KINDS).
"""

from datetime import timedelta

from sqlmodel import Session, col, select

from ..models import Activity, ActivityKind, User, utcnow
from ..models.deals import SCORE_RELATED_KINDS
from ..pagination import Page, paginate

KINDS = tuple(kind.value for kind in ActivityKind)
TIMELINE_PAGE_SIZE = 20


class UnknownActivityKind(ValueError):
    """record_activity was given a kind the timeline does not show."""


def record_activity(
    session: Session,
    *,
    company_id: int,
    kind: str,
    actor_id: int | None,
    payload: dict | None = None,
    body: str = "",
) -> Activity:
    """Add an entry to a company's timeline. Flushed, not committed: the caller's transaction
    commits it with the change it describes."""
    if kind not in KINDS:
        raise UnknownActivityKind(kind)
    entry = Activity(
        company_id=company_id, kind=kind, actor_id=actor_id, payload=payload or {}, body=body
    )
    session.add(entry)
    session.flush()
    return entry


# Autosave makes a PR/FAQ revision every few seconds of typing: one entry per sitting.
REVISION_SITTING = timedelta(minutes=30)


def record_prfaq_revision(session: Session, *, draft, number: int, author_id: int) -> None:
    """Put a PR/FAQ revision on the timeline, folding a sitting's autosaves into one entry.
    The caller commits."""
    latest = session.exec(
        select(Activity)
        .where(Activity.company_id == draft.company_id)
        .order_by(col(Activity.created_at).desc(), col(Activity.id).desc())
        .limit(1)
    ).first()
    payload = {"draft_id": draft.id, "title": draft.title, "number": number}
    if (
        latest is not None
        and latest.kind == ActivityKind.PRFAQ_REVISION
        and latest.actor_id == author_id
        and latest.payload.get("draft_id") == draft.id
        and utcnow() - latest.created_at < REVISION_SITTING
    ):
        latest.payload = {**payload, "first": latest.payload.get("first", number - 1)}
        session.add(latest)
        return
    record_activity(
        session,
        company_id=draft.company_id,
        kind=ActivityKind.PRFAQ_REVISION,
        actor_id=author_id,
        payload={**payload, "first": number},
    )


def note_status_change(
    session: Session, *, company_id: int, old: str, new: str, actor_id: int | None
) -> None:
    """Record a pipeline move, if the status really changed, and commit it."""
    if old != new:
        record_activity(
            session,
            company_id=company_id,
            kind=ActivityKind.STATUS,
            actor_id=actor_id,
            payload={"from": old, "to": new},
        )
        session.commit()


def timeline_query(*, company_id: int, kind: str | None = None, conflicted: bool = False):
    """Entries of one company with their actor's name, newest first."""
    statement = (
        select(Activity, User.display_name)
        .outerjoin(User, col(User.id) == Activity.actor_id)
        .where(Activity.company_id == company_id)
    )
    if kind in KINDS:
        statement = statement.where(Activity.kind == kind)
    if conflicted:
        statement = statement.where(col(Activity.kind).not_in(SCORE_RELATED_KINDS))
    return statement.order_by(col(Activity.created_at).desc(), col(Activity.id).desc())


def timeline(
    session: Session,
    *,
    company_id: int,
    kind: str | None = None,
    conflicted: bool = False,
    page: int = 1,
    page_size: int = TIMELINE_PAGE_SIZE,
) -> Page[tuple[Activity, str | None]]:
    """One page of a company's timeline (two statements)."""
    statement = timeline_query(company_id=company_id, kind=kind, conflicted=conflicted)
    return paginate(session, statement, page=page, page_size=page_size)


def edit_comment(session: Session, comment: Activity, *, body: str) -> Activity:
    """Change a comment's text; the timeline shows that it was edited, and when."""
    comment.body = body
    comment.edited_at = utcnow()
    session.add(comment)
    session.commit()
    session.refresh(comment)
    return comment


def delete_comment(session: Session, comment: Activity) -> None:
    """Remove a comment's text; the entry stays as "deleted" so replies keep their context."""
    comment.body = ""
    comment.deleted_at = utcnow()
    session.add(comment)
    session.commit()
