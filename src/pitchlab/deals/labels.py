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
        "ic_decision": _("IC decisions"),
        "ic_correction": _("IC corrections"),
    }


def column_label(column: str) -> str:
    """The header of one of the company list's optional columns."""
    return {
        "owner": _("Deal owner"),
        "round": _("Round"),
        "raising": _("Amount raising"),
        "next_step": _("Next step"),
        "total": _("Weighted total"),
        "mine": _("My score"),
        "progress": _("Panel progress"),
    }.get(column, column)
