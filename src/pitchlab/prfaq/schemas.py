"""The validated shape of a change to a draft, as the rename form or the API sends it."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StrictBool, StringConstraints, field_validator

from ..models.prfaq import TITLE_MAX

DraftTitle = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TITLE_MAX)
]


class DraftPatch(BaseModel):
    """A new title, archived or not; what is left out stays as it is."""

    # A misspelt field would otherwise be ignored and the call would look like it worked.
    model_config = ConfigDict(extra="forbid")

    title: DraftTitle | None = None
    archived: StrictBool | None = None

    @field_validator("title", "archived")
    @classmethod
    def _not_null(cls, value):
        # Omitting a field keeps it; null would say "erase", which means nothing here.
        if value is None:
            raise ValueError("may be left out but not null")
        return value
