"""The panel's part of a dossier, taken from the comparison the compare page builds.

Totals, calibrated totals, rank intervals and disagreement flags are read off one
`build_comparison` of the viewer's whole portfolio (the compare page's default selection), so a
dossier shows the numbers the compare page shows; nothing is recomputed here. Only the cell
statistics are limited to the dossier's companies (`cells_of`), the only ones it reads.
Rationales, which the scores frame does not carry, come from one more statement, for the
disputed cells only.
"""

import math
from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session, col, select

from ..compare.comparison import build_comparison
from ..compare.flags import panel_valuations, with_panel_flags
from ..compare.loading import Portfolio, load_portfolio, with_loading_notes
from ..compare.selection import Selection
from ..models import (
    Evaluation,
    EvaluationStatus,
    RubricCriterion,
    RubricPack,
    RubricVersion,
    Score,
    User,
)
from .model import Disagreement, EvaluatorLevel, PanelScores, Valuation


@dataclass(frozen=True)
class PanelPart:
    scores: dict[int, PanelScores]
    disagreements: dict[int, list[Disagreement]]
    valuations: dict[int, list[Valuation]]
    methodology: list[tuple[str, str]]


def _number(value) -> float | None:
    if value is None or value is pd.NA:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def _integer(value) -> int | None:
    number = _number(value)
    return None if number is None else int(number)


def panel_part(session: Session, user: User, company_ids: list[int]) -> PanelPart:
    """Scores, disagreements and valuations of these companies as `user` may see them."""
    portfolio = load_portfolio(session, Selection(), user=user)
    # Ranks, totals and the methodology need the whole portfolio; cell statistics only the
    # dossier's companies (issue 17: the rest of them were most of the view's memory).
    comparison = build_comparison(
        portfolio.scores,
        excluded_for_conflict=portfolio.exclusions,
        tables=(),
        cells_of=company_ids,
    )
    comparison = with_panel_flags(with_loading_notes(comparison, portfolio), portfolio)
    wanted = set(company_ids)
    summary = comparison.summary
    n_ranked = int(summary["rank"].notna().sum())
    scores = {
        int(row["company_id"]): _panel_scores(row, n_ranked)
        for row in summary.to_dict(orient="records")
        if int(row["company_id"]) in wanted
    }
    return PanelPart(
        scores=scores,
        disagreements=_disagreements(session, portfolio, comparison.cells, wanted),
        valuations=_valuations(portfolio, summary, wanted),
        methodology=list(comparison.methodology.itertuples(index=False, name=None)),
    )


def _panel_scores(row: dict, n_ranked: int) -> PanelScores:
    return PanelScores(
        total=_number(row["total"]),
        calibrated_total=_number(row["calibrated_total"]),
        rank=_integer(row["rank"]),
        rank_low=_integer(row["rank_low"]),
        rank_high=_integer(row["rank_high"]),
        n_ranked=n_ranked,
        statistically_tied=bool(row["statistically_tied"] is True),
        n_evaluators=int(row["n_evaluators"]),
        n_criteria=int(row["n_criteria"]),
        n_disagreements=int(row["n_disagreements"]),
        deal_breakers=str(row.get("deal_breaker_reasons") or ""),
        insufficient_flag=bool(row.get("insufficient_flag")),
    )


def _disagreements(
    session: Session, portfolio: Portfolio, cells: pd.DataFrame, wanted: set[int]
) -> dict[int, list[Disagreement]]:
    """The flagged cells of the wanted companies, each evaluator's level and rationale."""
    if cells is None or cells.empty:
        return {}
    flagged = cells[cells["disagreement"] & cells["company_id"].isin(wanted)]
    if flagged.empty:
        return {}
    scores = portfolio.scores
    scores = scores[scores["company_id"].isin(flagged["company_id"].unique())]
    rationales = _rationales(session, list(flagged["company_id"].unique().tolist()))
    found: dict[int, list[Disagreement]] = {}
    for cell in flagged.itertuples():
        company_id, pack, key = int(cell.company_id), str(cell.pack_key), str(cell.criterion_key)
        rows = scores[
            (scores["company_id"] == company_id)
            & (scores["pack_key"].astype(str) == pack)
            & (scores["criterion_key"].astype(str) == key)
        ]
        levels = sorted(
            (
                EvaluatorLevel(
                    evaluator_id=int(row.evaluator_id),
                    evaluator_name=str(row.evaluator_name),
                    level=_number(row.value),
                    rationale=rationales.get((company_id, int(row.evaluator_id), pack, key), ""),
                )
                for row in rows.itertuples()
            ),
            key=lambda level: (level.evaluator_name, level.evaluator_id),
        )
        found.setdefault(company_id, []).append(
            Disagreement(
                pack_key=pack,
                criterion_key=key,
                criterion_title=str(cell.criterion_title),
                mean=_number(cell.mean),
                low=_number(cell.min),
                high=_number(cell.max),
                wide_spread=bool(cell.wide_spread),
                has_outlier=bool(cell.has_outlier),
                levels=levels,
            )
        )
    return found


def _rationales(session: Session, company_ids: list[int]) -> dict[tuple, str]:
    """(company, evaluator, pack key, criterion key) -> rationale of the newest version's
    submitted answer; only rows the scores frame kept are ever looked up, so blind review and
    conflicts apply as they did there."""
    statement = (
        select(
            Evaluation.company_id,
            Evaluation.evaluator_id,
            RubricPack.key,
            RubricCriterion.key,
            RubricVersion.version,
            Score.rationale,
        )
        .join(Evaluation, col(Score.evaluation_id) == Evaluation.id)
        .join(RubricCriterion, col(Score.criterion_id) == RubricCriterion.id)
        .join(RubricVersion, col(RubricCriterion.version_id) == RubricVersion.id)
        .join(RubricPack, col(RubricVersion.pack_id) == RubricPack.id)
        .where(
            col(Evaluation.company_id).in_(company_ids),
            Evaluation.status == EvaluationStatus.SUBMITTED.value,
        )
        .order_by(col(RubricVersion.version))
    )
    # Ordered by version: a newer version's answer overwrites an older one's.
    return {
        (company, evaluator, pack, key): rationale or ""
        for company, evaluator, pack, key, _version, rationale in session.exec(statement)
    }


def _valuations(
    portfolio: Portfolio, summary: pd.DataFrame, wanted: set[int]
) -> dict[int, list[Valuation]]:
    computed = panel_valuations(portfolio.scores, portfolio.facts)
    notes = summary.set_index("company_id")
    found: dict[int, list[Valuation]] = {}
    for pack in portfolio.facts.valuation_packs:
        for company_id in sorted(wanted):
            valuation = computed.get((company_id, pack.key))
            if valuation is None:
                continue
            panel = valuation.panel
            found.setdefault(company_id, []).append(
                Valuation(
                    pack_key=pack.key,
                    title=pack.title,
                    currency=panel.currency if panel else "",
                    median=panel.median if panel else None,
                    low=panel.low if panel else None,
                    high=panel.high if panel else None,
                    evaluators=valuation.evaluators,
                    incomplete=valuation.incomplete,
                    note=str(notes.at[company_id, f"{pack.key}_note"] or ""),
                )
            )
    return found
