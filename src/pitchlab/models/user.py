"""People who use pitchlab, their API tokens and their login attempts."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow


class Role(StrEnum):
    ADMIN = "admin"
    PARTNER = "partner"
    ANALYST = "analyst"
    VIEWER = "viewer"


class User(SQLModel, table=True):
    """An account: admins manage, partners and analysts evaluate, viewers read."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)
    display_name: str = Field(max_length=120)
    role: str = Field(default=Role.ANALYST.value, max_length=20)
    locale: str = Field(default="en", max_length=10)
    password_hash: str = Field(default="", max_length=255)
    is_active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The home page's "changed since my last visit" (issue 13): the latest visit, and the one
    # before the current sitting, which is what "since" means.
    last_visit_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    previous_visit_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ApiToken(SQLModel, table=True):
    """A bearer token for the JSON API; only its hash is stored."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    name: str = Field(default="", max_length=120)
    token_hash: str = Field(max_length=128, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LoginAttempt(SQLModel, table=True):
    """One try at logging in; kept in the database so every app process sees the same limit."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, index=True)
    address: str = Field(max_length=64, index=True)
    succeeded: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class AppSetting(SQLModel, table=True):
    """A fund-wide switch an admin sets in the app (e.g. partners see scores early)."""

    key: str = Field(primary_key=True, max_length=80)
    value: dict = Field(default_factory=dict, sa_type=JSON)


class LoginSession(SQLModel, table=True):
    """A signed-in browser. The cookie carries a random key; only its hash is stored, so the
    server can end a session (logout, password change, deactivation) and a copied cookie stops
    working at once (issue 11)."""

    id: int | None = Field(default=None, primary_key=True)
    key_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    user_agent: str = Field(default="", max_length=200)
    address: str = Field(default="", max_length=64)
