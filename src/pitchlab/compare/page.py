"""The compare page's view of a comparison: ranking with what-if, companies x criteria matrix.

Everything numeric comes from the pure functions; this module only picks, orders and formats
(two decimals) what the templates show.
"""

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..web.i18n import gettext as _
from .comparison import PortfolioComparison, build_comparison
from .loading import Portfolio, with_loading_notes
from .page_options import PageOptions
from .scores import criterion_labels, criterion_order
from .selection import Selection
from .totals import pack_totals
from .whatif import weight_what_if

NO_VALUE = "—"
HEAT_STEPS = 10


@dataclass(frozen=True)
class Column:
    """One criterion column of the matrix."""

    key: str  # "PACK.CRITERION", as in cw.PACK.CRITERION and pincol
    pack_key: str
    criterion_key: str
    title: str
    weight: float
    rubric_weight: float
    scale_min: int
    scale_max: int
    pinned: bool = False


@dataclass(frozen=True)
class PackGroup:
    key: str
    title: str
    weight: float
    columns: list[Column]


@dataclass(slots=True)
class Cell:
    mean: float | None
    value: str
    calibrated: str
    spread: str
    n: int
    heat: int | None
    flags: tuple[str, ...]
    detail: str  # the tooltip: the other statistics and the reasons for any flag


@dataclass
class Row:
    company_id: int
    name: str
    summary: dict  # a row of comparison.summary
    pack_totals: dict[str, float]
    cells: dict[str, Cell]
    pinned: bool = False
    default_rank: int | None = None
    rank_delta: int = 0
    top_status: str = ""


@dataclass
class ComparePage:
    comparison: PortfolioComparison
    columns: list[Column]  # every criterion, in rubric order
    packs: list[PackGroup]  # their unpinned columns
    pinned_columns: list[Column]
    rows: list[Row]
    top_n: int
    calibration: list[dict] = field(default_factory=list)
    always_top: list[Row] = field(default_factory=list)
    moved: int = 0


