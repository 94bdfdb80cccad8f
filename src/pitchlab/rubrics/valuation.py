"""Valuations computed from a scorecard's levels: Payne's scorecard method and Berkus's method.

Pure functions: no HTTP, no database. Money is Decimal throughout and rounded once, at the end,
to minor units (1/100 of the currency).

Payne (Scorecard Valuation Methodology, 2011): the company is compared, factor by factor, with
the average pre-money deal of its region and stage. Each level maps to a multiplier (50% of the
average deal ... 150%), and

    valuation = anchor x sum(factor weight share x factor multiplier)

Every factor is required: a missing factor is not re-weighted away (that would change what the
weights mean), the valuation is simply not given and the card lists what is missing.

Berkus: for a pre-revenue company with the potential to reach more than 20 M USD of revenue by
its fifth year, each of five risk-reducing drivers adds up to a fixed maximum, in proportion to
its level: max x (level - lowest) / (highest - lowest). A company with revenue is outside the
method; the card says so rather than showing a number.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

PAYNE = "payne"
BERKUS = "berkus"
CENT = Decimal("0.01")
# Why a valuation is not given.
MISSING_FACTORS = "missing-factors"
HAS_REVENUE = "has-revenue"


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError("money amounts are Decimal, never float")


@dataclass(frozen=True)
class Anchor:
    """The average pre-money deal a Payne card compares with, and where the figure comes from."""

    value: Money
    region: str
    stage: str
    as_of: date | None
    source: str
    is_default: bool = False  # the pack's own figure: no anchor kept for this region and stage


@dataclass(frozen=True)
class Factor:
    """One criterion of a valuation pack: its key and weight."""

    key: str
    weight: Decimal


@dataclass(frozen=True)
class FactorLine:
    key: str
    level: int | None
    weight_share: Decimal
    amount: Decimal | None  # Payne: the multiplier; Berkus: the money this driver adds


@dataclass(frozen=True)
class ValuationResult:
    """A computed valuation, or why there is none (value None, reason and what is missing)."""

    method: str
    value: Money | None
    lines: tuple[FactorLine, ...]
    missing: tuple[str, ...] = ()
    reason: str | None = None
    anchor: Anchor | None = None

    @property
    def complete(self) -> bool:
        return self.value is not None


def to_decimal(number: float | int | str | Decimal) -> Decimal:
    """A pack number (a YAML float such as 1.25) as the exact decimal it was written as."""
    return number if isinstance(number, Decimal) else Decimal(str(number))


def round_money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money_text(amount: Decimal | float | int) -> str:
    """An amount as people read it: thousands separators, cents only when there are some."""
    amount = to_decimal(amount)
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


def _shares(factors: Sequence[Factor]) -> dict[str, Decimal]:
    total = sum((factor.weight for factor in factors), Decimal(0))
    return {factor.key: factor.weight / total for factor in factors}


def payne_valuation(
    levels: Mapping[str, int | None],
    *,
    factors: Sequence[Factor],
    multipliers: Mapping[int, Decimal],
    anchor: Anchor,
) -> ValuationResult:
    """Anchor x sum(weight share x multiplier of the level); None while any factor is missing."""
    shares = _shares(factors)
    lines, missing, adjustment = [], [], Decimal(0)
    for factor in factors:
        level = levels.get(factor.key)
        multiplier = multipliers[level] if level is not None else None
        if multiplier is None:
            missing.append(factor.key)
        else:
            adjustment += shares[factor.key] * multiplier
        lines.append(FactorLine(factor.key, level, shares[factor.key], multiplier))
    if missing:
        return ValuationResult(
            PAYNE, None, tuple(lines), tuple(missing), MISSING_FACTORS, anchor=anchor
        )
    value = Money(round_money(anchor.value.amount * adjustment), anchor.value.currency)
    return ValuationResult(PAYNE, value, tuple(lines), anchor=anchor)


def berkus_valuation(
    levels: Mapping[str, int | None],
    *,
    drivers: Sequence[Factor],
    scale: tuple[int, int],
    max_per_driver: Money,
    has_revenue: bool,
) -> ValuationResult:
    """Sum over drivers of max x (level - lowest) / (highest - lowest), pre-revenue only."""
    low, high = scale
    shares = _shares(drivers)
    lines, missing, total = [], [], Decimal(0)
    for driver in drivers:
        level = levels.get(driver.key)
        amount = None
        if level is None:
            missing.append(driver.key)
        else:
            amount = max_per_driver.amount * Decimal(level - low) / Decimal(high - low)
            total += amount
        lines.append(FactorLine(driver.key, level, shares[driver.key], amount))
    if has_revenue:
        return ValuationResult(BERKUS, None, tuple(lines), tuple(missing), HAS_REVENUE)
    if missing:
        return ValuationResult(BERKUS, None, tuple(lines), tuple(missing), MISSING_FACTORS)
    return ValuationResult(BERKUS, Money(round_money(total), max_per_driver.currency), tuple(lines))


def valuation_of(
    config: Mapping,
    *,
    levels: Mapping[str, int | None],
    factors: Sequence[Factor],
    scale: tuple[int, int],
    anchor: Anchor | None,
    has_revenue: bool,
) -> ValuationResult:
    """Dispatch on a pack's `valuation` block (as stored: multiplier keys may be strings).

    A Payne pack needs an anchor; without one kept for the company's region and stage, the
    caller passes `default_anchor(config, ...)`.
    """
    if config["method"] == PAYNE:
        multipliers = {int(k): to_decimal(v) for k, v in config["level_multipliers"].items()}
        if anchor is None:
            raise ValueError("a Payne valuation needs an anchor")
        return payne_valuation(levels, factors=factors, multipliers=multipliers, anchor=anchor)
    maximum = Money(to_decimal(config["max_per_criterion"]), config["currency"])
    return berkus_valuation(
        levels, drivers=factors, scale=scale, max_per_driver=maximum, has_revenue=has_revenue
    )


def default_anchor(config: Mapping, *, region: str, stage: str) -> Anchor:
    """The pack's own average deal, used when no anchor is kept for the region and stage."""
    return Anchor(
        value=Money(to_decimal(config["average_pre_money"]), config["currency"]),
        region=region,
        stage=stage,
        as_of=None,
        source="",
        is_default=True,
    )


def pick_anchor(anchors: Sequence[Anchor], *, region: str, stage: str) -> Anchor | None:
    """The anchor of the company's region and stage; the newest one when several currencies
    are kept for them; None when there is none."""
    matching = [a for a in anchors if a.region == region and a.stage == stage]
    return max(matching, key=lambda a: a.as_of or date.min, default=None)


@dataclass(frozen=True)
class PanelValuation:
    """What a panel of evaluators' valuations of one company comes to, in one currency."""

    currency: str
    median: Decimal
    low: Decimal
    high: Decimal
    count: int


def panel_valuation(values: Sequence[Money]) -> PanelValuation | None:
    """Median and range of the evaluators' valuations; None when there is none. Values in
    another currency than the first are an error: one company has one anchor."""
    if not values:
        return None
    currencies = {value.currency for value in values}
    if len(currencies) > 1:
        raise ValueError(f"valuations in several currencies: {sorted(currencies)}")
    amounts = sorted(value.amount for value in values)
    return PanelValuation(
        currency=values[0].currency,
        median=round_money(median(amounts)),
        low=amounts[0],
        high=amounts[-1],
        count=len(amounts),
    )
