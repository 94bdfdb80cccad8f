"""Translated names of the timeline's kinds of entry."""

from ..web.i18n import gettext as _


def activity_kinds() -> dict[str, str]:
    return {
        "comment": _("Comments"),
        "status": _("Status changes"),
        "assignment": _("Assignments"),
        "submission": _("Scorecard submissions"),
        "prfaq_revision": _("PR/FAQ revisions"),
        "document": _("Documents"),
        "deal": _("Deal terms"),
    }