def fmt(value, digits: int = 2) -> str:
    """A number with two decimals, or a dash for a missing one."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return NO_VALUE
    return f"{value:.{digits}f}"


def _plain(record: dict) -> dict:
    """Missing values (NaN, pd.NA) as None, so templates can test them."""
    return {key: None if value is None or value is pd.NA
            or (isinstance(value, float) and math.isnan(value)) else value
            for key, value in record.items()}


def _columns(scores: pd.DataFrame, selection: Selection, options: PageOptions) -> list[Column]:
    criteria = criterion_order(scores)
    columns = []
    for row in criteria.itertuples():
        key = f"{row.pack_key}.{row.criterion_key}"
        weight = selection.criterion_weights.get((row.pack_key, row.criterion_key), row.weight)
        columns.append(Column(key=key, pack_key=row.pack_key, criterion_key=row.criterion_key,
                              title=row.criterion_title, weight=weight, rubric_weight=row.weight,
                              scale_min=int(row.scale_min), scale_max=int(row.scale_max),
                              pinned=key in options.pinned_columns))
    return columns


def _calibrated_means(comparison: PortfolioComparison, scores: pd.DataFrame) -> dict:
    """(company_id, column key) -> calibrated mean, from the calibrated matrix."""
    criteria = criterion_order(scores)
    keys = [f"{p}.{c}" for p, c in zip(criteria["pack_key"], criteria["criterion_key"])]
    matrix = comparison.calibrated_matrix
    companies = matrix["company_id"].tolist()
    found = {}
    for label, key in zip(criterion_labels(criteria), keys):
        found.update(((company_id, key), value)
                     for company_id, value in zip(companies, matrix[label].tolist()))
    return found


def _texts(values: pd.Series) -> list[str]:
    """Two-decimal texts for a whole column at once (fmt, without a call per value)."""
    return [NO_VALUE if value != value else f"{value:.2f}" for value in values.tolist()]


def _heats(cells: pd.DataFrame, columns: list[Column]) -> list[int | None]:
    """0..HEAT_STEPS: where each mean lies between its scale's lowest and highest level."""
    by_key = {column.key: column for column in columns}
    keys = cells["key"].tolist()
    low = np.array([by_key[key].scale_min for key in keys], dtype="float64")
    high = np.array([by_key[key].scale_max for key in keys], dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        share = (cells["mean"].to_numpy() - low) / np.where(high > low, high - low, np.nan)
    steps = np.clip(np.round(share * HEAT_STEPS), 0, HEAT_STEPS)
    return [None if step != step else int(step) for step in steps.tolist()]


def _cells(scores: pd.DataFrame, comparison: PortfolioComparison,
           columns: list[Column]) -> dict[int, dict[str, Cell]]:
    """Every company's cells, formatted column by column (a portfolio has thousands)."""
    cells = comparison.cells
    cells = cells.assign(key=[f"{pack}.{criterion}" for pack, criterion in zip(
        cells["pack_key"].tolist(), cells["criterion_key"].tolist())])
    calibrated = _calibrated_means(comparison, scores)
    not_enough = _("not enough data")
    detail = _("Mean %(mean)s · median %(median)s · SD %(sd)s · range %(low)s–%(high)s · "
               "n = %(n)s · N/A: %(na)s")
    wide, outlier = _("Evaluators differ by two levels or more"), _(
        "A score lies more than two standard deviations from the others")
    texts = {name: _texts(cells[name]) for name in ("mean", "median", "std", "min", "max")}
    found: dict[int, dict[str, Cell]] = {}
    for i, (company_id, key, mean, n, n_na, spread, outlying, heat) in enumerate(zip(
            cells["company_id"].tolist(), cells["key"].tolist(), cells["mean"].tolist(),
            cells["n_evaluators"].tolist(), cells["n_na"].tolist(),
            cells["wide_spread"].tolist(), cells["has_outlier"].tolist(), _heats(cells, columns))):
        cal = calibrated.get((company_id, key))
        flags = tuple(text for text, on in ((wide, spread), (outlier, outlying)) if on)
        found.setdefault(company_id, {})[key] = Cell(
            mean=None if mean != mean else mean, value=texts["mean"][i],
            spread=texts["std"][i], n=n, heat=heat, flags=flags,
            calibrated=not_enough if cal is None or cal != cal else f"{cal:.2f}",
            detail=" · ".join((detail % {
                "mean": texts["mean"][i], "median": texts["median"][i], "sd": texts["std"][i],
                "low": texts["min"][i], "high": texts["max"][i], "n": n, "na": n_na}, *flags)))
    return found


def _pack_groups(portfolio: Portfolio, columns: list[Column],
                 selection: Selection) -> list[PackGroup]:
    groups = []
    for pack in portfolio.packs:
        members = [c for c in columns if c.pack_key == pack.key and not c.pinned]
        weight = selection.pack_weights.get(pack.key, 1.0)
        groups.append(PackGroup(key=pack.key, title=pack.title, weight=weight, columns=members))
    return groups


def _rows(comparison: PortfolioComparison, scores: pd.DataFrame, selection: Selection,
          cells: dict[int, dict[str, Cell]]) -> list[Row]:
    weights = {"pack_weights": selection.pack_weights,
               "criterion_weights": selection.criterion_weights}
    packs = pack_totals(scores, **weights)
    by_company: dict[int, dict[str, float]] = {}
    for row in packs.itertuples():
        by_company.setdefault(row.company_id, {})[row.pack_key] = row.total
    return [Row(company_id=int(summary["company_id"]), name=summary["company_name"],
                summary=summary, pack_totals=by_company.get(summary["company_id"], {}),
                cells=cells.get(summary["company_id"], {}))
            for summary in map(_plain, comparison.summary.to_dict(orient="records"))]


def _apply_what_if(page: ComparePage, scores: pd.DataFrame, selection: Selection,
                   options: PageOptions) -> None:
    """Rank changes against the rubric weights, and who stayed in the top N throughout."""
    if not selection.has_weights:
        top = {row.company_id for row in page.rows if _in_top(row.summary["rank"], options.top_n)}
    else:
        totals = page.comparison.summary[["company_id", "company_name", "total"]]
        moves = weight_what_if(scores, top_n=options.top_n, new_totals=totals)
        by_id = {int(m.company_id): m for m in moves.itertuples()}
        for row in page.rows:
            move = by_id.get(row.company_id)
            if move is not None and not pd.isna(move.default_rank):
                row.default_rank = int(move.default_rank)
                row.rank_delta = 0 if pd.isna(move.rank_delta) else int(move.rank_delta)
                row.top_status = move.top_n_status
        page.moved = sum(1 for row in page.rows if row.rank_delta)
        top = {row.company_id for row in page.rows if _in_top(row.summary["rank"], options.top_n)}
        default_top = {row.company_id for row in page.rows
                       if _in_top(row.default_rank, options.top_n)}
        top &= default_top if options.always_top is None else set(options.always_top)
    page.always_top = [row for row in page.rows if row.company_id in top]


def _in_top(rank, top_n: int) -> bool:
    return rank is not None and not pd.isna(rank) and rank <= top_n


def build_page(portfolio: Portfolio, selection: Selection, options: PageOptions) -> ComparePage:
    """Compute the comparison for the page and lay it out as options ask."""
    scores = portfolio.scores
    comparison = build_comparison(
        scores, pack_weights=selection.pack_weights, criterion_weights=selection.criterion_weights,
        excluded_for_conflict=portfolio.exclusions, anonymize=selection.anonymize)
    comparison = with_loading_notes(comparison, portfolio)
    columns = _columns(scores, selection, options)
    rows = _rows(comparison, scores, selection, _cells(scores, comparison, columns))
    pinned = {key: index for index, key in enumerate(options.pinned_columns)}
    page = ComparePage(
        comparison=comparison, columns=columns, packs=_pack_groups(portfolio, columns, selection),
        pinned_columns=sorted((c for c in columns if c.pinned), key=lambda c: pinned[c.key]),
        rows=rows, top_n=options.top_n,
        calibration=comparison.calibration.to_dict(orient="records"))
    _apply_what_if(page, scores, selection, options)
    page.rows = ordered_rows(page.rows, options)
    return page


def _sort_value(row: Row, sort: str):
    summary = row.summary
    if sort == "name":
        return row.name.casefold()
    if sort.startswith("p:"):
        return row.pack_totals.get(sort[2:])
    if sort.startswith("c:"):
        cell = row.cells.get(sort[2:])
        return None if cell is None else cell.mean
    column = {"rank": "rank", "total": "total", "calibrated": "calibrated_total",
              "evaluators": "n_evaluators", "disagreements": "n_disagreements"}[sort]
    return summary[column]


def ordered_rows(rows: list[Row], options: PageOptions) -> list[Row]:
    """Rows sorted by the chosen column (missing values last), pinned rows on top."""
    def missing(value) -> bool:
        return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))

    keyed = [(_sort_value(row, options.sort), row) for row in rows]
    present = [(value, row) for value, row in keyed if not missing(value)]
    absent = [row for value, row in keyed if missing(value)]
    present.sort(key=lambda pair: pair[0], reverse=options.descending)
    ordered = [row for _, row in present] + absent
    pins = {company_id: index for index, company_id in enumerate(options.pinned_rows)}
    for row in ordered:
        row.pinned = row.company_id in pins
    return sorted((r for r in ordered if r.pinned), key=lambda r: pins[r.company_id]) + \
        [r for r in ordered if not r.pinned]
