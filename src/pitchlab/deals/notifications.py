"""A user's notifications: the list, the unread count in the navigation, marking read."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from ..models import Activity, Company, Notification, User, utcnow
from ..pagination import Page, paginate

NOTIFICATIONS_PAGE_SIZE = 30


@dataclass(frozen=True)
class NotificationRow:
    id: int
    reason: str
    created_at: datetime
    read: bool
    company_id: int
    company_name: str
    actor_name: str | None
    kind: str
    body: str
    payload: dict


def unread_count(session: Session, user_id: int) -> int:
    return session.exec(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user_id, col(Notification.read_at).is_(None))
    ).one()


def notifications(
    session: Session, user_id: int, *, page: int = 1, unread_only: bool = False
) -> Page[NotificationRow]:
    """One page of a user's notifications, newest first, with what they point at."""
    actor = aliased(User)
    statement = (
        select(Notification, Activity, Company.name, actor.display_name)
        .join(Activity, col(Activity.id) == Notification.activity_id)
        .join(Company, col(Company.id) == Activity.company_id)
        .outerjoin(actor, col(actor.id) == Activity.actor_id)
        .where(Notification.user_id == user_id)
        .order_by(col(Notification.created_at).desc(), col(Notification.id).desc())
    )
    if unread_only:
        statement = statement.where(col(Notification.read_at).is_(None))
    found = paginate(session, statement, page=page, page_size=NOTIFICATIONS_PAGE_SIZE)
    rows = [
        NotificationRow(
            id=note.id,
            reason=note.reason,
            created_at=note.created_at,
            read=note.read_at is not None,
            company_id=activity.company_id,
            company_name=name,
            actor_name=actor_name,
            kind=activity.kind,
            body="" if activity.deleted_at else activity.body,
            payload=activity.payload,
        )
        for note, activity, name, actor_name in found.items
    ]
    return Page(items=rows, total=found.total, page=found.page, page_size=found.page_size)


def mark_read(session: Session, user_id: int, notification_id: int | None = None) -> int:
    """Mark one notification (or, without an id, all of them) read; returns how many."""
    statement = update(Notification).where(
        col(Notification.user_id) == user_id, col(Notification.read_at).is_(None)
    )
    if notification_id is not None:
        statement = statement.where(col(Notification.id) == notification_id)
    result = session.exec(statement.values(read_at=utcnow()))
    session.commit()
    return result.rowcount
