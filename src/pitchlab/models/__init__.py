"""All tables; importing this module registers them on SQLModel.metadata."""

from .company import (
    Company,
    DealRound,
    DealSource,
    Modality,
    ModelStrategy,
    PipelineStatus,
    Region,
    Stage,
)
from .deals import Activity, ActivityKind, Assignment, Notification, SavedView
from .document import Document, DocumentBlob, DocumentKind, DocumentPage, DocumentStatus
from .export_job import ExportJob, ExportStatus
from .meeting import (
    AgendaItem,
    Meeting,
    MeetingAttendee,
    MeetingCorrection,
    MeetingStatus,
    MeetingVote,
    VoteChoice,
)
from .prfaq import PrfaqDraft, PrfaqRevision, PrfaqTemplate
from .rubric import RubricCriterion, RubricPack, RubricVersion
from .scoring import Conflict, Evaluation, EvaluationStatus, Score, ScoreEvent, TechDebtEstimate
from .types import UTCDateTime, utcnow
from .user import ApiToken, AppSetting, LoginAttempt, LoginSession, Role, User
from .valuation import MINOR_UNITS, ValuationAnchor
from .worksheet import ModelRelease, Worksheet, WorksheetRevision

__all__ = [
    "Activity",
    "ActivityKind",
    "AgendaItem",
    "Meeting",
    "MeetingAttendee",
    "MeetingCorrection",
    "MeetingStatus",
    "MeetingVote",
    "VoteChoice",
    "Assignment",
    "DealRound",
    "DealSource",
    "Notification",
    "SavedView",
    "ApiToken",
    "AppSetting",
    "Company",
    "Conflict",
    "Document",
    "DocumentBlob",
    "DocumentKind",
    "DocumentPage",
    "DocumentStatus",
    "Evaluation",
    "EvaluationStatus",
    "ExportJob",
    "ExportStatus",
    "LoginAttempt",
    "LoginSession",
    "Modality",
    "ModelRelease",
    "ModelStrategy",
    "PipelineStatus",
    "PrfaqDraft",
    "PrfaqRevision",
    "PrfaqTemplate",
    "MINOR_UNITS",
    "Region",
    "Role",
    "RubricCriterion",
    "RubricPack",
    "RubricVersion",
    "Score",
    "ScoreEvent",
    "Stage",
    "TechDebtEstimate",
    "UTCDateTime",
    "User",
    "Worksheet",
    "WorksheetRevision",
    "ValuationAnchor",
    "utcnow",
]
