"""Saving a submitted draft: a new revision, nothing (no change), or a refused stale save.

A save names the revision it started from. When someone else saved since, the save is
refused and the writer is shown what the others changed beside their own text (issue 6: never
overwrite silently). They may then keep their changes on top: every part they changed since
their starting revision replaces that part of the newest revision; the rest stays theirs.
"""

from dataclasses import dataclass, field
from typing import Literal

from markupsafe import Markup
from sqlmodel import Session

from ..models import PrfaqDraft, PrfaqRevision, User
from .diffing import diff_html, diff_text, faq_texts
from .editing import Submission, changed_parts, merged
from .store import (
    Content,
    author_names,
    contents_equal,
    latest_revision,
    revisions_between,
    save_revision,
)

Status = Literal["saved", "unchanged", "conflict"]


@dataclass(frozen=True)
class SaveOutcome:
    status: Status
    revision: int  # the draft's newest revision after the attempt
    theirs: PrfaqRevision | None = None  # the newest revision, when the save was refused


@dataclass(frozen=True)
class ConflictPart:
    part: str
    theirs: str
    mine: str
    diff: Markup  # from their text to the writer's
    changed_by_me: bool


@dataclass(frozen=True)
class ConflictView:
    base: int
    current: int
    authors: list[str]
    parts: list[ConflictPart] = field(default_factory=list)


def save_submission(
    session: Session,
    draft: PrfaqDraft,
    *,
    base: PrfaqRevision,
    submission: Submission,
    author: User,
    keep_mine_over: int | None,
) -> SaveOutcome:
    """Store the submission as the next revision unless that would lose someone's change.

    `keep_mine_over` is the newest revision the writer has seen in a conflict and chose to
    keep their changes over; it only counts while it is still the newest.
    """
    current = latest_revision(session, draft)
    current_content = Content.of(current)
    if contents_equal(submission.content, current_content):
        return SaveOutcome("unchanged", current.number)
    content = submission.content
    if base.number != current.number:
        if keep_mine_over != current.number:
            return SaveOutcome("conflict", current.number, theirs=current)
        content = merged(Content.of(base), submission.content, current_content)
    saved = save_revision(session, draft, base=current.number, content=content, author=author)
    if saved is None:  # another process saved between our read and our write
        current = latest_revision(session, draft)
        return SaveOutcome("conflict", current.number, theirs=current)
    return SaveOutcome("saved", saved.number)


def _texts(content: Content) -> dict[str, str]:
    return {**content.sections, **faq_texts(content.faqs)}


def conflict_view(
    session: Session,
    draft: PrfaqDraft,
    *,
    base: PrfaqRevision,
    theirs: PrfaqRevision,
    typed: Content,
) -> ConflictView:
    """What others changed since `base`, each part beside the writer's own text."""
    base_content, their_content = Content.of(base), Content.of(theirs)
    mine_changed = set(changed_parts(base_content, typed))
    base_texts, their_texts, my_texts = _texts(base_content), _texts(their_content), _texts(typed)
    parts = []
    for part in changed_parts(base_content, their_content):
        theirs_text, mine_text = their_texts.get(part, ""), my_texts.get(part, "")
        parts.append(
            ConflictPart(
                part=part,
                theirs=theirs_text,
                mine=mine_text,
                diff=diff_html(diff_text(theirs_text, mine_text)),
                changed_by_me=part in mine_changed and mine_text != base_texts.get(part, ""),
            )
        )
    between = revisions_between(session, draft.id, base.number, theirs.number)
    names = author_names(session, between)
    authors = list(dict.fromkeys(names.get(r.author_id, "?") for r in between if r.author_id))
    return ConflictView(base=base.number, current=theirs.number, authors=authors, parts=parts)
