"""The valuation a Payne or Berkus scorecard comes to, as its levels stand (issue 15)."""

from sqlmodel import Session, select

from ..anchors.data import as_anchor
from ..models import Company, RubricCriterion, RubricVersion, Score, ValuationAnchor
from ..rubrics.valuation import (
    PAYNE,
    Factor,
    ValuationResult,
    default_anchor,
    pick_anchor,
    to_decimal,
    valuation_of,
)


def scored_levels(criteria: list[RubricCriterion], scores: dict[int, Score]) -> dict[str, int]:
    """Criterion key -> level, for criteria answered with a level (not N/A, not insufficient)."""
    levels = {}
    for criterion in criteria:
        score = scores.get(criterion.id)
        if score is not None and score.value is not None and not score.is_na:
            if not score.is_insufficient:
                levels[criterion.key] = score.value
    return levels


def company_anchor(session: Session, config: dict, company: Company):
    """The kept anchor of the company's region and stage, else the pack's own default."""
    rows = session.exec(
        select(ValuationAnchor).where(
            ValuationAnchor.region == company.region, ValuationAnchor.stage == company.stage
        )
    ).all()
    found = pick_anchor(
        [as_anchor(row) for row in rows], region=company.region, stage=company.stage
    )
    return found or default_anchor(config, region=company.region, stage=company.stage)


def scorecard_valuation(
    session: Session,
    *,
    version: RubricVersion,
    criteria: list[RubricCriterion],
    scores: dict[int, Score],
    company: Company,
) -> ValuationResult | None:
    """None for a pack without a valuation block."""
    config = version.valuation
    if not config:
        return None
    anchor = company_anchor(session, config, company) if config["method"] == PAYNE else None
    return valuation_of(
        config,
        levels=scored_levels(criteria, scores),
        factors=[Factor(c.key, to_decimal(c.weight)) for c in criteria],
        scale=(version.scale_min, version.scale_max),
        anchor=anchor,
        has_revenue=company.has_revenue,
    )
