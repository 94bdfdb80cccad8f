"""The names of document kinds, in the reader's language."""

from ..web.i18n import gettext as _


def kind_labels() -> dict[str, str]:
    return {
        "deck": _("Pitch deck"),
        "one-pager": _("One-pager"),
        "financials": _("Financial model"),
        "memo": _("Memo"),
        "other": _("Other"),
    }
