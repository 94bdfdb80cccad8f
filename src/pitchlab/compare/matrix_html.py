"""The matrix's cells as HTML, built in Python rather than in the template.

A comparison of 200 companies on 32 criteria has 6,400 cells; looping over them in Jinja
took about 60 ms of the compare page's 150 ms budget (issue 5 benchmark), plain string
building about 10 ms. Every text that is not a formatted number is escaped.
"""

from markupsafe import Markup, escape

from ..web.i18n import gettext as _
from .page import ComparePage, Row, fmt

EMPTY_CELL = '<td class="cell empty">—</td>'


def _cell(cell, flag: str, cal_label: str) -> str:
    if cell is None:
        return EMPTY_CELL
    heat = "none" if cell.heat is None else cell.heat
    marker = flag if cell.flags else ""
    flagged = " flagged" if cell.flags else ""
    return (f'<td class="cell heat-{heat}{flagged}" title="{escape(cell.detail)}">'
            f'<span class="mean">{cell.value}</span>{marker}'
            f'<span class="spread">±{cell.spread} · n={cell.n}</span>'
            f'<span class="cal">{cal_label} {escape(cell.calibrated)}</span></td>')


def matrix_cells(page: ComparePage) -> dict[int, Markup]:
    """Per company: its criterion cells and pack totals in column order (pinned first)."""
    label = escape(_("Evaluators disagree here"))
    flag = f'<span class="flag" role="img" aria-label="{label}">⚑</span>'
    cal_label = escape(_("cal."))
    return {row.company_id: Markup("".join(_row_cells(row, page, flag, cal_label)))
            for row in page.rows}


def _row_cells(row: Row, page: ComparePage, flag: str, cal_label: str):
    for column in page.pinned_columns:
        yield _cell(row.cells.get(column.key), flag, cal_label)
    for pack in page.packs:
        for column in pack.columns:
            yield _cell(row.cells.get(column.key), flag, cal_label)
        yield f'<td class="num pack-total">{fmt(row.pack_totals.get(pack.key))}</td>'
