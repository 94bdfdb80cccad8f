"""The committee's votes, decision and minutes as a memo prints them, read through the meeting
pages' own view (meetings.views), so hidden votes stay hidden and corrections are shown."""

from sqlmodel import Session, col, select

from ..companies.labels import choice_label
from ..meetings.views import ItemView, MeetingView, meeting_view
from ..models import AgendaItem, Meeting, User
from ..web.i18n import gettext as _
from .memo import DecisionText


def decision_text(view: MeetingView, entry: ItemView) -> DecisionText | None:
    """Votes once revealed, and the decision once taken; None while neither is there."""
    item = entry.item
    if not item.decision and not entry.revealed:
        return None
    meeting = view.meeting
    return DecisionText(
        label=choice_label("decision", item.decision) if item.decision else _("No decision yet."),
        decided_at=f"{meeting.title} · {meeting.held_on.isoformat()}",
        conditions=item.conditions,
        tally=" · ".join(
            f"{choice_label('decision', choice)}: {count}" for choice, count in entry.tally.items()
        ),
        votes=[
            f"{name}: {choice_label('decision', vote.choice)}"
            + (f" — {vote.note}" if vote.note else "")
            for vote, name in entry.votes
        ],
        minutes=item.minutes,
        corrections=[
            f"{author or _('Someone')} · {correction.created_at:%Y-%m-%d}: {correction.body}"
            for correction, author in view.corrections
            if correction.item_id == item.id
        ],
    )


def latest_decision(session: Session, user: User, company_id: int) -> DecisionText | None:
    """The company's latest decided (or revealed) agenda item, as `user` may see it."""
    row = session.exec(
        select(AgendaItem, Meeting)
        .join(Meeting, col(Meeting.id) == AgendaItem.meeting_id)
        .where(AgendaItem.company_id == company_id)
        .where((AgendaItem.decision != "") | col(AgendaItem.revealed_at).is_not(None))
        .order_by(col(Meeting.held_on).desc(), col(Meeting.id).desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    view = meeting_view(session, row[1], user)
    entry = view.item(row[0].id)
    return decision_text(view, entry) if entry else None
