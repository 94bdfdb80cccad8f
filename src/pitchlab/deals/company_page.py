"""What the company page shows of the deal workflow: terms, owner, panel, timeline."""

from sqlmodel import Session, col, select

from ..models import Company, User
from ..permissions import Action, can
from .activity import timeline
from .assignments import company_assignments, today


def evaluators(session: Session) -> list[User]:
    """Active people who may be assigned to score, by name."""
    users = session.exec(
        select(User).where(col(User.is_active).is_(True)).order_by(col(User.display_name))
    )
    return [user for user in users if can(user, Action.SCORE)]


def deal_context(session: Session, *, company: Company, user: User, conflicted: bool) -> dict:
    """Template values for the company page's deal sections; a fixed number of statements."""
    may_assign = can(user, Action.ASSIGN)
    return {
        "owner": session.get(User, company.owner_id) if company.owner_id else None,
        # Who scores a company is about scoring: hidden from a conflicted user.
        "assignments": [] if conflicted else company_assignments(session, company.id),
        "timeline": timeline(session, company_id=company.id, conflicted=conflicted),
        "timeline_kind": "",
        "assignable": evaluators(session) if may_assign else [],
        "today": today(),
    }
