"""No known credentials outside development (issue 11).

Demo accounts share a password printed in the repository, so a production server that finds
one still using it refuses to start. A fresh production database gets its first admin through
`pitchlab user add`, or through a one-time setup link that `pitchlab serve` prints on the
console (as Datasette's `--root` does): the link's token is stored hashed and works once.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from ..models import AppSetting, Role, User, utcnow
from .passwords import verify_password
from .seeding import demo_accounts

SETUP_SETTING = "first_admin_setup"
SETUP_LIFETIME = timedelta(hours=24)
SETUP_TOKEN_BYTES = 24


class KnownCredentials(RuntimeError):
    """Accounts with a published demo password exist where only development allows them."""

    def __init__(self, emails: list[str]) -> None:
        self.emails = emails
        super().__init__(
            "pitchlab will not run in production while accounts still use the published demo "
            f"password: {', '.join(emails)}. Give each a new password "
            "(`pitchlab user password EMAIL`) or deactivate it, then start again."
        )


def accounts_with_demo_passwords(session: Session) -> list[str]:
    """Emails of active accounts that still accept a demo password from seeds/users."""
    known = {account.email: account.password for account in demo_accounts()}
    if not known:
        return []
    users = session.exec(
        select(User).where(col(User.email).in_(list(known)), col(User.is_active).is_(True))
    )
    return sorted(
        user.email for user in users if verify_password(known[user.email], user.password_hash)
    )


def refuse_known_credentials(session: Session) -> None:
    """Raise KnownCredentials when a demo password would let anyone in."""
    emails = accounts_with_demo_passwords(session)
    if emails:
        raise KnownCredentials(emails)


def has_admin(session: Session) -> bool:
    statement = select(User.id).where(User.role == Role.ADMIN.value, col(User.is_active).is_(True))
    return session.exec(statement.limit(1)).first() is not None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_setup_token(session: Session) -> str:
    """A new one-time token for creating the first admin (any earlier one stops working)."""
    token = secrets.token_urlsafe(SETUP_TOKEN_BYTES)
    expires = (utcnow() + SETUP_LIFETIME).isoformat()
    row = session.get(AppSetting, SETUP_SETTING) or AppSetting(key=SETUP_SETTING)
    row.value = {"hash": _digest(token), "expires": expires}
    session.add(row)
    session.commit()
    return token


def setup_token_valid(session: Session, token: str) -> bool:
    """Whether `token` is the live setup token and no admin exists yet."""
    row = session.get(AppSetting, SETUP_SETTING)
    if row is None or not token or has_admin(session):
        return False
    expires = datetime.fromisoformat(row.value.get("expires", "1970-01-01T00:00:00+00:00"))
    return expires > utcnow() and secrets.compare_digest(row.value.get("hash", ""), _digest(token))


def spend_setup_token(session: Session) -> None:
    """Forget the setup token; the caller commits with the new admin."""
    row = session.get(AppSetting, SETUP_SETTING)
    if row is not None:
        session.delete(row)
