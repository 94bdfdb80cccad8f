"""Comments on a company: Markdown (rendered safely), @mentions notify, authors edit or delete."""

from fastapi import HTTPException
from sqlmodel import Session

from ..models import Activity, ActivityKind, Company, User
from ..models.deals import COMMENT_MAX
from ..permissions import Action, can
from ..web.i18n import gettext as _
from .activity import delete_comment, edit_comment, record_activity
from .email import send_mention_emails
from .mentions import notify_mentions


class CommentInvalid(ValueError):
    """The text cannot be saved; the message says why, for the user."""


def clean_body(raw: object) -> str:
    body = str(raw or "").replace("\x00", "").strip()
    if not body:
        raise CommentInvalid(_("Write something first."))
    if len(body) > COMMENT_MAX:
        raise CommentInvalid(_("At most %(count)s characters.") % {"count": COMMENT_MAX})
    return body


def add_comment(session: Session, *, company: Company, author: User, raw: object, settings=None):
    """Save a comment, notify the people it mentions; returns (comment, mentioned users)."""
    comment = record_activity(
        session,
        company_id=company.id,
        kind=ActivityKind.COMMENT,
        actor_id=author.id,
        body=clean_body(raw),
    )
    mentioned = notify_mentions(session, comment, exclude=set())
    session.commit()
    session.refresh(comment)
    if settings is not None and mentioned:
        send_mention_emails(settings, comment=comment, company=company, author=author, to=mentioned)
    return comment, mentioned


def own_comment(session: Session, *, company: Company, comment_id: int, user: User) -> Activity:
    """The comment in the URL, if it is on this company and the user may change it."""
    comment = session.get(Activity, comment_id)
    if comment is None or comment.company_id != company.id or comment.kind != "comment":
        raise HTTPException(404, _("No comment with this id."))
    if comment.deleted_at is not None:
        raise HTTPException(409, _("This comment was deleted."))
    if not can(user, Action.COMMENT_EDIT, owner_id=comment.actor_id):
        raise HTTPException(403, _("Only its author may change a comment."))
    return comment


def change_comment(session: Session, comment: Activity, raw: object) -> Activity:
    return edit_comment(session, comment, body=clean_body(raw))


def remove_comment(session: Session, comment: Activity) -> None:
    delete_comment(session, comment)
