"""Valuation anchors: the average pre-money deal of a region and stage, kept by admins."""

from datetime import date, datetime

from sqlalchemy import BigInteger, UniqueConstraint
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow

# Money is stored in minor units (1/100 of the currency) as an integer: never a float.
MINOR_UNITS = 100


class ValuationAnchor(SQLModel, table=True):
    """The average pre-money valuation of a deal in one region and stage, in one currency."""

    __table_args__ = (UniqueConstraint("region", "stage", "currency"),)

    id: int | None = Field(default=None, primary_key=True)
    region: str = Field(max_length=30, index=True)
    stage: str = Field(max_length=20)
    currency: str = Field(max_length=3)
    amount_minor: int = Field(sa_type=BigInteger)
    as_of: date
    source: str = Field(max_length=500)
    updated_by_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
