"""The committee's votes, decision and minutes as a memo prints them, from the meeting's
record (meetings.minutes, built on the meeting pages' own view): hidden votes stay hidden."""

from sqlmodel import Session

from ..companies.labels import choice_label
from ..meetings.minutes import ItemMinutes, company_decisions
from ..models import User
from ..web.i18n import gettext as _
from .memo import DecisionText


def decision_text(item: ItemMinutes) -> DecisionText | None:
    """Votes once revealed, and the decision once taken; None while neither is there."""
    if not item.decision and not item.revealed:
        return None
    return DecisionText(
        label=choice_label("decision", item.decision) if item.decision else _("No decision yet."),
        decided_at=f"{item.meeting_title} · {item.held_on.isoformat()}",
        conditions=item.conditions,
        tally=" · ".join(
            f"{choice_label('decision', choice)}: {count}" for choice, count in item.tally.items()
        ),
        votes=[
            f"{vote.voter_name}: {choice_label('decision', vote.choice)}"
            + (f" — {vote.note}" if vote.note else "")
            for vote in item.votes
        ],
        not_voting=", ".join(item.not_voting),
        minutes=item.minutes,
    )


def latest_decision(session: Session, user: User, company_id: int) -> DecisionText | None:
    """The company's latest decision, as `user` may read its meeting's record."""
    decided = company_decisions(session, company_id, user)
    return decision_text(decided[0]) if decided else None
