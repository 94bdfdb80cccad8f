"""The technical-debt maturity map: the system around the model, component by component.

Sculley et al. (2015), "Hidden Technical Debt in Machine Learning Systems", Figure 1: in a real
ML system the ML code is a small box among configuration, data collection, feature extraction,
data verification, machine resource management, analysis and process management tools, serving
infrastructure and monitoring. The paper's number is that "a mature system might end up being
(at most) 5% machine learning code and (at least) 95% glue code", said of code in mature
systems, inside its glue-code anti-pattern: a symptom of debt, not a target for effort (issue
15). LLM products add components of their own: an evaluation harness, a retrieval index,
guardrails, human review, provider fallback, prompt and model versioning.

So the map reads first each component's state (absent, manual, automated, gated in CI, or not
needed by this product) and owner, and only then the model's share of effort, against reference
bands per stage and company type that are pitchlab's rule of thumb, not the paper's. The
`model-effort-share` criterion's levels are the rules of `suggested_level`, word for word, so
the criterion and the calculator cannot disagree.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from pitchlab.rubrics.packmodels import Calculator, ShareBand

ABSENT, MANUAL, AUTOMATED, GATED, NOT_NEEDED = (
    "absent",
    "manual",
    "automated",
    "gated",
    "not-needed",
)
STATES = (ABSENT, MANUAL, AUTOMATED, GATED, NOT_NEEDED)
RUNS_ON_ITS_OWN = frozenset({AUTOMATED, GATED})
# Level 3 needs these automated; level 5 needs these gated in CI (where the product needs them).
CORE_COMPONENTS = ("serving-infrastructure", "monitoring", "evaluation-harness")
GATED_AT_TOP = ("evaluation-harness", "data-verification")
GATED_AT_FOUR = ("evaluation-harness",)
# Level 4: at least this share of the needed components automated or gated.
MOST = 2 / 3
BELOW, WITHIN, ABOVE = "below", "within", "above"
PERCENT = 100
BAR_DECIMALS = 1
# How a company's model strategy reads as a company type for the bands; no-ml has none.
COMPANY_TYPE_OF_STRATEGY = {
    "closed-api-wrapper": "api-wrapper",
    "fine-tuned-open": "fine-tuner",
    "own-open-weights": "model-builder",
    "own-closed": "model-builder",
}
EARLY_STAGES = frozenset({"pre-seed", "seed"})


class ComponentRow(NamedTuple):
    key: str
    effort: float
    share: float | None
    state: str
    owner: str


class Bar(NamedTuple):
    key: str
    percent: float


@dataclass(frozen=True)
class TechDebtAssessment:
    """The map, its counts, the model's share against its band, and the suggested level."""

    components: list[ComponentRow]  # the model component included, first as in the pack
    model_share: float | None
    reference_share: float
    band: ShareBand | None
    reading: str | None  # below, within or above the band; None without a share or a band
    needed: int  # components around the model this product needs
    running: int  # of those, automated or gated
    without_owner: list[str]
    suggested_level: int | None  # for the model-effort-share criterion
    bars: list[Bar]


def model_share(efforts: Mapping[str, float], *, model_key: str = "ml-code") -> float | None:
    """The model component's fraction of the total effort; None when the total is 0."""
    total = _total_effort(efforts)
    if total == 0:
        return None
    return efforts.get(model_key, 0) / total


def company_band(calculator: Calculator, *, model_strategy: str, stage: str) -> ShareBand | None:
    """The reference band for the company's type and stage; None for a company with no ML."""
    company_type = COMPANY_TYPE_OF_STRATEGY.get(model_strategy)
    if company_type is None:
        return None
    return calculator.band(company_type, "early" if stage in EARLY_STAGES else "later")


def share_reading(share: float | None, band: ShareBand | None) -> str | None:
    if share is None or band is None:
        return None
    if share > band.high:
        return ABOVE
    return BELOW if share < band.low else WITHIN


def suggested_level(states: Mapping[str, str], owners: Mapping[str, str], reading: str | None):
    """The model-effort-share level the map supports (the criterion's levels, as rules).

    states: component key -> state, for the components around the model. None when no state
    has been given at all. A share above the band caps the level at 2; no share is no cap.
    """
    if not states:
        return None
    needed = [key for key, state in states.items() if state != NOT_NEEDED]
    running = [key for key in needed if states[key] in RUNS_ON_ITS_OWN]

    def all_in(keys, allowed):
        return all(states.get(key, NOT_NEEDED) in allowed | {NOT_NEEDED} for key in keys)

    if not running:
        return 1
    if reading == ABOVE or not all_in(CORE_COMPONENTS, RUNS_ON_ITS_OWN):
        return 2
    owned = all(owners.get(key, "").strip() for key in running)
    if len(running) == len(needed) and owned and all_in(GATED_AT_TOP, {GATED}):
        return 5
    if len(running) >= MOST * len(needed) and owned and all_in(GATED_AT_FOUR, {GATED}):
        return 4
    return 3


def assess_system(
    efforts: Mapping[str, float],
    maturity: Mapping[str, Mapping[str, str]],
    *,
    calculator: Calculator,
    band: ShareBand | None,
) -> TechDebtAssessment:
    """Read a company's map: efforts (any unit, only ratios matter) and {key: {state, owner}}.

    Components left out have no effort and state absent; an unknown key is an error.
    """
    known = [component.key for component in calculator.components]
    unknown = [key for key in [*efforts, *maturity] if key not in known]
    if unknown:
        raise ValueError(f"unknown component {unknown[0]!r}; expected one of {', '.join(known)}")
    total = _total_effort(efforts)
    model_key = calculator.model_component.key
    full = {key: float(efforts.get(key, 0)) for key in known}
    share = model_share(full, model_key=model_key)
    around = [key for key in known if key != model_key]
    states = {key: maturity.get(key, {}).get("state", ABSENT) for key in around}
    owners = {key: maturity.get(key, {}).get("owner", "") for key in known}
    reading = share_reading(share, band)
    needed = [key for key in around if states[key] != NOT_NEEDED]
    running = [key for key in needed if states[key] in RUNS_ON_ITS_OWN]
    return TechDebtAssessment(
        components=[
            ComponentRow(
                key,
                full[key],
                full[key] / total if total else None,
                states.get(key, ""),
                owners[key],
            )
            for key in known
        ],
        model_share=share,
        reference_share=calculator.reference_model_share,
        band=band,
        reading=reading,
        needed=len(needed),
        running=len(running),
        without_owner=[key for key in running if not owners[key].strip()],
        suggested_level=suggested_level(states if maturity else {}, owners, reading),
        bars=[Bar(key, round(full[key] / total * PERCENT, BAR_DECIMALS)) for key in known]
        if total
        else [],
    )


def _total_effort(efforts: Mapping[str, float]) -> float:
    for key, effort in efforts.items():
        if not math.isfinite(effort) or effort < 0:
            raise ValueError(f"effort for {key!r} must be a finite number >= 0, got {effort}")
    return sum(efforts.values())
