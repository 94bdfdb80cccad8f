"""Accounts: create, find, list, change password, and check a login."""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ..models import Role, User
from ..web.i18n import SUPPORTED_LOCALES
from . import ratelimit
from .passwords import check_strength, dummy_hash, hash_password, verify_password
from .sessions import end_sessions


class DuplicateEmail(ValueError):
    """Another account already uses this email address."""


def normalize_email(email: str) -> str:
    """Emails compare case-insensitively; store and look them up lower-cased."""
    return email.strip().lower()


def find_user(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == normalize_email(email))).first()


def create_user(
    session: Session,
    *,
    email: str,
    display_name: str,
    role: Role | str,
    password: str,
    locale: str = "en",
) -> User:
    """Add an account; raises DuplicateEmail, WeakPassword or ValueError (role, email, locale)."""
    email = normalize_email(email)
    if "@" not in email or len(email) > 254:
        raise ValueError(f"Not an email address: {email!r}")
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(f"Unsupported locale: {locale!r}")
    check_strength(password)
    if find_user(session, email) is not None:
        raise DuplicateEmail(f"An account with the email {email} already exists.")
    user = User(
        email=email,
        display_name=display_name.strip()[:120] or email.split("@")[0],
        role=Role(role).value,
        locale=locale,
        password_hash=hash_password(password),
    )
    session.add(user)
    try:
        session.commit()
    except IntegrityError as error:  # created by someone else since the check above
        session.rollback()
        raise DuplicateEmail(f"An account with the email {email} already exists.") from error
    session.refresh(user)
    return user


def list_users(session: Session) -> list[User]:
    """Every account, by email."""
    return list(session.exec(select(User).order_by(col(User.email))))


def set_password(session: Session, user: User, password: str) -> None:
    """Change a password; every session of the user ends with the old one."""
    check_strength(password)
    user.password_hash = hash_password(password)
    session.add(user)
    end_sessions(session, user_id=user.id)
    session.commit()


def authenticate(session: Session, *, email: str, password: str, address: str) -> User | None:
    """The user these credentials belong to, or None; every attempt is recorded.

    Raises TooManyAttempts, before looking at the password, while the account or the
    address is rate-limited. An unknown email costs one hash check like a known one, so
    the response time does not tell which emails have accounts.
    """
    email = normalize_email(email)
    if ratelimit.is_limited(session, email=email, address=address):
        raise ratelimit.TooManyAttempts()
    user = find_user(session, email)
    usable = user is not None and user.is_active and bool(user.password_hash)
    stored_hash = user.password_hash if usable else dummy_hash()
    # End the reading transaction before hashing: on SQLite a writing request holds the write
    # turn for each transaction, and argon2 takes about 0.3 s of CPU (issue 11).
    session.rollback()
    matched = verify_password(password, stored_hash)
    succeeded = usable and matched
    ratelimit.record_attempt(session, email=email, address=address, succeeded=succeeded)
    return user if succeeded else None
