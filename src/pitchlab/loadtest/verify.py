"""After a load run, read the database and hold it to every answer the server gave.

An acknowledged write must be there with its exact value (the latest per score or section,
unless a later write's fate is unknown), recorded by exactly one event or revision; a refused
write must not be; nothing may be stored twice.
"""

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from ..db import create_db_engine
from ..models import Evaluation, PrfaqDraft, PrfaqRevision, RubricCriterion, Score, ScoreEvent
from .plan import Plan
from .record import ACKED, REFUSED, UNKNOWN, Ledger, Write

SHOWN_PROBLEMS = 10


@dataclass
class Verdict:
    checked: int = 0  # acknowledged writes held to the database
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    integrity: str = "not checked"

    @property
    def ok(self) -> bool:
        return not self.lost and not self.duplicated and self.integrity in ("ok", "not checked")

    def summary(self) -> str:
        problems = (self.lost + self.duplicated)[:SHOWN_PROBLEMS]
        return (
            f"acknowledged writes checked: {self.checked}; lost: {len(self.lost)}; "
            f"duplicated: {len(self.duplicated)}; integrity: {self.integrity}"
            + "".join(f"\n  {problem}" for problem in problems)
        )


def _allowed_final(writes: list[Write]) -> list[Write | None]:
    """What the stored state may be: the last acknowledged write or any unknown one after it."""
    acked = [i for i, write in enumerate(writes) if write.outcome == ACKED]
    start = acked[-1] if acked else -1
    allowed: list[Write | None] = [writes[start]] if acked else [None]
    return allowed + [w for w in writes[start + 1 :] if w.outcome == UNKNOWN]


def _check_occurrences(writes: list[Write], seen: Counter, verdict: Verdict, what: str) -> None:
    for write in writes:
        found = seen[write.text]
        if found > 1:
            verdict.duplicated.append(f"{what} {write.text!r} stored {found} times")
        elif write.outcome == ACKED and found == 0:
            verdict.lost.append(f"acknowledged {what} {write.text!r} has no record")
        elif write.outcome == REFUSED and found:
            verdict.lost.append(f"refused {what} {write.text!r} was stored anyway")


def _check_scores(
    session: Session, plan: Plan, writes: dict[tuple, list[Write]], verdict: Verdict
) -> None:
    user_ids = [evaluator.user_id for evaluator in plan.evaluators]
    rows = session.exec(
        select(
            Evaluation.id,
            Evaluation.evaluator_id,
            Evaluation.company_id,
            RubricCriterion.key,
            Score.value,
            Score.rationale,
        )
        .join(Score, col(Score.evaluation_id) == Evaluation.id)
        .join(RubricCriterion, col(RubricCriterion.id) == Score.criterion_id)
        .where(col(Evaluation.evaluator_id).in_(user_ids))
    ).all()
    stored = {
        ("score", user, company, key): (value, rationale)
        for _id, user, company, key, value, rationale in rows
    }
    for target, attempts in writes.items():
        state = stored.get(target)
        allowed = [None if w is None else (w.value, w.text) for w in _allowed_final(attempts)]
        if state not in allowed:
            verdict.lost.append(f"{target}: stored {state}, expected one of {allowed}")
        verdict.checked += sum(1 for write in attempts if write.outcome == ACKED)
    evaluation_ids = sorted({row[0] for row in rows}) or [0]
    events = session.exec(
        select(ScoreEvent.new).where(
            col(ScoreEvent.evaluation_id).in_(evaluation_ids), ScoreEvent.field == "rationale"
        )
    ).all()
    seen = Counter(new.get("rationale") for new in events)
    _check_occurrences([w for ws in writes.values() for w in ws], seen, verdict, "score change")


def _check_prfaqs(session: Session, writes: dict[tuple, list[Write]], verdict: Verdict) -> None:
    for target, attempts in writes.items():
        _kind, draft_id, section = target
        revisions = session.exec(
            select(PrfaqRevision)
            .where(PrfaqRevision.draft_id == draft_id)
            .order_by(col(PrfaqRevision.number))
        ).all()
        draft = session.get(PrfaqDraft, draft_id)
        numbers = [revision.number for revision in revisions]
        consecutive = numbers == list(range(1, len(numbers) + 1))
        if draft is None or not consecutive or draft.current_revision != len(numbers):
            verdict.duplicated.append(f"draft {draft_id}: revisions {numbers} do not match it")
            continue
        latest = revisions[-1].sections.get(section)
        finals = _allowed_final(attempts)
        allowed = [w.text for w in finals if w is not None]
        # None: no write was acknowledged, so the text the draft started with may still be there.
        untouched = None in finals and latest not in {w.text for w in attempts}
        if latest not in allowed and not untouched:
            verdict.lost.append(
                f"draft {draft_id}: section {section} is {latest!r}, expected one of {allowed}"
            )
        seen = Counter(revision.sections.get(section) for revision in revisions)
        _check_occurrences(attempts, seen, verdict, "PR/FAQ save")
        verdict.checked += sum(1 for write in attempts if write.outcome == ACKED)


def _check_unique(session: Session, verdict: Verdict) -> None:
    # The schema's unique constraints, asked again: one score per criterion per scorecard.
    for model, columns in (
        (Score, (Score.evaluation_id, Score.criterion_id)),
        (
            Evaluation,
            (Evaluation.company_id, Evaluation.evaluator_id, Evaluation.rubric_version_id),
        ),
    ):
        twice = session.exec(select(*columns).group_by(*columns).having(func.count() > 1)).all()
        verdict.duplicated += [f"{model.__name__} {tuple(row)} stored twice" for row in twice]


def _of_kind(grouped: dict[tuple, list[Write]], kind: str) -> dict[tuple, list[Write]]:
    return {target: writes for target, writes in grouped.items() if target[0] == kind}


def verify(database_url: str, plan: Plan, ledger: Ledger) -> Verdict:
    """Check the database against everything the load run was told."""
    verdict = Verdict()
    grouped = ledger.by_target()
    engine = create_db_engine(database_url)
    try:
        with Session(engine) as session:
            _check_scores(session, plan, _of_kind(grouped, "score"), verdict)
            _check_prfaqs(session, _of_kind(grouped, "prfaq"), verdict)
            _check_unique(session, verdict)
            if engine.dialect.name == "sqlite":
                pragma = text("PRAGMA integrity_check")
                verdict.integrity = session.connection().execute(pragma).scalar()
    finally:
        engine.dispose()
    return verdict
