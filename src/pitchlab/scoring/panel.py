"""The scoring panel on a company page: packs to score, who has submitted (not what), conflicts."""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..models import Company, Conflict, Evaluation, RubricPack, RubricVersion, User
from ..permissions import Action, can
from ..rubrics.store import PackVersion, latest_versions
from .access import can_score


@dataclass(frozen=True)
class CompanyPanel:
    packs: list[PackVersion]
    submitted_counts: dict[str, int]  # pack key -> evaluators who submitted
    my_status: dict[str, tuple[int, str]]  # pack key -> (evaluation id, status)
    my_conflict: Conflict | None
    conflicts: list[tuple[Conflict, User]]  # shown to admins only
    may_score: bool
    users: list[User]  # for an admin declaring a conflict for someone


def company_panel(session: Session, *, company: Company, user: User) -> CompanyPanel:
    packs = latest_versions(session)
    counts = dict(
        session.exec(
            select(RubricPack.key, func.count(func.distinct(Evaluation.evaluator_id)))
            .join(RubricVersion, col(RubricVersion.pack_id) == RubricPack.id)
            .join(Evaluation, col(Evaluation.rubric_version_id) == RubricVersion.id)
            .where(Evaluation.company_id == company.id, Evaluation.status == "submitted")
            .where(
                col(Evaluation.evaluator_id).not_in(
                    select(Conflict.user_id).where(Conflict.company_id == company.id)
                )
            )
            .group_by(RubricPack.key)
        ).all()
    )
    mine = {
        key: (evaluation_id, status)
        for key, evaluation_id, status in session.exec(
            select(RubricPack.key, Evaluation.id, Evaluation.status)
            .join(RubricVersion, col(RubricVersion.pack_id) == RubricPack.id)
            .join(Evaluation, col(Evaluation.rubric_version_id) == RubricVersion.id)
            .where(Evaluation.company_id == company.id, Evaluation.evaluator_id == user.id)
            .order_by(col(Evaluation.id))
        )
    }
    conflicts = session.exec(
        select(Conflict, User)
        .join(User, col(Conflict.user_id) == User.id)
        .where(Conflict.company_id == company.id)
    ).all()
    my_conflict = next((c for c, _u in conflicts if c.user_id == user.id), None)
    is_admin = can(user, Action.CONFLICT_REMOVE)  # sees every conflict, declares for others
    return CompanyPanel(
        packs=packs,
        submitted_counts=counts,
        my_status=mine,
        my_conflict=my_conflict,
        conflicts=list(conflicts) if is_admin else [],
        may_score=can_score(user, conflicted=my_conflict is not None),
        users=list(session.exec(select(User).order_by(col(User.display_name)))) if is_admin else [],
    )
