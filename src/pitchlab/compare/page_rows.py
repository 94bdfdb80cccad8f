"""The compare page's rows: rank moves under the weights tried, sort order, pins and pages.

The numbers come from the comparison (page.py places them); this module only marks and orders
the rows the matrix shows.
"""

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .page_options import PageOptions, watch_key, watch_value
from .selection import Selection
from .whatif import weight_what_if

if TYPE_CHECKING:  # page.py builds on this module
    from .page import ComparePage


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


@dataclass(frozen=True)
class RowsPage:
    """One page of the matrix's unpinned rows; pinned rows show on every page."""

    number: int
    pages: int
    first: int  # 1-based positions of the page's first and last unpinned row
    last: int
    total: int  # unpinned rows in all


def apply_what_if(
    page: "ComparePage", scores: pd.DataFrame, selection: Selection, options: PageOptions
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
