"""All tables; importing this module registers them on SQLModel.metadata."""

from .company import Company, Modality, ModelStrategy, PipelineStatus, Stage
from .document import Document, DocumentBlob, DocumentKind, DocumentPage, DocumentStatus
from .export_job import ExportJob, ExportStatus
from .prfaq import PrfaqDraft, PrfaqRevision, PrfaqTemplate
from .rubric import RubricCriterion, RubricPack, RubricVersion
from .scoring import Conflict, Evaluation, EvaluationStatus, Score, ScoreEvent, TechDebtEstimate
from .types import UTCDateTime, utcnow
from .user import ApiToken, AppSetting, LoginAttempt, Role, User

__all__ = [
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
    "Modality",
    "ModelStrategy",
    "PipelineStatus",
    "PrfaqDraft",
    "PrfaqRevision",
    "PrfaqTemplate",
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
    "utcnow",
]
