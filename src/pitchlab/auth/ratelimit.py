"""Login rate limits, counted in the LoginAttempt table so every app process shares them.

Failures count per account (guessing one person's password) and per client address
(trying many accounts from one place). A successful login clears its account's count but
not its address's, or an attacker could reset the address limit with an account of their own.
"""

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, func, select

from ..models import LoginAttempt, utcnow

MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_ADDRESS = 20
FAILURE_WINDOW = timedelta(minutes=15)
# Old attempts are deleted as new ones arrive, so the table stays small.
ATTEMPT_RETENTION = timedelta(days=30)
EMAIL_COLUMN_LENGTH = 254
ADDRESS_COLUMN_LENGTH = 64


class TooManyAttempts(Exception):
    """Login refused without checking the password: too many recent failures."""


def _failures_since(session: Session, column, value: str, since: datetime) -> int:
    query = (
        select(func.count())
        .select_from(LoginAttempt)
        .where(
            column == value,
            col(LoginAttempt.succeeded).is_(False),
            col(LoginAttempt.created_at) > since,
        )
    )
    return session.exec(query).one()


def _last_success(session: Session, email: str) -> datetime | None:
    query = select(func.max(LoginAttempt.created_at)).where(
        LoginAttempt.email == email, col(LoginAttempt.succeeded).is_(True)
    )
    return session.exec(query).one()


def is_limited(session: Session, *, email: str, address: str) -> bool:
    """True when this account or this address has failed too often lately."""
    email, address = email[:EMAIL_COLUMN_LENGTH], address[:ADDRESS_COLUMN_LENGTH]
    window_start = utcnow() - FAILURE_WINDOW
    last_success = _last_success(session, email)
    account_start = max(window_start, last_success) if last_success else window_start
    return (
        _failures_since(session, LoginAttempt.email, email, account_start) >= MAX_FAILURES_PER_EMAIL
        or _failures_since(session, LoginAttempt.address, address, window_start)
        >= MAX_FAILURES_PER_ADDRESS
    )


def record_attempt(session: Session, *, email: str, address: str, succeeded: bool) -> None:
    """Store one login attempt and forget the ones past retention."""
    session.add(
        LoginAttempt(
            email=email[:EMAIL_COLUMN_LENGTH],
            address=address[:ADDRESS_COLUMN_LENGTH],
            succeeded=succeeded,
        )
    )
    session.exec(
        delete(LoginAttempt).where(col(LoginAttempt.created_at) < utcnow() - ATTEMPT_RETENTION)
    )
    session.commit()
