"""What a panel's scores say beyond the totals (issue 15): deal-breakers, insufficient evidence
and valuations, per company. Pure functions of the scores frame and the facts loaded with it.

- Deal-breaker: a criterion with a gate {threshold: N}; a company whose panel median on it is
  at or below N is flagged, whatever its average.
- Insufficient evidence: an answer of its own, left out of totals like N/A. A company with at
  least INSUFFICIENT_FLAG_SHARE of its answers insufficient is flagged, not averaged as if its
  total were known as well as the others'.
- Valuations: each evaluator's Payne or Berkus valuation (see rubrics/valuation.py), and the
  panel's median and range, in the anchor's currency.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

import numpy as np
import pandas as pd

from ..rubrics.valuation import (
    MISSING_FACTORS,
    Anchor,
    Factor,
    PanelValuation,
    ValuationResult,
    default_anchor,
    money_text,
    panel_valuation,
    pick_anchor,
    to_decimal,
    valuation_of,
)

# A company is flagged when this share of its answers (or more) is "insufficient evidence".
INSUFFICIENT_FLAG_SHARE = 0.25
GATE_NOTE = (
    "a criterion with a gate flags a company whose panel median on it is at or below the "
    "gate's threshold, whatever its weighted total"
)
INSUFFICIENT_NOTE = (
    "answers of 'insufficient evidence' are left out of totals like N/A and counted apart; "
    "a company is flagged when they are %.0f%% or more of its answers"
)
VALUATION_NOTE = (
    "Payne = anchor x sum(factor weight x multiplier), every factor required; Berkus = sum of "
    "the per-driver maximum x (level - 1) / 4, pre-revenue companies only; median and range "
    "of the complete scorecards, in the anchor's currency"
)


@dataclass(frozen=True)
class ValuationPack:
    """A preset pack that computes a valuation, as its newest version defines it."""

    key: str
    title: str
    config: dict
    factors: tuple[Factor, ...]
    scale: tuple[int, int]


@dataclass(frozen=True)
class CompanyFacts:
    region: str
    stage: str
    has_revenue: bool
    model_strategy: str


@dataclass
class PanelFacts:
    """What the flags need besides the scores, loaded once per comparison."""

    companies: dict[int, CompanyFacts] = field(default_factory=dict)
    gates: dict[tuple[str, str], int] = field(default_factory=dict)  # (pack, criterion) -> N
    valuation_packs: list[ValuationPack] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)
    # company_id -> insufficient answers, company_id -> all answers (visible scores only)
    insufficient: dict[int, int] = field(default_factory=dict)
    answers: dict[int, int] = field(default_factory=dict)
    # pack key -> model strategies it does not apply to; which companies were left out
    not_applicable_packs: dict[str, frozenset[str]] = field(default_factory=dict)
    left_out: dict[str, list[int]] = field(default_factory=dict)


def gate_failures(scores: pd.DataFrame, gates: Mapping[tuple[str, str], int]) -> pd.DataFrame:
    """One row per company and gated criterion whose panel median is at or below the gate.

    Columns: company_id, pack_key, criterion_key, median, threshold.
    """
    columns = ["company_id", "pack_key", "criterion_key", "median", "threshold"]
    if not gates or scores.empty:
        return pd.DataFrame(columns=columns)
    # Narrow to the gated criteria first (a categorical isin), then look up each row's gate.
    candidates = scores[scores["criterion_key"].isin({criterion for _, criterion in gates})]
    keys = zip(
        candidates["pack_key"].astype(str), candidates["criterion_key"].astype(str), strict=True
    )
    threshold = np.array([gates.get(key, np.nan) for key in keys], dtype="float64")
    gated = candidates.assign(threshold=threshold)[~np.isnan(threshold)]
    gated = gated[~gated["value"].isna()]
    if gated.empty:
        return pd.DataFrame(columns=columns)
    medians = (
        gated.groupby(["company_id", "pack_key", "criterion_key"], observed=True)
        .agg(median=("value", "median"), threshold=("threshold", "first"))
        .reset_index()
    )
    failed = medians[medians["median"] <= medians["threshold"]]
    failed = failed.assign(
        pack_key=failed["pack_key"].astype(str), criterion_key=failed["criterion_key"].astype(str)
    )
    return failed[columns].reset_index(drop=True)


def insufficient_flagged(insufficient: int, answers: int) -> bool:
    return answers > 0 and insufficient / answers >= INSUFFICIENT_FLAG_SHARE


def evaluator_valuations(
    scores: pd.DataFrame, facts: PanelFacts
) -> dict[tuple[int, str], list[ValuationResult]]:
    """Every evaluator's valuation of every company, per valuation pack: (company, pack)."""
    found: dict[tuple[int, str], list[ValuationResult]] = {}
    for pack in facts.valuation_packs:
        rows = scores[scores["pack_key"].astype(str) == pack.key]
        for (company_id, _evaluator), group in rows.groupby(
            ["company_id", "evaluator_id"], observed=True
        ):
            company = facts.companies.get(int(company_id))
            if company is None:
                continue
            levels = {
                str(key): int(value)
                for key, value in zip(group["criterion_key"], group["value"], strict=True)
                if not pd.isna(value)
            }
            result = valuation_of(
                pack.config,
                levels=levels,
                factors=pack.factors,
                scale=pack.scale,
                anchor=company_anchor(pack.config, company, facts.anchors),
                has_revenue=company.has_revenue,
            )
            found.setdefault((int(company_id), pack.key), []).append(result)
    return found


