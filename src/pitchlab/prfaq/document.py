"""The shape of a PR/FAQ template file, as pydantic models (format: seeds/prfaq/README.md)."""

from collections.abc import Mapping, Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Language = Literal["en", "zh"]
LANGUAGES: tuple[Language, ...] = ("en", "zh")
FAQ_PARTS: tuple[str, ...] = ("external", "internal")
# The topic whose keywords tell whether a draft names its customer (see completeness.py).
CUSTOMER_TOPIC = "customer"
KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# A draft's content as the app stores it: section key -> Markdown, and FAQ part ->
# [{"question": ..., "answer": ...}].
Sections = Mapping[str, str]
Faqs = Mapping[str, Sequence[Mapping[str, object]]]

Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def resolve_language(language: str) -> Language:
    """Map a draft's language tag (zh, zh-CN, zh-Hans, en-GB...) to a template language."""
    return "zh" if language.lower().startswith("zh") else "en"


class _Strict(BaseModel):
    # Unknown fields are refused so that a typo in a seed file is an error, not a silent default.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(_Strict):
    en: Text
    zh: Text

    def text(self, language: str) -> str:
        return getattr(self, resolve_language(language))


class BilingualList(_Strict):
    en: list[Text]
    zh: list[Text]

    def items(self, language: str) -> list[str]:
        return getattr(self, resolve_language(language))


def _limit_for_both(value: object) -> object:
    """Let a file write `min_words: 10` when both languages share the limit."""
    if isinstance(value, int) and not isinstance(value, bool):
        return {"en": value, "zh": value}
    return value


def _prefill_for_both(value: object) -> object:
    """Let a file write `prefill: name` when the pattern needs no translation."""
    return {"en": value, "zh": value} if isinstance(value, str) else value


class WordLimit(_Strict):
    en: Annotated[int, Field(ge=0)]
    zh: Annotated[int, Field(ge=0)]

    def limit(self, language: str) -> int:
        return getattr(self, resolve_language(language))


Limit = Annotated[WordLimit, BeforeValidator(_limit_for_both)]
Prefill = Annotated[Bilingual | None, BeforeValidator(_prefill_for_both)]


class Topic(_Strict):
    """A question the FAQ should answer, detected by keywords in either language."""

    title: Bilingual
    keywords: BilingualList
    source: Bilingual | None = None
    reference: str | None = None

    def all_keywords(self) -> list[str]:
        return [*self.keywords.en, *self.keywords.zh]


class TemplateSection(_Strict):
    key: Key
    title: Bilingual
    guidance: Bilingual
    min_words: Limit
    max_words: Limit
    prompts: BilingualList
    prefill: Prefill = None


class FaqPart(_Strict):
    title: Bilingual
    guidance: Bilingual
    prompts: BilingualList
    required_topics: list[str] = []
    source: Bilingual | None = None


class Faq(_Strict):
    external: FaqPart
    internal: FaqPart

    def part(self, name: str) -> FaqPart:
        return getattr(self, name)


class TemplateDocument(_Strict):
    """One PR/FAQ template: ordered sections plus an external and an internal FAQ."""

    key: Key
    version: Annotated[int, Field(ge=1)]
    title: Bilingual
    summary: Bilingual
    source: Bilingual
    topics: dict[str, Topic] = {}
    customer_sections: list[str] = []
    benefit_sections: list[str] = []
    # The press release (every section, before the FAQ) fits on one page (issue 15).
    press_release_max_words: Limit | None = None
    sections: Annotated[list[TemplateSection], Field(min_length=1)]
    faq: Faq

    def section_keys(self) -> list[str]:
        return [section.key for section in self.sections]

    def section_titles(self, language: str) -> dict[str, str]:
        return {section.key: section.title.text(language) for section in self.sections}
