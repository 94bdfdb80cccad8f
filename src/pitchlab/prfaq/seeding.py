"""PR/FAQ templates (always) and demo drafts (demo mode) from seeds/prfaq, idempotently.

Templates are keyed by key and version, drafts by company and title; a second run adds nothing.
"""

from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from sqlmodel import Session

from ..auth.users import find_user
from ..companies.data import find_by_name
from .document import FAQ_PARTS
from .drafts import load_draft_seeds
from .library import find_template, install_template
from .store import Content, add_draft, find_draft
from .templates import load_template

if TYPE_CHECKING:  # pitchlab.seeding imports this module
    from ..seeding import SeedReport

DRAFTS_KEY = "drafts"  # the top-level key that marks the demo drafts file (seeds/prfaq/README.md)
# Demo drafts are written up by the demo analyst, as a fund's analyst would during diligence.
DEMO_AUTHOR_EMAIL = "analyst@pitchlab.example"


def _is_drafts_file(path: Path) -> bool:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return isinstance(data, dict) and DRAFTS_KEY in data


def template_paths(folder: Path) -> list[Path]:
    """The template files under seeds/prfaq, without the demo drafts file."""
    return [path for path in sorted(folder.glob("*.yaml")) if not _is_drafts_file(path)]


def draft_paths(folder: Path) -> list[Path]:
    return [path for path in sorted(folder.glob("*.yaml")) if _is_drafts_file(path)]


def seed_prfaq_templates(session: Session, seeds_dir: Path, report: "SeedReport") -> None:
    """Install every template file; a broken one raises TemplateInvalid naming the problem."""
    for path in template_paths(seeds_dir / "prfaq"):
        template = load_template(path)
        # As with rubric packs, an installed version stays as it is even if its seed file was
        # edited since: drafts point at it. A change ships by raising `version`.
        if find_template(session, template.key, template.version) is None:
            install_template(session, template, source=str(path))
            report.count("PR/FAQ templates")


def seed_demo_drafts(session: Session, seeds_dir: Path, report: "SeedReport") -> None:
    """Add the demo drafts whose company and template exist and that are not there yet."""
    author = find_user(session, DEMO_AUTHOR_EMAIL)
    for path in draft_paths(seeds_dir / "prfaq"):
        for seed in load_draft_seeds(path):
            company = find_by_name(session, seed.company)
            template_row = find_template(session, seed.template)
            if company is None or template_row is None:
                continue
            if find_draft(session, company_id=company.id, title=seed.title) is not None:
                continue
            faqs = seed.faq_dicts()
            content = Content(dict(seed.sections), {part: faqs.get(part, []) for part in FAQ_PARTS})
            add_draft(
                session,
                company_id=company.id,
                template_row=template_row,
                title=seed.title,
                language=seed.language,
                author=author,
                content=content,
            )
            report.count("PR/FAQ drafts")
