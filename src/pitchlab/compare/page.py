"""The compare page's view of a comparison: ranking with what-if, companies x criteria matrix.

Everything numeric comes from the pure functions; this module only picks and orders what the
templates show, and places every cell of the matrix (matrix_html.py writes the cells).
"""

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .comparison import PortfolioComparison, build_comparison
from .flags import with_panel_flags
from .loading import Portfolio, with_loading_notes
from .page_options import PageOptions, watch_key, watch_value
from .selection import Selection
from .whatif import weight_what_if

NO_VALUE = "—"
# The optional comparison tables the page shows; the matrix comes from comparison.cells.
PAGE_TABLES = frozenset({"agreement"})
HEAT_STEPS = 10
NO_HEAT = -1


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


@dataclass(frozen=True)
class CellGrid:
    """Where comparison.cells sit in the matrix, and what the page adds to them.

    Grid rows are companies in comparison.summary order (Row.index), grid columns are
    ComparePage.columns. The per-cell arrays follow comparison.cells row by row, so the
    matrix is formatted a whole statistic at a time rather than cell by cell.
    """

    row: np.ndarray
    column: np.ndarray
    heat: np.ndarray  # 0..HEAT_STEPS, NO_HEAT where the cell has no mean
    calibrated: np.ndarray  # the calibrated mean, NaN where there is none
    means: np.ndarray  # grid rows x grid columns, NaN where no mean


@dataclass
class Row:
    company_id: int
    index: int  # the company's grid row
    name: str
    summary: dict  # a row of comparison.summary
    pack_totals: dict[str, float]
    means: dict[str, float]  # column key -> evaluators' mean, NaN where there is none
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
    grid: CellGrid
    top_n: int
    calibration: list[dict] = field(default_factory=list)
    always_top: list[Row] = field(default_factory=list)
    always_field: str = ""  # the hidden field that carries the watch to the next weighting
    moved: int = 0
    rows_page: "RowsPage | None" = None  # which unpinned rows `rows` shows, when paged


@dataclass(frozen=True)
class RowsPage:
    """One page of the matrix's unpinned rows; pinned rows show on every page."""

    number: int
    pages: int
    first: int  # 1-based positions of the page's first and last unpinned row
    last: int
    total: int  # unpinned rows in all


def fmt(value, digits: int = 2) -> str:
    """A number with two decimals, or a dash for a missing one."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return NO_VALUE
    return f"{value:.{digits}f}"


def _plain(record: dict) -> dict:
    """Missing values (NaN, pd.NA) as None, so templates can test them."""
    return {
        key: None
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
        else value
        for key, value in record.items()
    }


def _columns(criteria: pd.DataFrame, selection: Selection, options: PageOptions) -> list[Column]:
    columns = []
    for row in criteria.itertuples():
        key = f"{row.pack_key}.{row.criterion_key}"
        weight = selection.criterion_weights.get((row.pack_key, row.criterion_key), row.weight)
        columns.append(
            Column(
                key=key,
                pack_key=row.pack_key,
                criterion_key=row.criterion_key,
                title=row.criterion_title,
                weight=weight,
                rubric_weight=row.weight,
                scale_min=int(row.scale_min),
                scale_max=int(row.scale_max),
                pinned=key in options.pinned_columns,
            )
        )
    return columns


def _heats(means: np.ndarray, column: np.ndarray, columns: list[Column]) -> np.ndarray:
    """0..HEAT_STEPS: where each mean lies between its scale's lowest and highest level."""
    low = np.array([c.scale_min for c in columns], dtype="float64")[column]
    high = np.array([c.scale_max for c in columns], dtype="float64")[column]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = (means - low) / np.where(high > low, high - low, np.nan)
    steps = np.clip(np.round(share * HEAT_STEPS), 0, HEAT_STEPS)
    return np.where(np.isnan(steps), NO_HEAT, steps).astype("int64")


def _column_of(cells: pd.DataFrame, columns: list[Column]) -> np.ndarray:
    """Each cell's grid column. Packs and criteria are numbered apart, so only their few
    combinations are looked up by key, not every cell's."""
    packs, pack_keys = pd.factorize(cells["pack_key"])
    criteria, criterion_keys = pd.factorize(cells["criterion_key"])
    at = {column.key: index for index, column in enumerate(columns)}
    # -1 for pairs no cell has (a criterion key of another pack).
    found = np.array(
        [[at.get(f"{pack}.{criterion}", -1) for criterion in criterion_keys] for pack in pack_keys],
        dtype="int64",
    )
    return found[packs, criteria]


def _grid(comparison: PortfolioComparison, columns: list[Column]) -> CellGrid:
    """Every cell placed in the matrix at once (a portfolio has thousands)."""
    cells = comparison.cells
    companies = pd.Index(comparison.summary["company_id"])
    row = companies.get_indexer(cells["company_id"])
    column = _column_of(cells, columns)
    means = cells["mean"].to_numpy(dtype="float64")
    dense = np.full((len(companies), len(columns)), np.nan)
    dense[row, column] = means
    return CellGrid(
        row=row,
        column=column,
        heat=_heats(means, column, columns),
        calibrated=cells["calibrated_mean"].to_numpy(dtype="float64"),
        means=dense,
    )


