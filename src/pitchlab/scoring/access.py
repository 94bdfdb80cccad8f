"""Who may score a company and who may see others' scores (blind review, conflicts).

An evaluator sees others' scorecards for a company and pack only after submitting their own
for it; admins see everything, viewers (who never score) see submitted work, and partners
see early only when an admin allows it. A conflicted user sees and scores nothing of that
company and is left out of its aggregates.
"""

from sqlmodel import Session, col, select

from ..models import AppSetting, Conflict, Evaluation, RubricVersion, User
from ..permissions import Action, can, granting_settings

PARTNERS_SEE_EARLY = "partners_see_scores_before_submitting"


def setting_enabled(session: Session, key: str) -> bool:
    row = session.get(AppSetting, key)
    return bool(row and row.value.get("enabled"))


def set_setting(session: Session, key: str, enabled: bool) -> None:
    row = session.get(AppSetting, key) or AppSetting(key=key)
    row.value = {"enabled": enabled}
    session.add(row)
    session.commit()


def conflict_for(session: Session, *, user_id: int, company_id: int) -> Conflict | None:
    return session.exec(
        select(Conflict).where(Conflict.user_id == user_id, Conflict.company_id == company_id)
    ).first()


def conflicted_user_ids(
    session: Session, company_ids: list[int] | None = None
) -> dict[int, set[int]]:
    """Conflicted users by company (all companies, or the ones given)."""
    statement = select(Conflict.company_id, Conflict.user_id)
    if company_ids is not None:
        statement = statement.where(col(Conflict.company_id).in_(company_ids))
    grouped: dict[int, set[int]] = {}
    for company_id, user_id in session.exec(statement):
        grouped.setdefault(company_id, set()).add(user_id)
    return grouped


def can_score(user: User, *, conflicted: bool) -> bool:
    return can(user, Action.SCORE, conflicted=conflicted)


def submitted_pack_ids(session: Session, *, user_id: int, company_id: int) -> set[int]:
    """The packs (by pack id) this user has ever submitted a scorecard for on this company."""
    statement = (
        select(RubricVersion.pack_id)
        .join(Evaluation, col(Evaluation.rubric_version_id) == RubricVersion.id)
        .where(
            Evaluation.evaluator_id == user_id,
            Evaluation.company_id == company_id,
            col(Evaluation.submitted_at).is_not(None),
        )
    )
    return set(session.exec(statement))


def sees_everything(session: Session, user: User) -> bool:
    """Roles that are never blinded (still subject to conflicts)."""
    if can(user, Action.SEE_SCORES_EARLY):
        return True
    # An admin switch may extend it to this role: read the switch only then.
    switches = granting_settings(user, Action.SEE_SCORES_EARLY)
    on = {key for key in switches if setting_enabled(session, key)}
    return can(user, Action.SEE_SCORES_EARLY, settings_on=on)


def can_see_others(
    session: Session, *, user: User, company_id: int, pack_id: int, conflicted: bool
) -> bool:
    """May this user see other evaluators' scores for this company and pack?"""
    if conflicted:
        return False
    if sees_everything(session, user):
        return True
    return pack_id in submitted_pack_ids(session, user_id=user.id, company_id=company_id)


def visible_company_packs(session: Session, user: User) -> set[tuple[int, int]] | None:
    """(company, pack) pairs whose others' scores the user may see; None means all of them
    except conflicted companies, which callers drop with conflicted_user_ids."""
    if sees_everything(session, user):
        return None
    statement = (
        select(Evaluation.company_id, RubricVersion.pack_id)
        .join(RubricVersion, col(Evaluation.rubric_version_id) == RubricVersion.id)
        .where(Evaluation.evaluator_id == user.id, col(Evaluation.submitted_at).is_not(None))
    )
    return set(session.exec(statement))
