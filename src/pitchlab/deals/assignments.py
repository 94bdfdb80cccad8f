"""Assignments: a partner asks evaluators to score companies with a pack by a date (issue 13).

An assignment is done when its scorecard is submitted (`scorecard_submitted`, called by
scoring), or when the API marks it done. A conflicted evaluator cannot be assigned.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from ..models import (
    ActivityKind,
    Assignment,
    Company,
    Evaluation,
    Notification,
    RubricPack,
    RubricVersion,
    User,
    utcnow,
)
from ..permissions import Action, can
from ..scoring.access import conflicted_user_ids
from ..web.i18n import gettext as _
from ..web.i18n import localized
from .activity import record_activity

MAX_BULK = 200  # companies x people in one request


@dataclass(frozen=True)
class AssignmentRow:
    """An assignment as lists show it, with how far its scorecard has come."""

    id: int
    company_id: int
    company_name: str
    company_status: str
    user_id: int
    user_name: str
    pack_key: str
    pack_title: str
    due_date: date | None
    created_at: datetime
    completed_at: datetime | None
    started: bool

    @property
    def state(self) -> str:
        if self.completed_at is not None:
            return "submitted"
        return "started" if self.started else "assigned"

    def overdue(self, today: date) -> bool:
        return self.completed_at is None and self.due_date is not None and self.due_date < today


def _started():
    """Whether the assignee has opened a scorecard for the assignment's company and pack: a
    correlated EXISTS, which the evaluation's company index answers per row."""
    versions = select(RubricVersion.id).where(RubricVersion.pack_id == Assignment.pack_id)
    return (
        select(Evaluation.id)
        .where(
            Evaluation.company_id == Assignment.company_id,
            Evaluation.evaluator_id == Assignment.user_id,
            col(Evaluation.rubric_version_id).in_(versions),
        )
        .exists()
    )


def _pack_titles(session: Session) -> dict[int, str]:
    rows = session.exec(
        select(RubricVersion.pack_id, RubricVersion.title).order_by(col(RubricVersion.version))
    ).all()
    return {pack_id: localized(title) for pack_id, title in rows}  # newest version wins


def assignment_rows(session: Session, *conditions, limit: int | None = None) -> list[AssignmentRow]:
    """Assignments matching `conditions`, soonest due first: two statements."""
    statement = (
        select(
            Assignment, Company.name, Company.status, User.display_name, RubricPack.key, _started()
        )
        .join(Company, col(Company.id) == Assignment.company_id)
        .join(User, col(User.id) == Assignment.user_id)
        .join(RubricPack, col(RubricPack.id) == Assignment.pack_id)
        .where(col(Company.archived_at).is_(None), *conditions)
        .order_by(
            col(Assignment.due_date).is_(None),
            col(Assignment.due_date),
            col(Assignment.id),
        )
    )
    if limit:
        statement = statement.limit(limit)
    titles = _pack_titles(session)
    return [
        AssignmentRow(
            id=a.id,
            company_id=a.company_id,
            company_name=name,
            company_status=status,
            user_id=a.user_id,
            user_name=user_name,
            pack_key=key,
            pack_title=titles.get(a.pack_id, key),
            due_date=a.due_date,
            created_at=a.created_at,
            completed_at=a.completed_at,
            started=bool(has_started),
        )
        for a, name, status, user_name, key, has_started in session.exec(statement).all()
    ]


def open_queue(session: Session, user_id: int, *, limit: int | None = None) -> list[AssignmentRow]:
    """A user's assignments still to start or finish, by due date."""
    return assignment_rows(
        session,
        Assignment.user_id == user_id,
        col(Assignment.completed_at).is_(None),
        limit=limit,
    )


def company_assignments(session: Session, company_id: int) -> list[AssignmentRow]:
    return assignment_rows(session, Assignment.company_id == company_id)


class AssignmentRefused(ValueError):
    """Nothing was assigned; the message says why, for the user."""


@dataclass
class AssignmentOutcome:
    created: list[Assignment]
    updated: list[Assignment]
    refused: list[str]  # one readable sentence per pair that could not be assigned