def _pack_groups(
    portfolio: Portfolio, columns: list[Column], selection: Selection
) -> list[PackGroup]:
    groups = []
    for pack in portfolio.packs:
        members = [c for c in columns if c.pack_key == pack.key and not c.pinned]
        weight = selection.pack_weights.get(pack.key, 1.0)
        groups.append(PackGroup(key=pack.key, title=pack.title, weight=weight, columns=members))
    return groups


def _rows(comparison: PortfolioComparison, grid: CellGrid, columns: list[Column]) -> list[Row]:
    packs = comparison.pack_totals
    by_company: dict[int, dict[str, float]] = {}
    for company_id, pack_key, total in zip(
        packs["company_id"].tolist(),
        packs["pack_key"].tolist(),
        packs["total"].tolist(),
        strict=False,
    ):
        by_company.setdefault(company_id, {})[pack_key] = total
    keys = [column.key for column in columns]
    means = grid.means.tolist()
    return [
        Row(
            company_id=int(summary["company_id"]),
            index=index,
            name=summary["company_name"],
            summary=summary,
            pack_totals=by_company.get(summary["company_id"], {}),
            means=dict(zip(keys, means[index], strict=False)),
        )
        for index, summary in enumerate(map(_plain, comparison.summary.to_dict(orient="records")))
    ]


def _apply_what_if(
    page: ComparePage, scores: pd.DataFrame, selection: Selection, options: PageOptions
) -> None:
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
        default_top = {
            row.company_id for row in page.rows if _in_top(row.default_rank, options.top_n)
        }
        carried = (
            options.always_top if options.always_for == watch_key(selection, page.top_n) else None
        )
        top &= default_top if carried is None else set(carried)
    page.always_top = [row for row in page.rows if row.company_id in top]
    page.always_field = watch_value(selection, page.top_n, [r.company_id for r in page.always_top])


def _in_top(rank, top_n: int) -> bool:
    return rank is not None and not pd.isna(rank) and rank <= top_n


def build_page(
    portfolio: Portfolio,
    selection: Selection,
    options: PageOptions,
    *,
    rows_per_page: int | None = None,
) -> ComparePage:
    """Compute the comparison for the page and lay it out as options ask.

    Every number covers all selected companies; with rows_per_page the matrix shows one page
    of them (options.page), pinned rows on top of every page.
    """
    scores = portfolio.scores
    comparison = build_comparison(
        scores,
        pack_weights=selection.pack_weights,
        criterion_weights=selection.criterion_weights,
        excluded_for_conflict=portfolio.exclusions,
        anonymize=selection.anonymize,
        tables=PAGE_TABLES,
    )
    comparison = with_panel_flags(with_loading_notes(comparison, portfolio), portfolio)
    criteria = comparison.criteria
    columns = _columns(criteria, selection, options)
    grid = _grid(comparison, columns)
    rows = _rows(comparison, grid, columns)
    pinned = {key: index for index, key in enumerate(options.pinned_columns)}
    page = ComparePage(
        comparison=comparison,
        columns=columns,
        packs=_pack_groups(portfolio, columns, selection),
        pinned_columns=sorted((c for c in columns if c.pinned), key=lambda c: pinned[c.key]),
        rows=rows,
        grid=grid,
        top_n=options.top_n,
        calibration=comparison.calibration.to_dict(orient="records"),
    )
    _apply_what_if(page, scores, selection, options)
    page.rows = ordered_rows(page.rows, options)
    if rows_per_page:
        page.rows, page.rows_page = paged_rows(page.rows, options.page, rows_per_page)
    return page


def paged_rows(rows: list[Row], number: int, per_page: int) -> tuple[list[Row], RowsPage]:
    """The pinned rows and one page of the others; a page past the end shows the last."""
    pinned = [row for row in rows if row.pinned]
    others = rows[len(pinned) :]
    pages = max(1, math.ceil(len(others) / per_page))
    number = min(max(number, 1), pages)
    start = (number - 1) * per_page
    shown = others[start : start + per_page]
    return pinned + shown, RowsPage(
        number=number,
        pages=pages,
        first=start + 1 if shown else 0,
        last=start + len(shown),
        total=len(others),
    )


def _sort_value(row: Row, sort: str):
    summary = row.summary
    if sort == "name":
        return row.name.casefold()
    if sort.startswith("p:"):
        return row.pack_totals.get(sort[2:])
    if sort.startswith("c:"):
        return row.means.get(sort[2:])
    column = {
        "rank": "rank",
        "total": "total",
        "calibrated": "calibrated_total",
        "evaluators": "n_evaluators",
        "disagreements": "n_disagreements",
    }[sort]
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
    return sorted((r for r in ordered if r.pinned), key=lambda r: pins[r.company_id]) + [
        r for r in ordered if not r.pinned
    ]
