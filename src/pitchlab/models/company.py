"""Companies in the fund's pipeline."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow


class Stage(StrEnum):
    PRE_SEED = "pre-seed"
    SEED = "seed"
    SERIES_A = "series-a"
    SERIES_B = "series-b"
    SERIES_C = "series-c"
    GROWTH = "growth"


class PipelineStatus(StrEnum):
    SOURCED = "sourced"
    SCREENING = "screening"
    DILIGENCE = "diligence"
    IC = "ic"
    INVESTED = "invested"
    PASSED = "passed"


class Modality(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"
    MULTIMODAL = "multimodal"
    OTHER = "other"


class Region(StrEnum):
    """Where a company raises: valuation anchors are kept per region (issue 15)."""

    NORTH_AMERICA = "north-america"
    EUROPE = "europe"
    GREATER_CHINA = "greater-china"
    ASIA_PACIFIC = "asia-pacific"
    OTHER = "other"


class ModelStrategy(StrEnum):
    OWN_OPEN_WEIGHTS = "own-open-weights"
    FINE_TUNED_OPEN = "fine-tuned-open"
    CLOSED_API_WRAPPER = "closed-api-wrapper"
    OWN_CLOSED = "own-closed"
    NO_ML = "no-ml"


class DealRound(StrEnum):
    """The round a company is raising (issue 13); a bridge sits between priced rounds."""

    PRE_SEED = "pre-seed"
    SEED = "seed"
    SERIES_A = "series-a"
    SERIES_B = "series-b"
    SERIES_C = "series-c"
    GROWTH = "growth"
    BRIDGE = "bridge"


class DealSource(StrEnum):
    INBOUND = "inbound"
    REFERRAL = "referral"
    OUTBOUND = "outbound"
    EVENT = "event"


NAME_MAX = 120
ONE_LINER_MAX = 200
SHORT_TEXT_MAX = 200
NOTES_MAX = 20_000


class Company(SQLModel, table=True):
    """A startup being sourced, evaluated or held."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=NAME_MAX)
    # Case-folded name: the unique key that refuses "Acme" beside "ACME".
    name_key: str = Field(max_length=NAME_MAX, unique=True)
    one_liner: str = Field(default="", max_length=ONE_LINER_MAX)
    website: str = Field(default="", max_length=SHORT_TEXT_MAX)
    sector: str = Field(default="", max_length=SHORT_TEXT_MAX, index=True)
    stage: str = Field(default=Stage.SEED.value, max_length=20, index=True)
    status: str = Field(default=PipelineStatus.SOURCED.value, max_length=20, index=True)
    modality: str = Field(default=Modality.TEXT.value, max_length=20)
    model_strategy: str = Field(default=ModelStrategy.FINE_TUNED_OPEN.value, max_length=30)
    founders: str = Field(default="", max_length=500)
    location: str = Field(default="", max_length=SHORT_TEXT_MAX)
    # The region of the valuation anchor; empty until someone sets it (issue 15).
    region: str = Field(default="", max_length=30)
    # Berkus values pre-revenue companies only: this box, set on the company form, is the one
    # place the app learns that a company has revenue (issue 15).
    has_revenue: bool = False
    founded_year: int | None = None
    # Normalised, comma-separated; searched with LIKE on both backends.
    tags: str = Field(default="", max_length=500)
    customers: str = Field(default="", max_length=500)
    notes: str = Field(default="", max_length=NOTES_MAX)
    # Deal terms (issue 13). Money is in minor units of `currency` (cents, fen), never floats.
    deal_round: str = Field(default="", max_length=20)
    amount_raising: int | None = Field(default=None, sa_type=BigInteger)
    pre_money: int | None = Field(default=None, sa_type=BigInteger)
    check_size: int | None = Field(default=None, sa_type=BigInteger)
    currency: str = Field(default="USD", max_length=3)
    lead_investor: str = Field(default="", max_length=SHORT_TEXT_MAX)
    source: str = Field(default="", max_length=20)
    referrer: str = Field(default="", max_length=SHORT_TEXT_MAX)
    # No ON DELETE: SQLite cannot add one to an existing table in place (see 0003); accounts
    # are deactivated, not deleted.
    owner_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    next_step: str = Field(default="", max_length=SHORT_TEXT_MAX)
    next_step_due: date | None = None
    first_contact: date | None = None
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def tag_list(self) -> list[str]:
        return tag_list(self.tags)


def tag_list(tags: str) -> list[str]:
    """The tags of a company's stored "a,b,c" text, for a Company or a row of its columns."""
    return [tag for tag in tags.split(",") if tag]
