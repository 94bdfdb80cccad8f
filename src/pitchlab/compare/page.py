"""The compare page's view of a comparison: ranking with what-if, companies x criteria matrix.

Everything numeric comes from the pure functions; this module only picks what the templates
show and places every cell of the matrix (matrix_html.py writes the cells, page_rows.py marks,
orders and pages the rows).
"""

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .codes import plain_records, value_rows
from .comparison import PortfolioComparison, build_comparison
from .flags import with_panel_flags
from .loading import Portfolio, with_loading_notes
from .page_options import PageOptions
from .page_rows import Row, RowsPage, apply_what_if, ordered_rows, paged_rows
from .selection import Selection

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
    rows_page: RowsPage | None = None  # which unpinned rows `rows` shows, when paged


def fmt(value, digits: int = 2) -> str:
    """A number with two decimals, or a dash for a missing one."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return NO_VALUE
    return f"{value:.{digits}f}"


def _columns(criteria: pd.DataFrame, selection: Selection, options: PageOptions) -> list[Column]:
    columns = []
    names = ["pack_key", "criterion_key", "criterion_title", "weight", "scale_min", "scale_max"]
    for pack_key, criterion_key, title, rubric_weight, scale_min, scale_max in value_rows(
        criteria, names
    ):
        key = f"{pack_key}.{criterion_key}"
        weight = selection.criterion_weights.get((pack_key, criterion_key), rubric_weight)
        columns.append(
            Column(
                key=key,
                pack_key=pack_key,
                criterion_key=criterion_key,
                title=title,
                weight=weight,
                rubric_weight=rubric_weight,
                scale_min=int(scale_min),
                scale_max=int(scale_max),
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
        for index, summary in enumerate(plain_records(comparison.summary))
    ]


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
    apply_what_if(page, scores, selection, options)
    page.rows = ordered_rows(page.rows, options)
    if rows_per_page:
        page.rows, page.rows_page = paged_rows(page.rows, options.page, rows_per_page)
    return page