def assign(
    session: Session,
    *,
    company_ids: list[int],
    user_ids: list[int],
    pack_id: int,
    due_date: date | None,
    assigned_by: User,
) -> AssignmentOutcome:
    """Assign every person to every company; an existing assignment gets the new due date.

    Refused pairs (a conflict of interest, a viewer) are listed; the others are saved."""
    if len(company_ids) * len(user_ids) > MAX_BULK:
        raise AssignmentRefused(_("Assign at most %(count)s at once.") % {"count": MAX_BULK})
    if session.get(RubricPack, pack_id) is None:
        raise AssignmentRefused(_("Choose a rubric pack."))
    companies = {
        c.id: c for c in session.exec(select(Company).where(col(Company.id).in_(company_ids)))
    }
    users = {u.id: u for u in session.exec(select(User).where(col(User.id).in_(user_ids)))}
    if not companies or not users:
        raise AssignmentRefused(_("Choose at least one company and one person."))
    conflicts = conflicted_user_ids(session, list(companies))
    existing = {
        (a.company_id, a.user_id): a
        for a in session.exec(
            select(Assignment).where(
                col(Assignment.company_id).in_(list(companies)),
                col(Assignment.user_id).in_(list(users)),
                Assignment.pack_id == pack_id,
            )
        )
    }
    done = _submitted_pairs(session, list(companies), list(users), pack_id)
    outcome = AssignmentOutcome(created=[], updated=[], refused=[])
    for company in companies.values():
        for user in users.values():
            refusal = _refusal(user, company, conflicts.get(company.id, set()))
            if refusal:
                outcome.refused.append(refusal)
            elif (company.id, user.id) in existing:
                found = existing[(company.id, user.id)]
                found.due_date = due_date
                session.add(found)
                outcome.updated.append(found)
            else:
                created = _create(session, company, user, pack_id, due_date, assigned_by)
                if (company.id, user.id) in done:  # already submitted: nothing left to do
                    created.completed_at = utcnow()
                outcome.created.append(created)
    session.commit()
    return outcome


def _submitted_pairs(session, company_ids, user_ids, pack_id) -> set[tuple[int, int]]:
    """(company, user) pairs with a submitted scorecard for the pack."""
    statement = (
        select(Evaluation.company_id, Evaluation.evaluator_id)
        .join(RubricVersion, col(RubricVersion.id) == Evaluation.rubric_version_id)
        .where(
            RubricVersion.pack_id == pack_id,
            col(Evaluation.company_id).in_(company_ids),
            col(Evaluation.evaluator_id).in_(user_ids),
            col(Evaluation.submitted_at).is_not(None),
        )
    )
    return set(session.exec(statement).all())


def _refusal(user: User, company: Company, conflicted: set[int]) -> str | None:
    names = {"person": user.display_name, "company": company.name}
    if user.id in conflicted:
        return _("%(person)s declared a conflict of interest with %(company)s.") % names
    if not can(user, Action.SCORE):
        return _("%(person)s does not score companies (their role does not allow it).") % names
    return None


def _create(session, company, user, pack_id, due_date, assigned_by) -> Assignment:
    assignment = Assignment(
        company_id=company.id,
        user_id=user.id,
        pack_id=pack_id,
        due_date=due_date,
        assigned_by_id=assigned_by.id,
    )
    session.add(assignment)
    entry = record_activity(
        session,
        company_id=company.id,
        kind=ActivityKind.ASSIGNMENT,
        actor_id=assigned_by.id,
        payload={
            "assignee_id": user.id,
            "assignee": user.display_name,
            "pack_id": pack_id,
            "due": due_date.isoformat() if due_date else None,
        },
    )
    if user.id != assigned_by.id:
        session.add(Notification(user_id=user.id, activity_id=entry.id, reason="assignment"))
    return assignment


def complete(session: Session, assignment: Assignment) -> Assignment:
    """Mark an assignment done by hand (the API's complete)."""
    assignment.completed_at = assignment.completed_at or utcnow()
    session.add(assignment)
    session.commit()
    session.refresh(assignment)
    return assignment


def scorecard_submitted(session: Session, evaluation: Evaluation) -> None:
    """Called by scoring when a scorecard is submitted: close the matching assignment and put
    the submission (who, which pack; never the scores) on the timeline. The caller commits."""
    version = session.get(RubricVersion, evaluation.rubric_version_id)
    for assignment in session.exec(
        select(Assignment).where(
            Assignment.company_id == evaluation.company_id,
            Assignment.user_id == evaluation.evaluator_id,
            Assignment.pack_id == version.pack_id,
            col(Assignment.completed_at).is_(None),
        )
    ):
        assignment.completed_at = utcnow()
        session.add(assignment)
    pack = session.get(RubricPack, version.pack_id)
    record_activity(
        session,
        company_id=evaluation.company_id,
        kind=ActivityKind.SUBMISSION,
        actor_id=evaluation.evaluator_id,
        payload={"pack_key": pack.key, "pack_title": version.title, "version": version.version},
    )


def today() -> date:
    """Due dates are calendar days in UTC, the same for every user of a fund."""
    return utcnow().date()


def progress_by_company(session: Session, company_ids: list[int] | None = None) -> dict:
    """Per company: assigned, submitted and overdue counts (for cards and list columns)."""
    late = case(
        ((col(Assignment.completed_at).is_(None)) & (col(Assignment.due_date) < today()), 1),
        else_=0,
    )
    statement = select(
        Assignment.company_id,
        func.count(),
        func.count(Assignment.completed_at),
        func.sum(late),
    ).group_by(Assignment.company_id)
    if company_ids is not None:
        statement = statement.where(col(Assignment.company_id).in_(company_ids))
    return {
        company: {"assigned": total, "submitted": done, "overdue": int(overdue or 0)}
        for company, total, done, overdue in session.exec(statement)
    }
