"""PR/FAQ drafting: templates as data, prefill, completeness, revision diffs and exports.

Everything here is a plain function over plain data; routes and storage live elsewhere.
"""

from .completeness import Finding, check_completeness
from .diffing import DiffSpan, SectionDiff, diff_html, diff_revisions, diff_text, faq_texts
from .document import LANGUAGES, TemplateDocument, TemplateSection, resolve_language
from .drafts import DraftSeed, load_draft_seeds
from .prefill import PREFILL_FIELDS, prefill_sections
from .render import to_docx, to_html, to_markdown
from .templates import (
    TemplateError,
    TemplateInvalid,
    load_template,
    parse_template,
    validate_template,
)
from .text import word_count

__all__ = [
    "LANGUAGES",
    "PREFILL_FIELDS",
    "DiffSpan",
    "DraftSeed",
    "Finding",
    "SectionDiff",
    "TemplateDocument",
    "TemplateError",
    "TemplateInvalid",
    "TemplateSection",
    "check_completeness",
    "diff_html",
    "diff_revisions",
    "diff_text",
    "faq_texts",
    "load_draft_seeds",
    "load_template",
    "parse_template",
    "prefill_sections",
    "resolve_language",
    "to_docx",
    "to_html",
    "to_markdown",
    "validate_template",
    "word_count",
]
