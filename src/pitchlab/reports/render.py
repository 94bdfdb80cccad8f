"""Documents as HTML text, outside a request too (the CLI, export jobs, the benchmark)."""

import unicodedata
from datetime import UTC, datetime
from functools import cache

from ..web.i18n import gettext as _


@cache
def _environment():
    # The pages' environment: the same filters, labels and translations as every template.
    from ..web.templating import create_templates

    return create_templates().env


def document_html(template: str, context: dict, *, for_pdf: bool = True) -> str:
    """Render a template of templates/reports/ (for_pdf: WeasyPrint gets the stylesheet)."""
    return _environment().get_template(template).render({**context, "for_pdf": for_pdf})


def generated_stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")


def reading_labels() -> dict[str, str]:
    """Words for rubrics.techdebt's share readings."""
    return {
        "below": _("below the usual band"),
        "within": _("within the usual band"),
        "above": _("above the usual band"),
    }


def clip(text: str, width: int) -> str:
    """`text` cut to `width` (wide characters count two), with an ellipsis when cut."""
    used = 0
    for index, character in enumerate(text):
        used += 2 if unicodedata.east_asian_width(character) in "WF" else 1
        if used > width:
            return text[:index].rstrip() + "…"
    return text
