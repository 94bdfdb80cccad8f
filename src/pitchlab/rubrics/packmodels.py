"""The rubric pack models: what a valid pack file holds, checked field by field and as a whole.

The format is described in seeds/rubrics/README.md. Cross-field checks report every problem at
once, each with its own field path, so a translator fixing a file sees the whole list.
"""

from collections.abc import Mapping
from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..models.company import ModelStrategy

# Plain strings (not the enum) so a pack exports back to YAML as it was written.
StrategyValue = Literal[tuple(strategy.value for strategy in ModelStrategy)]  # type: ignore[valid-type]

KEY_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
PackKind = Literal["core", "further", "preset"]
PACK_KINDS = get_args(PackKind)
MIN_CALCULATOR_COMPONENTS = 2
# A quote is a short verbatim line of the interview transcript, not a paragraph (issue 15).
MAX_QUOTE_CHARS = 70
# Error type used by model validators to report several (relative field, problem) pairs at once.
PROBLEMS_ERROR = "pack_problems"

Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN)]
NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
Quote = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUOTE_CHARS)
]


class _PackModel(BaseModel):
    # Unknown fields are refused so a misspelt key ("wieght") is an error, not silently dropped.
    model_config = ConfigDict(
        extra="forbid", frozen=True, validate_by_name=True, serialize_by_alias=True
    )


def _problems(problems: list[tuple[str, str]]) -> PydanticCustomError:
    summary = "; ".join(problem for _, problem in problems)
    context = {"summary": summary, "problems": problems}
    return PydanticCustomError(PROBLEMS_ERROR, "{summary}", context)


class Text(_PackModel):
    en: NonEmptyStr
    zh: NonEmptyStr


class Evidence(_PackModel):
    en: Annotated[list[NonEmptyStr], Field(min_length=1)]
    zh: Annotated[list[NonEmptyStr], Field(min_length=1)]


class Scale(_PackModel):
    min: int
    max: int

    @model_validator(mode="after")
    def _min_below_max(self) -> "Scale":
        if self.min >= self.max:
            raise _problems([("max", f"scale max must be above min, got {self.min}-{self.max}")])
        return self


class CriterionSource(_PackModel):
    section: Text
    # Verbatim Chinese words of the interview that support the criterion; a test finds every
    # quote in the transcript, so a quote cannot drift from its source (issue 15). Required in
    # every file; only a version stored before quotes existed reads back without one
    # (to_pack_file passes the context {"stored": True}).
    quote: Quote | None = None
    reference: NonEmptyStr | None = None

    @model_validator(mode="after")
    def _quoted(self, info: ValidationInfo) -> "CriterionSource":
        if self.quote is None and not (info.context or {}).get("stored"):
            raise _problems([("quote", "required field is missing")])
        return self


class Gate(_PackModel):
    """A deal-breaker: a panel median at or below `threshold` flags the company, whatever its
    average (issue 15)."""

    threshold: int


class AppliesUnless(_PackModel):
    """Companies a pack does not apply to, by their model strategy (issue 15): they are left
    out of it rather than forced to score it."""

    model_strategy: Annotated[list[StrategyValue], Field(min_length=1)]


class CriterionFile(_PackModel):
    key: Key
    title: Text
    question: Text
    weight: Positive
    na_allowed: bool = False
    levels: dict[int, Text]
    evidence: Evidence
    source: CriterionSource
    gate: Gate | None = None
    # This criterion is the one place where the construct is scored (see seeds/rubrics/README.md).
    # Written `construct:` in the file; named construct_key here because BaseModel.construct
    # is a method.
    construct_key: Key | None = Field(default=None, alias="construct")


class SeeAlso(_PackModel):
    """A construct the pack relies on but scores elsewhere, by reference to its one home."""

    construct_key: Key = Field(alias="construct")
    pack: Key
    criterion: Key


class ValuationPayne(_PackModel):
    method: Literal["payne"]
    currency: Annotated[str, StringConstraints(pattern=CURRENCY_PATTERN)]
    average_pre_money: Positive
    level_multipliers: dict[int, Positive]


class ValuationBerkus(_PackModel):
    method: Literal["berkus"]
    currency: Annotated[str, StringConstraints(pattern=CURRENCY_PATTERN)]
    max_per_criterion: Positive


Valuation = Annotated[ValuationPayne | ValuationBerkus, Field(discriminator="method")]


class CalculatorComponent(_PackModel):
    key: Key
    is_model: bool = False
    # A component LLM products add to Sculley et al.'s Figure 1 (evaluation harness, ...).
    llm: bool = False
    title: Text


CompanyType = Literal["api-wrapper", "fine-tuner", "model-builder"]
StageGroup = Literal["early", "later"]
COMPANY_TYPES = get_args(CompanyType)
STAGE_GROUPS = get_args(StageGroup)
Share = Annotated[float, Field(ge=0, le=1)]


class ShareBand(_PackModel):
    """The usual range of the model's share of effort for one kind of company at one stage."""

    company_type: CompanyType
    stage_group: StageGroup
    low: Share
    high: Share


