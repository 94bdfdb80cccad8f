"""Bearer tokens for the JSON API: shown once at creation, stored only as a SHA-256 hash.

A token is 32 random bytes, so a fast unsalted hash is enough: nobody can guess one from it.
"""

import hashlib
import secrets

from sqlmodel import Session, col, select

from ..models import ApiToken, User, utcnow

TOKEN_PREFIX = "pl_"
TOKEN_BYTES = 32


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(session: Session, *, user: User, name: str) -> str:
    """Issue a token for `user` and return it; this is the only time it can be read."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    session.add(ApiToken(user_id=user.id, name=name[:120], token_hash=_digest(raw)))
    session.commit()
    return raw


def find_token(session: Session, raw: str) -> ApiToken | None:
    """The stored token matching `raw`, revoked or not."""
    return session.exec(select(ApiToken).where(ApiToken.token_hash == _digest(raw))).first()


def user_for_token(session: Session, raw: str) -> User | None:
    """The active user a live token belongs to, or None."""
    token = find_token(session, raw)
    if token is None or token.revoked_at is not None:
        return None
    user = session.get(User, token.user_id)
    return user if user is not None and user.is_active else None


def revoke_token(session: Session, token_id: int) -> bool:
    """Revoke a token by id; False when there is no live token with that id."""
    token = session.get(ApiToken, token_id)
    if token is None or token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    session.add(token)
    session.commit()
    return True


def list_tokens(session: Session, *, user: User | None = None) -> list[ApiToken]:
    """Every token (or one user's), oldest first."""
    query = select(ApiToken).order_by(col(ApiToken.id))
    if user is not None:
        query = query.where(ApiToken.user_id == user.id)
    return list(session.exec(query))
