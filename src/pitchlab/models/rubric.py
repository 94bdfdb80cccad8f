"""Rubric packs, their immutable versions and the criteria of each version."""

from datetime import datetime

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow


class RubricPack(SQLModel, table=True):
    """The stable identity of a rubric (e.g. problem-space) across its versions."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=80, unique=True)
    kind: str = Field(default="core", max_length=20)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RubricVersion(SQLModel, table=True):
    """One version of a pack. Once scored against, a version never changes meaning."""

    __table_args__ = (UniqueConstraint("pack_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    pack_id: int = Field(foreign_key="rubricpack.id", index=True, ondelete="CASCADE")
    version: int = 1
    title: dict = Field(default_factory=dict, sa_type=JSON)
    summary: dict = Field(default_factory=dict, sa_type=JSON)
    source: dict = Field(default_factory=dict, sa_type=JSON)
    scale_min: int = 1
    scale_max: int = 5
    valuation: dict | None = Field(default=None, sa_type=JSON)
    calculator: dict | None = Field(default=None, sa_type=JSON)
    # {"model_strategy": [...]}: companies this pack does not apply to (issue 15).
    applies_unless: dict | None = Field(default=None, sa_type=JSON)
    # [{"construct", "pack", "criterion"}]: constructs scored in another pack (issue 15).
    see: list | None = Field(default=None, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")


class RubricCriterion(SQLModel, table=True):
    """A criterion of one pack version, with its anchored levels."""

    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="rubricversion.id", index=True, ondelete="CASCADE")
    key: str = Field(max_length=80)
    position: int = 0
    weight: float = 1.0
    title: dict = Field(default_factory=dict, sa_type=JSON)
    question: dict = Field(default_factory=dict, sa_type=JSON)
    # {"1": {"en": ..., "zh": ...}, ...}: JSON object keys are strings on every backend.
    levels: dict = Field(default_factory=dict, sa_type=JSON)
    na_allowed: bool = False
    evidence: dict = Field(default_factory=dict, sa_type=JSON)
    source: dict = Field(default_factory=dict, sa_type=JSON)
    # The construct this criterion is the one home of, e.g. cost-per-request (issue 15).
    construct_key: str | None = Field(default=None, max_length=80)
    retired: bool = False
    # {"threshold": N}: a deal-breaker; a panel median at or below N flags the company.
    gate: dict | None = Field(default=None, sa_type=JSON)