class Calculator(_PackModel):
    """The technical-debt maturity map (issue 15): components around the model, their state and
    owner, and the model's share of effort read against reference bands per stage and type."""

    # Sculley et al. 2015: a mature system might be at most about 5% ML code. Context, not a target.
    reference_model_share: Annotated[float, Field(gt=0, lt=1)]
    components: Annotated[list[CalculatorComponent], Field(min_length=MIN_CALCULATOR_COMPONENTS)]
    bands: Annotated[list[ShareBand], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> "Calculator":
        keys = [component.key for component in self.components]
        problems = _duplicates(keys, field="components", noun="component")
        models = [c.key for c in self.components if c.is_model]
        if len(models) != 1:
            found = f"exactly one component needs is_model: true, found {len(models)}"
            problems.append(("components", found))
        pairs = [(band.company_type, band.stage_group) for band in self.bands]
        for index, band in enumerate(self.bands):
            if band.low >= band.high:
                problems.append((f"bands[{index}].high", "must be above low"))
            if pairs.count((band.company_type, band.stage_group)) > 1:
                problems.append((f"bands[{index}]", "duplicate company type and stage group"))
        missing = [
            f"{kind}/{group}"
            for kind in COMPANY_TYPES
            for group in STAGE_GROUPS
            if (kind, group) not in pairs
        ]
        if missing:
            problems.append(("bands", f"no band for {', '.join(missing)}"))
        if problems:
            raise _problems(problems)
        return self

    @property
    def model_component(self) -> CalculatorComponent:
        return next(c for c in self.components if c.is_model)

    def band(self, company_type: str, stage_group: str) -> ShareBand:
        return next(
            b for b in self.bands if (b.company_type, b.stage_group) == (company_type, stage_group)
        )


class PackFile(_PackModel):
    key: Key
    version: Annotated[int, Field(ge=1)]
    kind: PackKind
    title: Text
    summary: Text
    source: Text
    scale: Scale
    valuation: Valuation | None = None
    calculator: Calculator | None = None
    applies_unless: AppliesUnless | None = None
    see: list[SeeAlso] | None = None
    criteria: Annotated[list[CriterionFile], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> "PackFile":
        problems = _duplicates([c.key for c in self.criteria], field="criteria", noun="criterion")
        for criterion in self.criteria:
            problems += _scale_gaps(
                criterion.levels, scale=self.scale, field=f"criteria[{criterion.key}].levels"
            )
        for criterion in self.criteria:
            gate = criterion.gate
            if gate is not None and not self.scale.min <= gate.threshold < self.scale.max:
                problem = f"gate threshold must be from {self.scale.min} to {self.scale.max - 1}"
                problems.append((f"criteria[{criterion.key}].gate.threshold", problem))
        problems += _construct_problems(self)
        if self.valuation is not None and self.kind != "preset":
            problem = f"only preset packs have a valuation, this one is {self.kind}"
            problems.append(("valuation", problem))
        if isinstance(self.valuation, ValuationPayne):
            problems += _scale_gaps(
                self.valuation.level_multipliers,
                scale=self.scale,
                field="valuation.level_multipliers",
            )
        if problems:
            raise _problems(problems)
        return self

    def criterion(self, key: str) -> CriterionFile:
        """The criterion with this key; KeyError if the pack has none."""
        for criterion in self.criteria:
            if criterion.key == key:
                return criterion
        raise KeyError(f"pack {self.key!r} has no criterion {key!r}")


def _construct_problems(pack: "PackFile") -> list[tuple[str, str]]:
    # Within one pack a construct has one home, and is not both scored here and referenced.
    problems = []
    homes: set[str] = set()
    for criterion in pack.criteria:
        if criterion.construct_key in homes:
            problem = f"construct {criterion.construct_key!r} is scored twice in the pack"
            problems.append((f"criteria[{criterion.key}].construct", problem))
        if criterion.construct_key:
            homes.add(criterion.construct_key)
    for index, see in enumerate(pack.see or []):
        if see.construct_key in homes:
            problem = f"construct {see.construct_key!r} is scored in this pack, so it needs no see"
            problems.append((f"see[{index}].construct", problem))
        if see.pack == pack.key:
            problems.append((f"see[{index}].pack", "see points to another pack, not this one"))
    return problems


def _duplicates(keys: list[str], *, field: str, noun: str) -> list[tuple[str, str]]:
    # The index, not the key, names the entry: the key is exactly what is ambiguous here.
    seen: set[str] = set()
    problems = []
    for index, key in enumerate(keys):
        if key in seen:
            problems.append((f"{field}[{index}].key", f"duplicate {noun} key {key!r}"))
        seen.add(key)
    return problems


def _scale_gaps(levels: Mapping[int, object], *, scale: Scale, field: str) -> list[tuple[str, str]]:
    span = f"{scale.min}-{scale.max}"
    expected = range(scale.min, scale.max + 1)
    missing = [
        (field, f"level {level} is missing (scale {span} needs every level)")
        for level in expected
        if level not in levels
    ]
    extra = [
        (f"{field}.{level}", f"level {level} is outside the scale {span}")
        for level in sorted(levels)
        if level not in expected
    ]
    return missing + extra
