"""Password hashing with argon2 (through pwdlib)."""

from functools import cache

from pwdlib import PasswordHash
from pwdlib.exceptions import UnknownHashError
from pwdlib.hashers.argon2 import Argon2Hasher

MIN_PASSWORD_LENGTH = 10
# Longer input is refused before hashing so nobody can make the server hash megabytes.
MAX_PASSWORD_LENGTH = 256

_hasher = PasswordHash((Argon2Hasher(),))


class WeakPassword(ValueError):
    """A password too short (or absurdly long) to accept."""


def check_strength(password: str) -> None:
    """Refuse a password that is too short or too long to be stored."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword(f"A password may have at most {MAX_PASSWORD_LENGTH} characters.")


def hash_password(password: str) -> str:
    """An argon2id hash of `password`, salted, as one self-describing string."""
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    """True when `password` matches; a missing or unreadable hash never matches."""
    if not password_hash or len(password) > MAX_PASSWORD_LENGTH:
        return False
    try:
        return _hasher.verify(password, password_hash)
    except UnknownHashError:
        return False


@cache
def dummy_hash() -> str:
    """A hash to check against when there is no account, so that costs the same time."""
    return hash_password("no account has this password")
