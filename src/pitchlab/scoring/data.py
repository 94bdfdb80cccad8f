"""Scorecards and their scores: open, save a change, undo, restore, submit, the history.

Each change is written, with its events, by changes.write_change.
"""

from dataclasses import dataclass

from sqlalchemy import and_, bindparam, func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from ..models import (
    Evaluation,
    EvaluationStatus,
    RubricCriterion,
    RubricVersion,
    Score,
    ScoreEvent,
    User,
    utcnow,
)
from .changes import write_change
from .inputs import ScoreInput


@dataclass(frozen=True)
class SaveResult:
    """What a save did: the score, which fields changed, and whether the tab was stale."""

    score: Score
    changed: list[str]
    stale: bool


def open_evaluation(
    session: Session, *, company_id: int, user: User, version: RubricVersion
) -> Evaluation:
    """The user's scorecard for this company and pack version, created when missing."""
    statement = select(Evaluation).where(
        Evaluation.company_id == company_id,
        Evaluation.evaluator_id == user.id,
        Evaluation.rubric_version_id == version.id,
    )
    found = session.exec(statement).first()
    if found is not None:
        return found
    evaluation = Evaluation(
        company_id=company_id, evaluator_id=user.id, rubric_version_id=version.id
    )
    session.add(evaluation)
    try:
        session.commit()
    except IntegrityError:
        # A second click raced this one (PostgreSQL): the unique constraint kept the other's
        # scorecard, so take that one.
        session.rollback()
        found = session.exec(statement).first()
        if found is None:
            raise
        return found
    session.refresh(evaluation)
    return evaluation


def scores_by_criterion(session: Session, evaluation_id: int) -> dict[int, Score]:
    statement = select(Score).where(Score.evaluation_id == evaluation_id)
    return {score.criterion_id: score for score in session.exec(statement)}


def criteria_of(session: Session, version_id: int) -> list[RubricCriterion]:
    statement = (
        select(RubricCriterion)
        .where(RubricCriterion.version_id == version_id)
        .order_by(col(RubricCriterion.position))
    )
    return list(session.exec(statement))


def _score_row(session: Session, evaluation_id: int, criterion_id: int) -> Score:
    """The criterion's score, or a new unsaved one (revision 0) when it has none yet."""
    found = session.exec(
        select(Score).where(
            Score.evaluation_id == evaluation_id, Score.criterion_id == criterion_id
        )
    ).first()
    return found or Score(evaluation_id=evaluation_id, criterion_id=criterion_id, revision=0)


# Built once: the autosave runs it every time (issue 17).
_SCORE_AND_STATUS = (
    select(Evaluation.status, Evaluation.submitted_at, Score)
    .outerjoin(
        Score,
        and_(
            col(Score.evaluation_id) == Evaluation.id,
            col(Score.criterion_id) == bindparam("criterion_id"),
        ),
    )
    .where(Evaluation.id == bindparam("evaluation_id"))
)

_LOCK_SCORECARD = (
    select(Evaluation.id).where(Evaluation.id == bindparam("evaluation_id")).with_for_update()
)


def _score_row_and_status(session: Session, evaluation: Evaluation, criterion_id: int) -> Score:
    """Like _score_row, and in the same statement the scorecard's status as it is now: a
    caller that read the scorecard before its write transaction (issue 17) still refuses
    a change once another tab has submitted it."""
    if session.get_bind().dialect.name == "postgresql":
        # Saves of one scorecard queue on its row, as SQLite's write turn queues them: two
        # first saves of a criterion both inserted its score (a unique violation, a 500 under
        # issue 17's load on PostgreSQL), and two later ones both wrote revision n + 1. The
        # read below is a statement of its own, so it sees what the one before committed.
        session.exec(_LOCK_SCORECARD, params={"evaluation_id": evaluation.id})
    parameters = {"evaluation_id": evaluation.id, "criterion_id": criterion_id}
    status, submitted_at, found = session.exec(_SCORE_AND_STATUS, params=parameters).one()
    # As loaded values, not changes: the scorecard row is written only when a score changes.
    set_committed_value(evaluation, "status", status)
    set_committed_value(evaluation, "submitted_at", submitted_at)
    return found or Score(evaluation_id=evaluation.id, criterion_id=criterion_id, revision=0)


