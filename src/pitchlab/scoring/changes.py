"""One change to a score, written with its events: the one writer of scores.

Every change to a score is an event (who, when, old, new); nothing is overwritten without one.
A submitted scorecard is locked: changing it needs Reopen first (issue 11), so a "Submitted"
scorecard always holds what was submitted, and the history stays complete.
"""

from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col

from ..models import Evaluation, EvaluationStatus, Score, ScoreEvent, utcnow
from .inputs import ScoreInput

TRACKED_FIELDS = ("value", "confidence", "rationale", "evidence")


class ScorecardLocked(Exception):
    """A change to a submitted scorecard was refused: it must be reopened first."""


def is_locked(evaluation: Evaluation) -> bool:
    return evaluation.status == EvaluationStatus.SUBMITTED.value


def _current_fields(score: Score) -> dict[str, object]:
    return ScoreInput(
        value=score.value,
        is_na=score.is_na,
        is_insufficient=score.is_insufficient,
        confidence=score.confidence,
        rationale=score.rationale,
        evidence=list(score.evidence),
    ).fields()


SCORE_COLUMNS = ("value", "is_na", "is_insufficient", "confidence", "rationale", "evidence")


def _columns(score: Score) -> dict[str, object]:
    return {name: getattr(score, name) for name in SCORE_COLUMNS}


def _columns_of(fields: dict[str, object]) -> dict[str, object]:
    """The score's columns that tracked fields set (a value field sets three)."""
    columns: dict[str, object] = {}
    if "value" in fields:
        columns["value"] = fields["value"]["value"]
        columns["is_na"] = bool(fields["value"]["na"])
        columns["is_insufficient"] = bool(fields["value"].get("insufficient"))
    if "confidence" in fields:
        columns["confidence"] = fields["confidence"]
    if "rationale" in fields:
        columns["rationale"] = fields["rationale"]
    if "evidence" in fields:
        columns["evidence"] = list(fields["evidence"])
    return columns


# The writes of a change, as Core statements built once (issue 17: every autosave runs them;
# the ORM's unit of work cost a third of the save). Every column is given: the models'
# defaults are Python-side.
_INSERT_EVENT = insert(ScoreEvent)
_INSERT_SCORE = insert(Score)
_UPDATE_SCORE = (
    update(Score)
    .where(col(Score.id) == bindparam("score_id"))
    .values({name: bindparam(name) for name in (*SCORE_COLUMNS, "revision", "updated_at")})
)
_TOUCH_SCORECARD = (
    update(Evaluation)
    .where(col(Evaluation.id) == bindparam("evaluation_id"))
    .values(updated_at=bindparam("updated_at"))
)


def write_change(
    session: Session,
    *,
    evaluation: Evaluation,
    score: Score,
    user_id: int,
    new_fields: dict[str, object],
    marker: dict | None = None,
    commit: bool = True,
) -> tuple[Score, list[str]]:
    """Apply the fields that differ from `score` (as read in this transaction, or a new one with
    revision 0), with one event each; refuse any change to a submitted scorecard.

    The score and the scorecard objects are brought up to date as loaded values, so the
    session has nothing left to write for them."""
    old_fields = _current_fields(score)
    changed = [
        name
        for name in TRACKED_FIELDS
        if name in new_fields and new_fields[name] != old_fields[name]
    ]
    if changed and is_locked(evaluation):
        raise ScorecardLocked
    if changed:
        now = utcnow()
        connection = session.connection()
        connection.execute(
            _INSERT_EVENT,
            [
                {
                    "evaluation_id": evaluation.id,
                    "criterion_id": score.criterion_id,
                    "user_id": user_id,
                    "field": name,
                    "old": {name: old_fields[name]},
                    "new": {name: new_fields[name], **(marker or {})},
                    "after_submission": evaluation.submitted_at is not None,
                    "created_at": now,
                }
                for name in changed
            ],
        )
        columns = {**_columns(score), **_columns_of({n: new_fields[n] for n in changed})}
        columns.update(revision=score.revision + 1, updated_at=now)
        if score.id is None:
            inserted = connection.execute(
                _INSERT_SCORE,
                {"evaluation_id": evaluation.id, "criterion_id": score.criterion_id, **columns},
            )
            columns["id"] = inserted.inserted_primary_key[0]
        else:
            connection.execute(_UPDATE_SCORE, {"score_id": score.id, **columns})
        connection.execute(_TOUCH_SCORECARD, {"evaluation_id": evaluation.id, "updated_at": now})
        for name, value in columns.items():
            set_committed_value(score, name, value)
        set_committed_value(evaluation, "updated_at", now)
        if commit:
            session.commit()
    return score, changed
