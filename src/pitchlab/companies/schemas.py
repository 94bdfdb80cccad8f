"""The validated shape of a company as a form or the API sends it."""

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from ..models.company import (
    NAME_MAX,
    NOTES_MAX,
    ONE_LINER_MAX,
    SHORT_TEXT_MAX,
    Modality,
    ModelStrategy,
    PipelineStatus,
    Stage,
)
from .names import display_name, name_key

EARLIEST_FOUNDED_YEAR = 1900
TAG_MAX = 40
TAGS_MAX = 20

Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=SHORT_TEXT_MAX)]


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
    founded_year: int | None = Field(default=None, ge=EARLIEST_FOUNDED_YEAR)
    tags: list[Annotated[str, StringConstraints(max_length=TAG_MAX)]] = Field(
        default_factory=list, max_length=TAGS_MAX
    )
    customers: Annotated[str, StringConstraints(max_length=500)] = ""
    notes: Annotated[str, StringConstraints(max_length=NOTES_MAX)] = ""

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

    @field_validator("website", "founded_year", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

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
        for key in ("stage", "status", "modality", "model_strategy"):
            data[key] = data[key].value
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
    founded_year: int | None
    tags: list[str]
    customers: str
    notes: str
    archived: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, company) -> "CompanyOut":
        data = {name: getattr(company, name) for name in cls.model_fields if hasattr(company, name)}
        data.update(tags=company.tag_list, archived=company.archived_at is not None)
        return cls.model_validate(data)
