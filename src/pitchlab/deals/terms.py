"""Deal terms on a company: who may own a deal, and the terms as forms and pages show them."""

from sqlmodel import Session, col, select

from ..models import Company, User
from ..permissions import Action, can
from ..web.i18n import gettext as _
from .money import major_text

MONEY_FIELDS = ("amount_raising", "pre_money", "check_size")
DATE_FIELDS = ("next_step_due", "first_contact")


def deal_owners(session: Session) -> list[User]:
    """Active users who may own a deal (partners and admins), by name."""
    users = session.exec(
        select(User).where(col(User.is_active).is_(True)).order_by(col(User.display_name))
    )
    return [user for user in users if can(user, Action.DEAL_OWN)]


def owner_error(session: Session, owner_id: int | None) -> dict[str, str]:
    """{"owner_id": message} when the chosen owner may not own a deal, else {}."""
    if owner_id is None:
        return {}
    owner = session.get(User, owner_id)
    if owner is None or not can(owner, Action.DEAL_OWN):
        return {"owner_id": _("A deal owner must be an active partner or admin.")}
    return {}


def form_values(company: Company) -> dict[str, str]:
    """The deal terms of a company as an edit form shows them (amounts in major units)."""
    values = {name: major_text(getattr(company, name), company.currency) for name in MONEY_FIELDS}
    for name in DATE_FIELDS:
        day = getattr(company, name)
        values[name] = day.isoformat() if day else ""
    values["owner_id"] = str(company.owner_id or "")
    return values
