"""Demo worksheets from seeds/worksheets/*.yaml, validated like a form (demo mode only)."""

from pathlib import Path

import yaml
from sqlmodel import Session

from ..auth.users import find_user
from ..companies.data import find_by_name
from .fields import validate
from .registry import KINDS
from .store import get_worksheet, save_worksheet


class InvalidWorksheetSeed(ValueError):
    """A demo worksheet names an unknown kind or has a field that does not validate."""


def seed_demo_worksheets(session: Session, folder: Path, report) -> None:
    """Save each listed worksheet once, as revision 1 by its author; skip missing companies."""
    for path in sorted(folder.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("worksheets", []):
            company = find_by_name(session, item["company"])
            author = find_user(session, item["author"])
            if company is None or author is None:
                continue
            if item["kind"] not in KINDS:
                raise InvalidWorksheetSeed(f"{path.name}: unknown kind {item['kind']!r}")
            if get_worksheet(session, company.id, item["kind"]) is not None:
                continue
            parsed = validate(KINDS[item["kind"]].FIELDS, item["data"])
            if parsed.errors:
                raise InvalidWorksheetSeed(f"{path.name}: {item['company']}: {parsed.errors}")
            save_worksheet(
                session, company_id=company.id, kind=item["kind"], parsed=parsed, user=author
            )
            report.count("worksheets")
