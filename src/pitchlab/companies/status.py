"""Who may move a company along the pipeline: one rule for the form, the API and imports.

Before issue 11 the form, the import and PATCH refused an analyst's status change while
`POST /api/v1/companies` stored it; every path now asks `status_refusal`.
"""

from ..models import PipelineStatus, User
from ..permissions import Action, can
from ..web.i18n import gettext as _

NEW_COMPANY_STATUS = PipelineStatus.SOURCED.value


def status_refusal(user: User, *, new: str | None, current: str = NEW_COMPANY_STATUS) -> str | None:
    """Why `user` may not set the status `new` on a company now at `current`, or None.

    Leaving the status as it is (or unset) is part of editing a company; changing it is a
    decision (Action.COMPANY_SET_STATUS)."""
    if new in (None, "", current) or can(user, Action.COMPANY_SET_STATUS):
        return None
    return _("Only partners and admins change the pipeline status.")