def company_anchor(config: Mapping, company: CompanyFacts, anchors: list[Anchor]) -> Anchor | None:
    """Payne: the kept anchor of the company's region and stage, else the pack's default."""
    if config.get("method") != "payne":
        return None
    return pick_anchor(anchors, region=company.region, stage=company.stage) or default_anchor(
        config, region=company.region, stage=company.stage
    )


@dataclass(frozen=True)
class CompanyValuation:
    """A panel's valuation of one company by one method, with what kept it from a number."""

    panel: PanelValuation | None
    evaluators: int
    incomplete: int
    has_revenue: bool
    anchor: Anchor | None


def panel_valuations(
    scores: pd.DataFrame, facts: PanelFacts
) -> dict[tuple[int, str], CompanyValuation]:
    """Median and range of the complete valuations per (company, pack)."""
    result = {}
    for key, valuations in evaluator_valuations(scores, facts).items():
        complete = [v.value for v in valuations if v.value is not None]
        result[key] = CompanyValuation(
            panel=panel_valuation(complete),
            evaluators=len(valuations),
            incomplete=sum(1 for v in valuations if v.reason == MISSING_FACTORS),
            has_revenue=facts.companies[key[0]].has_revenue,
            anchor=valuations[0].anchor,
        )
    return result


def _money_text(amount: Decimal | None) -> float | None:
    # Exports carry whole currency units as numbers; the exact value is the Decimal above.
    return None if amount is None else float(amount)


def summary_columns(summary: pd.DataFrame, scores: pd.DataFrame, facts: PanelFacts) -> pd.DataFrame:
    """The summary with the flag and valuation columns every export and the page show."""
    ids = summary["company_id"].astype("int64").tolist()
    failures = gate_failures(scores, facts.gates)
    by_company: dict[int, list[str]] = {}
    for row in failures.itertuples():
        by_company.setdefault(int(row.company_id), []).append(
            f"{row.pack_key}/{row.criterion_key} median {row.median:g} <= {row.threshold:g}"
        )
    summary = summary.copy()
    summary["deal_breaker"] = [bool(by_company.get(i)) for i in ids]
    summary["deal_breaker_reasons"] = ["; ".join(by_company.get(i, [])) for i in ids]
    summary["n_insufficient"] = [facts.insufficient.get(i, 0) for i in ids]
    summary["insufficient_flag"] = [
        insufficient_flagged(facts.insufficient.get(i, 0), facts.answers.get(i, 0)) for i in ids
    ]
    valuations = panel_valuations(scores, facts)
    for pack in facts.valuation_packs:
        found = [valuations.get((i, pack.key)) for i in ids]
        panels = [v.panel if v else None for v in found]
        summary[f"{pack.key}_median"] = [_money_text(p.median if p else None) for p in panels]
        summary[f"{pack.key}_low"] = [_money_text(p.low if p else None) for p in panels]
        summary[f"{pack.key}_high"] = [_money_text(p.high if p else None) for p in panels]
        summary[f"{pack.key}_currency"] = [p.currency if p else "" for p in panels]
        summary[f"{pack.key}_note"] = [_valuation_note(v) for v in found]
    return summary


def _valuation_note(valuation: CompanyValuation | None) -> str:
    """Why a valuation is missing or partial, in words an export reader understands."""
    if valuation is None:
        return ""
    notes = []
    if valuation.anchor is not None:
        anchor = valuation.anchor
        where = f"{anchor.region or 'no region'}/{anchor.stage}"
        notes.append(
            f"pack default anchor ({where} has none)"
            if anchor.is_default
            else f"anchor {where} {anchor.value.currency} {money_text(anchor.value.amount)}"
        )
    if valuation.incomplete:
        notes.append(f"{valuation.incomplete} of {valuation.evaluators} scorecards incomplete")
    if valuation.anchor is None and valuation.has_revenue:
        notes.append("has revenue: Berkus values pre-revenue companies only")
    return "; ".join(notes)


def valuation_pack(key: str, title: str, config: dict, criteria, scale: tuple[int, int]):
    """A ValuationPack from a stored version's valuation block and its (key, weight) pairs."""
    factors = tuple(Factor(k, to_decimal(w)) for k, w in criteria)
    return ValuationPack(key=key, title=title, config=config, factors=factors, scale=scale)


def with_panel_flags(comparison, portfolio):
    """Add deal-breakers, insufficient evidence and valuations to the summary (issue 15), and
    say in the methodology how each is decided. comparison: a PortfolioComparison; portfolio:
    a loading.Portfolio (its scores and facts)."""
    summary = summary_columns(comparison.summary, portfolio.scores, portfolio.facts)
    left_out = "; ".join(
        f"{key}: {len(ids)} companies" for key, ids in sorted(portfolio.facts.left_out.items())
    )
    notes = pd.DataFrame(
        [
            ("Deal-breakers", GATE_NOTE),
            ("Insufficient evidence", INSUFFICIENT_NOTE % (INSUFFICIENT_FLAG_SHARE * 100)),
            ("Valuations", VALUATION_NOTE),
            ("Packs that do not apply", left_out or "none left out"),
        ],
        columns=["item", "value"],
    )
    methodology = pd.concat([comparison.methodology, notes], ignore_index=True)
    return replace(comparison, summary=summary, methodology=methodology)
