"""Scorecards (evaluations), their scores, every change to a score, and conflicts."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow


class EvaluationStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class Evaluation(SQLModel, table=True):
    """One evaluator's scorecard for one company against one rubric version."""

    __table_args__ = (UniqueConstraint("company_id", "evaluator_id", "rubric_version_id"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True, ondelete="CASCADE")
    evaluator_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    rubric_version_id: int = Field(foreign_key="rubricversion.id", index=True)
    status: str = Field(default=EvaluationStatus.DRAFT.value, max_length=20)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Score(SQLModel, table=True):
    """The current answer to one criterion on one scorecard."""

    __table_args__ = (UniqueConstraint("evaluation_id", "criterion_id"),)

    id: int | None = Field(default=None, primary_key=True)
    evaluation_id: int = Field(foreign_key="evaluation.id", index=True, ondelete="CASCADE")
    criterion_id: int = Field(foreign_key="rubriccriterion.id", index=True)
    value: int | None = None
    is_na: bool = False
    # "Insufficient evidence": answered, but the notes cannot support a level (issue 15). Left
    # out of totals like N/A, and counted apart from it.
    is_insufficient: bool = False
    confidence: str | None = Field(default=None, max_length=10)
    rationale: str = ""
    # [{"url": ..., "label": ...}] or a PR/FAQ citation {"prfaq_draft_id", "revision", "section"}.
    evidence: list = Field(default_factory=list, sa_type=JSON)
    # Bumped on every change: a save that names an older revision came from a stale tab.
    revision: int = 0
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ScoreEvent(SQLModel, table=True):
    """One change to a score: who, when, old and new. Nothing is overwritten without one."""

    # A scorecard's changes by id: its history in order, and its newest in one step (issue 17).
    __table_args__ = (Index("ix_scoreevent_evaluation_change", "evaluation_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    evaluation_id: int = Field(foreign_key="evaluation.id", ondelete="CASCADE")
    criterion_id: int = Field(foreign_key="rubriccriterion.id")
    user_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    field: str = Field(max_length=20)
    old: dict = Field(default_factory=dict, sa_type=JSON)
    new: dict = Field(default_factory=dict, sa_type=JSON)
    after_submission: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class Conflict(SQLModel, table=True):
    """A declared conflict of interest: the user may not score or see this company."""

    __table_args__ = (UniqueConstraint("company_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    reason: str = Field(max_length=1000)
    declared_by_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TechDebtEstimate(SQLModel, table=True):
    """One evaluator's estimate of effort per system component for a company (issue 3)."""

    __table_args__ = (UniqueConstraint("company_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True, ondelete="CASCADE")
    user_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    efforts: dict = Field(default_factory=dict, sa_type=JSON)
    # {component key: {"state": "absent|manual|automated|gated", "owner": "..."}} (issue 15).
    maturity: dict = Field(default_factory=dict, sa_type=JSON)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
