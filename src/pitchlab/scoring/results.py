"""What a company's scores page shows: per pack, who submitted, and (when allowed) the scores."""

from dataclasses import dataclass, field
from statistics import mean, stdev

from sqlmodel import Session, col, select

from ..models import Company, Evaluation, RubricCriterion, RubricPack, RubricVersion, Score, User
from ..scoremath.disagreement import disagrees
from .access import can_see_others, conflicted_user_ids


@dataclass
class CriterionRow:
    criterion: RubricCriterion
    scores: dict[int, Score]  # by evaluation id

    def values(self) -> list[int]:
        return [s.value for s in self.scores.values() if s.value is not None and not s.is_na]

    @property
    def mean(self) -> float | None:
        return mean(self.values()) if self.values() else None

    @property
    def spread(self) -> float | None:
        return stdev(self.values()) if len(self.values()) > 1 else None

    @property
    def disagreement(self) -> bool:
        """The rule the compare page flags cells with (issue 11: one rule, both pages)."""
        return disagrees(self.values())


@dataclass
class PackResults:
    pack: RubricPack
    version: RubricVersion
    evaluations: list[Evaluation] = field(default_factory=list)
    visible: bool = False
    rows: list[CriterionRow] = field(default_factory=list)

    def count(self, attribute: str) -> int:
        """How many answers are N/A (is_na) or insufficient evidence (is_insufficient)."""
        return sum(getattr(s, attribute) for row in self.rows for s in row.scores.values())


def _submitted(session: Session, company_id: int, excluded: set[int]):
    statement = (
        select(Evaluation, RubricVersion, RubricPack)
        .join(RubricVersion, col(Evaluation.rubric_version_id) == RubricVersion.id)
        .join(RubricPack, col(RubricVersion.pack_id) == RubricPack.id)
        .where(Evaluation.company_id == company_id, Evaluation.status == "submitted")
        .order_by(col(RubricPack.key), col(RubricVersion.version), col(Evaluation.id))
    )
    return [row for row in session.exec(statement) if row[0].evaluator_id not in excluded]


def company_results(
    session: Session, *, company: Company, user: User
) -> tuple[list[PackResults], dict[int, User]]:
    """Submitted scorecards grouped by pack version; scores filled in only where visible."""
    excluded = conflicted_user_ids(session, [company.id]).get(company.id, set())
    groups: dict[int, PackResults] = {}
    for evaluation, version, pack in _submitted(session, company.id, excluded):
        group = groups.setdefault(version.id, PackResults(pack=pack, version=version))
        group.evaluations.append(evaluation)
    for group in groups.values():
        group.visible = can_see_others(
            session,
            user=user,
            company_id=company.id,
            pack_id=group.pack.id,
            conflicted=user.id in excluded,
        )
    visible = [g for g in groups.values() if g.visible]
    _fill_rows(session, visible)
    evaluator_ids = {e.evaluator_id for g in visible for e in g.evaluations}
    users = {
        u.id: u for u in session.exec(select(User).where(col(User.id).in_(evaluator_ids or {0})))
    }
    return list(groups.values()), users


def _fill_rows(session: Session, groups: list[PackResults]) -> None:
    evaluation_ids = [e.id for g in groups for e in g.evaluations]
    if not evaluation_ids:
        return
    scores: dict[tuple[int, int], Score] = {
        (s.evaluation_id, s.criterion_id): s
        for s in session.exec(select(Score).where(col(Score.evaluation_id).in_(evaluation_ids)))
    }
    criteria = session.exec(
        select(RubricCriterion)
        .where(col(RubricCriterion.version_id).in_([g.version.id for g in groups]))
        .order_by(col(RubricCriterion.position))
    ).all()
    for group in groups:
        for criterion in (c for c in criteria if c.version_id == group.version.id):
            row = {
                e.id: scores[(e.id, criterion.id)]
                for e in group.evaluations
                if (e.id, criterion.id) in scores
            }
            group.rows.append(CriterionRow(criterion=criterion, scores=row))
