"""Demo drafts shipped as seed data (seeds/prfaq/demo-drafts.yaml)."""

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from .document import Key, Language, TemplateDocument


class FaqEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = ""
    answer: str = ""


class DraftSeed(BaseModel):
    """One demo draft: which company (by name), which template, and its text."""

    model_config = ConfigDict(extra="forbid")

    company: str
    template: Key
    language: Language
    title: str
    sections: dict[str, str] = {}
    faqs: dict[Literal["external", "internal"], list[FaqEntry]] = {}

    def faq_dicts(self) -> dict[str, list[dict[str, str]]]:
        """The FAQ in the plain shape revisions store and the domain functions read."""
        return {
            part: [entry.model_dump() for entry in entries] for part, entries in self.faqs.items()
        }


def load_draft_seeds(path: Path | str) -> list[DraftSeed]:
    """Read the demo drafts file; pydantic errors name the draft index and field."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return [DraftSeed.model_validate(item) for item in data.get("drafts") or []]


def unknown_sections(draft: DraftSeed, template: TemplateDocument) -> list[str]:
    """Section keys of a draft that its template does not have (a typo in the seed)."""
    known = set(template.section_keys())
    return [key for key in draft.sections if key not in known]
