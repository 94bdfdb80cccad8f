"""The technical-debt share calculator: how much of a startup's plan is the model itself.

Sculley et al. (2015), "Hidden Technical Debt in Machine Learning Systems": in a real ML
system the model code is a small box among data collection, feature extraction, serving,
monitoring and configuration; the interview puts it at about 5%. A plan that spends most of
its effort on the model is likely underestimating everything around it.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from pitchlab.rubrics.packmodels import Calculator

FLAG_MOSTLY_MODEL = "mostly-model"
FLAG_MODEL_HEAVY = "model-heavy"
FLAG_BALANCED = "balanced"
# A plan counts as model-heavy once its model share is this many times the reference share.
MODEL_HEAVY_FACTOR = 2
PERCENT = 100
BAR_DECIMALS = 1


class ComponentShare(NamedTuple):
    key: str
    effort: float
    share: float | None


class Bar(NamedTuple):
    key: str
    percent: float


@dataclass(frozen=True)
class TechDebtAssessment:
    """A plan's effort split, its model share against the reference, and a verdict."""

    components: list[ComponentShare]
    model_share: float | None
    reference_share: float
    ratio_to_reference: float | None
    flag: str | None  # None when the plan has no effort in it yet
    bars: list[Bar]


def model_share(efforts: Mapping[str, float], *, model_key: str = "ml-code") -> float | None:
    """The model component's fraction of the total effort; None when the total is 0."""
    total = _total_effort(efforts)
    if total == 0:
        return None
    return efforts.get(model_key, 0) / total


def assess_plan(efforts: Mapping[str, float], *, calculator: Calculator) -> TechDebtAssessment:
    """Compare a plan's efforts (person-weeks or shares; only ratios matter) with the reference.

    Components the plan leaves out count as 0; a key the calculator does not know is an error.
    """
    known = [component.key for component in calculator.components]
    unknown = [key for key in efforts if key not in known]
    if unknown:
        raise ValueError(f"unknown component {unknown[0]!r}; expected one of {', '.join(known)}")
    total = _total_effort(efforts)
    full = {key: float(efforts.get(key, 0)) for key in known}
    share = model_share(full, model_key=calculator.model_component.key)
    reference = calculator.reference_model_share
    return TechDebtAssessment(
        components=[
            ComponentShare(key, effort, effort / total if total else None)
            for key, effort in full.items()
        ],
        model_share=share,
        reference_share=reference,
        ratio_to_reference=None if share is None else share / reference,
        flag=None if share is None else plan_flag(share, calculator=calculator),
        bars=[
            Bar(key, round(effort / total * PERCENT, BAR_DECIMALS)) for key, effort in full.items()
        ]
        if total
        else [],
    )


def plan_flag(share: float, *, calculator: Calculator) -> str:
    """The verdict: mostly-model above the calculator's flag, model-heavy above 2x reference."""
    if share > calculator.flag_model_share:
        return FLAG_MOSTLY_MODEL
    if share > MODEL_HEAVY_FACTOR * calculator.reference_model_share:
        return FLAG_MODEL_HEAVY
    return FLAG_BALANCED


def _total_effort(efforts: Mapping[str, float]) -> float:
    for key, effort in efforts.items():
        if not math.isfinite(effort) or effort < 0:
            raise ValueError(f"effort for {key!r} must be a finite number >= 0, got {effort}")
    return sum(efforts.values())
