"""Documents as HTML text, outside a request too (the CLI, export jobs, the benchmark)."""

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
