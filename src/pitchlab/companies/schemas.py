"""The validated shape of a company as a form or the API sends it."""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from ..deals.money import MoneyError, is_currency, parse_major, to_major
from ..models.company import (
    NAME_MAX,
    NOTES_MAX,
    ONE_LINER_MAX,
    SHORT_TEXT_MAX,
    DealRound,
    DealSource,
    Modality,
    ModelStrategy,
    PipelineStatus,
    Region,
    Stage,
)
from .names import display_name, name_key

EARLIEST_FOUNDED_YEAR = 1900
TAG_MAX = 40
TAGS_MAX = 20

Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=SHORT_TEXT_MAX)]
MONEY_FIELDS = ("amount_raising", "pre_money", "check_size")
# Amounts travel in major units, as text or a number ("2500000", "1,250,000.50"): exact, and
# what a person types or a spreadsheet holds; the table keeps integers in minor units.
Money = Decimal | None


def normalize_tags(raw: str | list[str] | None) -> list[str]:
    """Tags as lowercase, trimmed, de-duplicated words, from a comma string or a list."""
    items = raw.split(",") if isinstance(raw, str) else list(raw or [])
    seen: dict[str, None] = {}
    for item in items:
        tag = " ".join(str(item).split()).lower()
        if tag:
            seen.setdefault(tag, None)
    return list(seen)


class CompanyIn(BaseModel):
    """Everything a user may set on a company."""

    model_config = ConfigDict(str_strip_whitespace=True)

    name: Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX)]
    one_liner: Annotated[str, StringConstraints(max_length=ONE_LINER_MAX)] = ""
    website: AnyHttpUrl | None = None
    sector: Short = ""
    stage: Stage = Stage.SEED
    status: PipelineStatus = PipelineStatus.SOURCED
    modality: Modality = Modality.TEXT
    model_strategy: ModelStrategy = ModelStrategy.FINE_TUNED_OPEN
    founders: Annotated[str, StringConstraints(max_length=500)] = ""
    location: Short = ""
    # Issue 15: the region picks the valuation anchor; revenue rules Berkus out.
    region: Region | None = None
    has_revenue: bool = False
    founded_year: int | None = Field(default=None, ge=EARLIEST_FOUNDED_YEAR)
    tags: list[Annotated[str, StringConstraints(max_length=TAG_MAX)]] = Field(
        default_factory=list, max_length=TAGS_MAX
    )
    customers: Annotated[str, StringConstraints(max_length=500)] = ""
    notes: Annotated[str, StringConstraints(max_length=NOTES_MAX)] = ""
    # Deal terms (issue 13). The currency comes first: the amounts are checked against it.
    deal_round: DealRound | None = None
    currency: Annotated[str, StringConstraints(to_upper=True)] = "USD"
    amount_raising: Money = None
    pre_money: Money = None
    check_size: Money = None
    lead_investor: Short = ""
    source: DealSource | None = None
    referrer: Short = ""
    owner_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    next_step: Short = ""
    next_step_due: date | None = None
    first_contact: date | None = None

    @field_validator("has_revenue", mode="before")
    @classmethod
    def _checkbox(cls, value):
        # A form sends "on" for a ticked box and nothing (here "") for an unticked one.
        if isinstance(value, str) and value.strip().lower() in {"", "on"}:
            return value.strip().lower() == "on"
        return value

    @field_validator("name", mode="before")
    @classmethod
    def _visible_name(cls, value):
        # Invisible characters are dropped before the length checks, so a name of zero-width
        # spaces only is empty, hence required (issue 11).
        return display_name(value) if isinstance(value, str) else value

    @field_validator("name")
    @classmethod
    def _key_fits(cls, value: str | None) -> str | None:
        # NFKC can lengthen a name ("㍿" is four letters); the key column has NAME_MAX too.
        if value is not None and len(name_key(value)) > NAME_MAX:
            raise PydanticCustomError(
                "string_too_long",
                "String should have at most {max_length} characters",
                {"max_length": NAME_MAX},
            )
        return value

    @field_validator(
        "website",
        "founded_year",
        "region",
        "deal_round",
        "source",
        "owner_id",
        "next_step_due",
        "first_contact",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("currency", mode="before")
    @classmethod
    def _blank_currency_is_default(cls, value):
        return "USD" if value is None or (isinstance(value, str) and not value.strip()) else value

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str) -> str:
        if not is_currency(value):
            raise ValueError("currency_unknown")
        return value

    @field_validator(*MONEY_FIELDS, mode="before")
    @classmethod
    def _exact_amount(cls, value, info: ValidationInfo):
        # Checked here, against the currency validated above: its number of decimals.
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal | None):
            raise ValueError("money_not_a_number")
        try:
            minor = parse_major(value, info.data.get("currency") or "USD")
        except MoneyError as error:
            raise ValueError(str(error)) from error
        return None if minor is None else to_major(minor, info.data.get("currency") or "USD")

    @field_validator("tags", mode="before")
    @classmethod
    def _split_tags(cls, value):
        # Anything but text or a list (a number, an object) is left for pydantic to refuse.
        return normalize_tags(value) if isinstance(value, str | list | None) else value

    @field_validator("founded_year")
    @classmethod
    def _not_in_future(cls, value: int | None) -> int | None:
        if value is not None and value > datetime.now(UTC).year:
            raise ValueError("founded_year_future")
        return value

    def to_columns(self) -> dict:
        """The values as the company table stores them."""
        data = self.model_dump()
        data["website"] = str(self.website) if self.website else ""
        data["tags"] = ",".join(self.tags)
        data["region"] = self.region.value if self.region else ""
        for key in ("stage", "status", "modality", "model_strategy"):
            data[key] = data[key].value
        for key in ("deal_round", "source"):
            data[key] = data[key].value if data[key] else ""
        for key in MONEY_FIELDS:
            data[key] = parse_major(data[key], self.currency)
        return data


class CompanyPatch(CompanyIn):
    """A partial update through the API: every field optional."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX)] | None = None

    @field_validator("name")
    @classmethod
    def _name_cannot_be_cleared(cls, value: str | None) -> str:
        # Omitting the name keeps it; sending null would erase it.
        if value is None:
            raise ValueError("name cannot be null")
        return value


class CompanyOut(BaseModel):
    """A company as the API returns it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    one_liner: str
    website: str
    sector: str
    stage: str
    status: str
    modality: str
    model_strategy: str
    founders: str
    location: str
    region: str
    has_revenue: bool
    founded_year: int | None
    tags: list[str]
    customers: str
    notes: str
    deal_round: str
    currency: str
    amount_raising: Decimal | None = Field(description="In major units of `currency`")
    pre_money: Decimal | None = Field(description="In major units of `currency`")
    check_size: Decimal | None = Field(description="Our proposed check, in `currency`")
    lead_investor: str
    source: str
    referrer: str
    owner_id: int | None
    next_step: str
    next_step_due: date | None
    first_contact: date | None
    archived: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, company) -> "CompanyOut":
        data = {name: getattr(company, name) for name in cls.model_fields if hasattr(company, name)}
        data.update(tags=company.tag_list, archived=company.archived_at is not None)
        for key in MONEY_FIELDS:
            data[key] = to_major(getattr(company, key), company.currency)
        return cls.model_validate(data)