def save_score(
    session: Session,
    *,
    evaluation: Evaluation,
    criterion: RubricCriterion,
    user_id: int,
    answer: ScoreInput,
    seen_revision: int | None,
    commit: bool = True,
) -> SaveResult:
    """Save one criterion; the last write wins, and a save from a stale tab says so.

    With commit=False the caller commits, so several criteria land together or not at all.
    """
    score = _score_row_and_status(session, evaluation, criterion.id)
    stale = seen_revision is not None and seen_revision != score.revision
    score, changed = write_change(
        session,
        evaluation=evaluation,
        score=score,
        user_id=user_id,
        new_fields=answer.fields(),
        commit=commit,
    )
    return SaveResult(score=score, changed=changed, stale=stale)


def history_query(evaluation_id: int):
    """Every change to the scorecard, newest first."""
    return (
        select(ScoreEvent)
        .where(ScoreEvent.evaluation_id == evaluation_id)
        .order_by(col(ScoreEvent.id).desc())
    )


def history(session: Session, evaluation_id: int) -> list[ScoreEvent]:
    return list(session.exec(history_query(evaluation_id)))


def undoable_event(events: list[ScoreEvent], user_id: int) -> ScoreEvent | None:
    """The user's newest change that is not itself an undo and has not been undone."""
    undone = {event.new.get("undo_of") for event in events}
    for event in events:  # newest first
        if event.user_id == user_id and "undo_of" not in event.new and event.id not in undone:
            return event
    return None


def undo_last(session: Session, *, evaluation: Evaluation, user: User) -> ScoreEvent | None:
    """Put back the value before the user's last change (recorded as a change of its own)."""
    event = undoable_event(history(session, evaluation.id), user.id)
    if event is None:
        return None
    write_change(
        session,
        evaluation=evaluation,
        score=_score_row(session, evaluation.id, event.criterion_id),
        user_id=user.id,
        new_fields={event.field: event.old[event.field]},
        marker={"undo_of": event.id},
    )
    return event


def restore(
    session: Session, *, evaluation: Evaluation, event: ScoreEvent, user: User
) -> list[str]:
    """Set a field back to the value one event gave it (recorded as a change of its own)."""
    _, changed = write_change(
        session,
        evaluation=evaluation,
        score=_score_row(session, evaluation.id, event.criterion_id),
        user_id=user.id,
        new_fields={event.field: event.new[event.field]},
        marker={"restored_from": event.id},
    )
    return changed


def submit(session: Session, evaluation: Evaluation) -> None:
    from ..deals.assignments import scorecard_submitted  # the deal workflow builds on scoring

    evaluation.status = EvaluationStatus.SUBMITTED.value
    evaluation.submitted_at = evaluation.submitted_at or utcnow()
    evaluation.updated_at = utcnow()
    session.add(evaluation)
    # Completes the evaluator's assignment and adds the submission (no scores) to the timeline.
    scorecard_submitted(session, evaluation)
    session.commit()


def reopen(session: Session, evaluation: Evaluation) -> None:
    """Back to draft for its author; later changes are marked as after submission."""
    evaluation.status = EvaluationStatus.DRAFT.value
    evaluation.updated_at = utcnow()
    session.add(evaluation)
    session.commit()


def latest_change_query(evaluation_id):
    """The id of the scorecard's newest change, 0 before the first: a tab compares it to notice
    others' saves. Ids only grow, and the index on (evaluation_id, id) finds the largest in one
    step, where a count of the changes read them all (issue 17: every save asks)."""
    return select(func.coalesce(func.max(ScoreEvent.id), 0)).where(
        ScoreEvent.evaluation_id == evaluation_id
    )


def latest_change(session: Session, evaluation_id: int) -> int:
    return session.exec(latest_change_query(evaluation_id)).one()
