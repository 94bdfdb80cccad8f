"""Demo accounts from seeds/users/*.yaml, created idempotently (keyed by email)."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from sqlmodel import Session

from ..paths import resource_dir
from .users import create_user, find_user

if TYPE_CHECKING:  # pitchlab.seeding imports this module
    from ..seeding import SeedReport


@dataclass(frozen=True)
class DemoAccount:
    email: str
    display_name: str
    role: str
    password: str
    locale: str = "en"


def demo_accounts(folder: Path | None = None) -> list[DemoAccount]:
    """Every account the seed files describe, each with its file's shared password."""
    folder = folder or resource_dir("seeds") / "users"
    accounts = []
    for path in sorted(folder.glob("*.yaml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for raw in content.get("users", []):
            accounts.append(DemoAccount(password=content["password"], **raw))
    return accounts


def seed_users(session: Session, folder: Path, report: "SeedReport") -> None:
    """Create the accounts in `folder` that do not exist yet; count them in `report`."""
    for account in demo_accounts(folder):
        if find_user(session, account.email) is None:
            create_user(
                session,
                email=account.email,
                display_name=account.display_name,
                role=account.role,
                password=account.password,
                locale=account.locale,
            )
            report.count("users")
