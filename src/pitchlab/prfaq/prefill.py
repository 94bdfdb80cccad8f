"""Starting a draft from what the fund already knows about the company."""

import re
from collections.abc import Mapping

from .document import TemplateDocument

# Company fields a template may pre-fill from. The evaluator's private notes are left out on
# purpose: a press release draft is often shared with the founders.
PREFILL_FIELDS: frozenset[str] = frozenset(
    {
        "name",
        "one_liner",
        "website",
        "sector",
        "stage",
        "status",
        "modality",
        "model_strategy",
        "founders",
        "location",
        "founded_year",
        "tags",
        "customers",
    }
)

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_FIELD_NAME = re.compile(r"^[a-z_]+$")
# Left over at the edges when a field is empty: "{location}, launch day" without a location.
_EDGE_PUNCTUATION = " \t\n,;:，；：、"


def placeholder_names(pattern: str) -> list[str]:
    """Field names a prefill pattern uses; a bare field name is its own placeholder."""
    if _FIELD_NAME.match(pattern.strip()):
        return [pattern.strip()]
    return [name.strip() for name in _PLACEHOLDER.findall(pattern)]


def _field_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(item) for item in value if str(item).strip())
    return str(value).strip()


def fill_pattern(pattern: str, company: Mapping[str, object]) -> str:
    """Fill `{field}` placeholders from the company; empty when every field used is empty."""
    names = placeholder_names(pattern)
    values = {name: _field_text(company.get(name)) for name in names}
    if not any(values.values()):
        return ""
    if _FIELD_NAME.match(pattern.strip()):
        return values[pattern.strip()]
    # A plain substitution, not str.format: company text can never reach attribute lookups.
    filled = _PLACEHOLDER.sub(lambda match: values.get(match.group(1).strip(), ""), pattern)
    return filled.strip(_EDGE_PUNCTUATION)


def prefill_sections(
    template: TemplateDocument, company: Mapping[str, object], *, language: str
) -> dict[str, str]:
    """Return a starting text for every section of the template, "" where it has no prefill."""
    filled: dict[str, str] = {}
    for section in template.sections:
        pattern = section.prefill.text(language) if section.prefill else ""
        filled[section.key] = fill_pattern(pattern, company) if pattern else ""
    return filled
