"""Load the data files under seeds/ into a database, idempotently.

Running it twice changes nothing: each item is keyed by something stable (a company's name,
a pack's key and version) and skipped when it is already there.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sqlmodel import Session

from .anchors.data import seed_valuation_demo
from .auth.seeding import seed_users
from .companies.data import create_company, find_by_name
from .companies.schemas import CompanyIn
from .deals.seeding import seed_deal_activity, seed_deal_terms
from .documents.demo import seed_demo_decks
from .meetings.seeding import seed_demo_meetings
from .paths import resource_dir
from .prfaq.seeding import seed_demo_drafts, seed_prfaq_templates
from .rubrics.packfile import load_pack_file, seed_pack_paths
from .rubrics.store import install_pack
from .scoring.seeding import seed_scorecards
from .worksheets.seeding import seed_demo_worksheets


@dataclass
class SeedReport:
    """What one seeding run added, by kind of thing."""

    added: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, number: int = 1) -> None:
        self.added[kind] = self.added.get(kind, 0) + number

    @property
    def total(self) -> int:
        return sum(self.added.values())


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.yaml") if path.is_file())


def seed_companies(session: Session, folder: Path, report: SeedReport) -> None:
    for path in _yaml_files(folder):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")).get("companies", []):
            if find_by_name(session, raw["name"]) is None:
                create_company(session, data=CompanyIn.model_validate(raw))
                report.count("companies")


class InvalidSeed(ValueError):
    """A seed file does not pass validation; the message lists every problem."""


def seed_rubrics(session: Session, seeds_dir: Path, report: SeedReport) -> None:
    for path in seed_pack_paths(seeds_dir):
        pack_file, errors = load_pack_file(path)
        if errors:
            raise InvalidSeed("\n".join(str(error) for error in errors))
        _, added = install_pack(session, pack_file)
        if added:
            report.count("rubric packs")


def seed_all(
    session: Session,
    seeds_dir: Path | None = None,
    *,
    demo: bool = True,
    demo_scorecards: bool = True,
) -> SeedReport:
    """Load rubric packs and templates; with `demo`, also the fictional portfolio (companies,
    users and, unless `demo_scorecards` is off as in most tests, their scorecards)."""
    seeds_dir = seeds_dir or resource_dir("seeds")
    report = SeedReport()
    seed_rubrics(session, seeds_dir, report)
    seed_prfaq_templates(session, seeds_dir, report)
    if demo:
        seed_companies(session, seeds_dir / "companies", report)
        seed_users(session, seeds_dir / "users", report)
        seed_valuation_demo(session, seeds_dir / "valuations", report)
        seed_demo_drafts(session, seeds_dir, report)
        seed_demo_worksheets(session, seeds_dir / "worksheets", report)
        seed_deal_terms(session, seeds_dir / "deals", report)
        if decks := seed_demo_decks(session, seeds_dir / "documents"):
            report.count("demo decks", decks)
        if demo_scorecards:
            seed_scorecards(session, seeds_dir / "scorecards", report)
            seed_deal_activity(session, seeds_dir / "deals", report)
            seed_demo_meetings(session, seeds_dir / "meetings", report)
    return report
