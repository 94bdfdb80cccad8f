"""Criteria the panel answered "insufficient evidence" for, to ask the founders (issue 15).

Only answers the viewer may see count, by the rules of scoring.access: a conflicted viewer
sees none, conflicted evaluators are left out, and under blind review a viewer who has not
submitted a scorecard for the pack sees only their own answers. Others' answers count once
their scorecard is submitted (a draft may still change); the viewer's own count at once.
"""

from sqlmodel import Session, col, select

from ..models import Evaluation, RubricCriterion, RubricVersion, Score, User
from ..rubrics.store import PackVersion
from ..scoring.access import can_see_others, conflicted_user_ids


def insufficient_keys(session: Session, *, user: User, company_id: int, pack: PackVersion) -> list:
    """Keys of the pack's current criteria with an insufficient-evidence answer, in pack order."""
    conflicted = conflicted_user_ids(session, [company_id]).get(company_id, set())
    if user.id in conflicted:
        return []
    sees_others = can_see_others(
        session, user=user, company_id=company_id, pack_id=pack.pack.id, conflicted=False
    )
    statement = (
        select(RubricCriterion.key, Evaluation.evaluator_id, Evaluation.submitted_at)
        .join(Score, col(Score.criterion_id) == RubricCriterion.id)
        .join(Evaluation, col(Score.evaluation_id) == Evaluation.id)
        .join(RubricVersion, col(Evaluation.rubric_version_id) == RubricVersion.id)
        .where(
            Evaluation.company_id == company_id,
            RubricVersion.pack_id == pack.pack.id,
            col(Score.is_insufficient).is_(True),
        )
    )
    keys = set()
    for key, evaluator_id, submitted_at in session.exec(statement):
        own = evaluator_id == user.id
        if evaluator_id in conflicted or not (own or (sees_others and submitted_at is not None)):
            continue
        keys.add(key)
    return [c.key for c in pack.criteria if c.key in keys and not c.retired]
