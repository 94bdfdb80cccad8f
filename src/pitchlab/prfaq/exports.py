"""One exported file of a draft revision, the same for the page, the API and the CLI."""

import re
from dataclasses import dataclass

from ..models import PrfaqDraft, PrfaqRevision
from .document import TemplateDocument
from .render import to_docx, to_html, to_markdown
from .store import Content

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": DOCX_TYPE,
}
EXPORT_FORMATS = tuple(MEDIA_TYPES)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_MAX = 60


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    media_type: str
    filename: str

    @property
    def disposition(self) -> str:
        return f'attachment; filename="{self.filename}"'


def export_filename(draft: PrfaqDraft, revision: int, fmt: str) -> str:
    """`prfaq-12-clausemint-launch-pr-faq-r3.docx`; ASCII only, so every browser keeps it."""
    slug = _NOT_SLUG.sub("-", draft.title.lower()).strip("-")[:SLUG_MAX].strip("-")
    stem = "-".join(part for part in ("prfaq", str(draft.id), slug, f"r{revision}") if part)
    return f"{stem}.{fmt}"


def export_file(
    template: TemplateDocument, draft: PrfaqDraft, revision: PrfaqRevision, fmt: str
) -> ExportFile:
    """The revision as Markdown, standalone HTML or DOCX, in the draft's language."""
    if fmt not in MEDIA_TYPES:
        raise ValueError(f"unknown export format {fmt!r} (use one of {', '.join(EXPORT_FORMATS)})")
    content = Content.of(revision)
    arguments = (template, draft.title, content.sections, content.faqs)
    if fmt == "docx":
        data = to_docx(*arguments, language=draft.language)
    else:
        writer = to_markdown if fmt == "md" else to_html
        data = writer(*arguments, language=draft.language).encode("utf-8")
    return ExportFile(data, MEDIA_TYPES[fmt], export_filename(draft, revision.number, fmt))
