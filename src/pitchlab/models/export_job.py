"""Export jobs: a long portfolio export runs in the background and the page polls it.

Status, progress and the finished file live in the database, not in a process, so a page
served by one app process can follow a job another process is running.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import LargeBinary
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow


class ExportStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ExportJob(SQLModel, table=True):
    """One requested export: what was asked for, how far it got, and the file once done."""

    # A random hex id, so job URLs cannot be guessed or walked.
    id: str = Field(primary_key=True, max_length=32)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    kind: str = Field(default="comparison", max_length=20)
    format: str = Field(max_length=10)
    # The selection and weights as the compare page's query string.
    query: str = Field(default="", max_length=8000)
    status: str = Field(default=ExportStatus.QUEUED.value, max_length=20)
    progress: int = 0
    step: str = Field(default="", max_length=200)
    filename: str = Field(default="", max_length=200)
    result: bytes | None = Field(default=None, sa_type=LargeBinary)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
