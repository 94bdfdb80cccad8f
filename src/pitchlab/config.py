"""Settings read from the environment (prefix PITCHLAB_)."""

from typing import Literal

from pydantic import field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Values a careless deployment might leave in place; refused outside development.
PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "secret", "dev"})
DEFAULT_DATABASE_URL = "sqlite:///pitchlab.db"


def normalize_database_url(url: str) -> str:
    """Route every PostgreSQL URL through psycopg 3, whatever spelling a host gives it."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Settings(BaseSettings):
    """Everything that differs between a laptop demo, a test run and a fund's server."""

    model_config = SettingsConfigDict(env_prefix="PITCHLAB_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str = "change-me"
    environment: Literal["development", "production", "test"] = "development"
    # Demo mode seeds fictional companies and users and shows the demo passwords on login.
    demo: bool = False
    # Upgrade the schema at start-up instead of refusing to run on pending migrations.
    auto_migrate: bool = False
    page_size: int = 25
    # Companies per page of the compare matrix: past a few hundred rows of 30-odd criteria a
    # browser struggles with the table (2,000 companies made 12 MB of HTML).
    compare_page_size: int = 200
    # Largest request body accepted before it is read whole (issue 7).
    max_body_bytes: int = 2 * 1024 * 1024
    # Notification emails (issue 13): off unless an SMTP host is set.
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    smtp_from: str = "pitchlab@localhost"
    # The address people open pitchlab at, for links in emails.
    base_url: str = "http://127.0.0.1:8000"
    # Documents (issue 12): uploads up to this size are let through the body cap above.
    document_max_bytes: int = 50 * 1024 * 1024
    document_max_pages: int = 300
    # Empty: files are stored in the database (backups carry them). A folder: files go there.
    document_dir: str = ""
    # Rendered page images; a cache, so any local folder works (default: the system temp dir).
    page_cache_dir: str = ""

    @field_validator("database_url")
    @classmethod
    def _normalize_url(cls, value: str) -> str:
        return normalize_database_url(value)

    @model_validator(mode="after")
    def _refuse_placeholder_secret(self) -> "Settings":
        if self.environment != "development" and self.secret_key.strip() in PLACEHOLDER_SECRETS:
            raise ValueError(
                "PITCHLAB_SECRET_KEY is a placeholder; set a long random value outside development"
            )
        return self

    @model_validator(mode="after")
    def _demo_only_in_development(self) -> "Settings":
        # Demo mode publishes the demo passwords on /login (issue 11).
        if self.demo and self.environment != "development":
            raise ValueError("PITCHLAB_DEMO is for development only; unset it")
        return self

    @property
    def allows_demo(self) -> bool:
        """Only a development server seeds the demo portfolio and its published passwords."""
        return self.environment == "development"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
