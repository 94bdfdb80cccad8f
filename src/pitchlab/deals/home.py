"""The home page's data: what the signed-in person should do next (issue 13).

Every section is a fixed number of statements whatever the portfolio's size; the disagreement
list reuses the comparison's own rule (compare.aggregates.cell_aggregates) on the scores the
user may see, so it flags exactly what the compare page flags.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select

from ..compare.aggregates import cell_aggregates
from ..compare.flags import gate_failures
from ..compare.loading import Portfolio, load_portfolio
from ..compare.selection import Selection
from ..models import Activity, Assignment, Company, Conflict, PipelineStatus, User, utcnow
from ..models.deals import SCORE_RELATED_KINDS
from ..permissions import Action, can
from .assignments import AssignmentRow, assignment_rows, open_queue, today
from .money import totals_by_currency

QUEUE_LIMIT = 50
LIST_LIMIT = 10
# A visit within this gap continues the same sitting: "since my last visit" stays put.
SITTING_GAP = timedelta(minutes=30)
FIRST_VISIT_LOOKBACK = timedelta(days=7)
CHART_WIDTH = 200


@dataclass
class Home:
    queue: list[AssignmentRow]
    overdue: list[AssignmentRow]
    since: datetime
    changed: list[dict]
    pipeline: list[dict]
    owned: list[Company] = field(default_factory=list)
    owned_totals: dict[str, int] = field(default_factory=dict)


def note_visit(session: Session, user: User) -> datetime:
    """Record this visit; return the time "changed since my last visit" counts from."""
    now = utcnow()
    last = user.last_visit_at
    previous = user.previous_visit_at
    if last is None or now - last > SITTING_GAP:
        previous = last  # a new sitting: the last one becomes "my last visit"
    values = {"last_visit_at": now, "previous_visit_at": previous}
    # A GET that writes: end the read transaction first, so that on SQLite the UPDATE opens a
    # transaction of its own and waits for the write lock instead of failing on a stale read.
    session.commit()
    session.exec(update(User).where(col(User.id) == user.id).values(**values))
    session.commit()
    return previous or now - FIRST_VISIT_LOOKBACK


def changed_since(session: Session, user: User, since: datetime) -> list[dict]:
    """Companies edited, or with new activity by someone else, since `since` (newest first)."""
    conflicted = select(Conflict.company_id).where(Conflict.user_id == user.id)
    activity = (
        select(
            Activity.company_id,
            func.count().label("entries"),
            func.max(Activity.created_at).label("latest"),
        )
        .where(
            Activity.created_at > since,
            or_(col(Activity.actor_id).is_(None), Activity.actor_id != user.id),
            or_(
                col(Activity.kind).not_in(SCORE_RELATED_KINDS),
                col(Activity.company_id).not_in(conflicted),
            ),
        )
        .group_by(Activity.company_id)
        .subquery()
    )
    rows = session.exec(
        select(Company, activity.c.entries)
        .outerjoin(activity, activity.c.company_id == Company.id)
        .where(
            col(Company.archived_at).is_(None),
            or_(Company.updated_at > since, activity.c.entries.is_not(None)),
        )
        .order_by(func.coalesce(activity.c.latest, Company.updated_at).desc())
        .limit(LIST_LIMIT)
    ).all()
    return [{"company": company, "entries": entries or 0} for company, entries in rows]


def panel_watch(session: Session, user: User) -> dict:
    """Where the panel disagrees most and the deal-breakers, from one read of the scores.

    It reads every visible score (about a second on the 2,000-company benchmark), so the home
    page loads it as a fragment of its own after the page (issue 13's 100 ms is the page's)."""
    portfolio = load_portfolio(session, Selection(), user=user)
    return {
        "disagreements": most_disagreed(portfolio),
        "deal_breakers": deal_breakers(portfolio),
    }


def most_disagreed(portfolio: Portfolio) -> list[dict]:
    """Companies with the most disagreement flags on the compare page's rule."""
    if portfolio.scores.empty:
        return []
    cells = cell_aggregates(portfolio.scores)
    per_company = cells.groupby("company_id", observed=True).agg(
        n_flags=("disagreement", "sum"), n_cells=("disagreement", "size")
    )
    top = per_company[per_company["n_flags"] > 0].sort_values(
        ["n_flags", "n_cells"], ascending=[False, True]
    )
    candidates = portfolio.candidates
    names = dict(zip(candidates["company_id"], candidates["company_name"], strict=True))
    return [
        {"id": int(company), "name": names.get(company, "?"), "flags": int(row["n_flags"])}
        for company, row in top.head(LIST_LIMIT).iterrows()
    ]


def deal_breakers(portfolio: Portfolio) -> list[dict]:
    """Companies whose panel median on a gating criterion is at or below its gate (issue 15),
    one entry per company with every failed gate as a reason, whatever its average."""
    failures = gate_failures(portfolio.scores, portfolio.facts.gates)
    if failures.empty:
        return []
    scores = portfolio.scores[portfolio.scores["company_id"].isin(failures["company_id"])]
    titles = dict(zip(scores["criterion_key"].astype(str), scores["criterion_title"], strict=False))
    names = dict(zip(scores["company_id"], scores["company_name"], strict=False))
    companies: dict[int, dict] = {}
    for row in failures.sort_values(["company_id", "pack_key", "criterion_key"]).itertuples():
        company_id = int(row.company_id)
        entry = companies.setdefault(
            company_id, {"id": company_id, "name": names.get(company_id, "?"), "reasons": []}
        )
        entry["reasons"].append(
            {
                "criterion_key": row.criterion_key,
                "criterion_title": titles.get(row.criterion_key, row.criterion_key),
                "median": float(row.median),
                "threshold": int(row.threshold),
            }
        )
    return sorted(companies.values(), key=lambda c: c["name"].lower())


def pipeline_counts(session: Session) -> list[dict]:
    """Active companies per pipeline status, in pipeline order, with a bar length each."""
    counts = dict(
        session.exec(
            select(Company.status, func.count())
            .where(col(Company.archived_at).is_(None))
            .group_by(Company.status)
        ).all()
    )
    largest = max(counts.values(), default=0) or 1
    return [
        {
            "status": status.value,
            "count": counts.get(status.value, 0),
            "width": round(CHART_WIDTH * counts.get(status.value, 0) / largest),
        }
        for status in PipelineStatus
    ]


def owned_deals(session: Session, user: User) -> list[Company]:
    return list(
        session.exec(
            select(Company)
            .where(Company.owner_id == user.id, col(Company.archived_at).is_(None))
            .order_by(
                col(Company.next_step_due).is_(None), col(Company.next_step_due), Company.name_key
            )
            .limit(QUEUE_LIMIT)
        )
    )


def home_for(session: Session, user: User) -> Home:
    """Everything the home page shows to `user`."""
    since = note_visit(session, user)
    queue = open_queue(session, user.id, limit=QUEUE_LIMIT)
    day = today()
    if can(user, Action.ASSIGN):
        # Whoever hands out work sees the whole team's late assignments.
        overdue = assignment_rows(
            session,
            col(Assignment.completed_at).is_(None),
            col(Assignment.due_date) < day,
            limit=QUEUE_LIMIT,
        )
    else:
        overdue = [row for row in queue if row.overdue(day)]
    owned = owned_deals(session, user) if can(user, Action.DEAL_OWN) else []
    return Home(
        queue=queue,
        overdue=overdue,
        since=since,
        changed=changed_since(session, user, since),
        pipeline=pipeline_counts(session),
        owned=owned,
        owned_totals=totals_by_currency((c.amount_raising, c.currency) for c in owned),
    )
