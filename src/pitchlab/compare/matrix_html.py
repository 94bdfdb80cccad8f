"""The matrix's rows as HTML, built in Python rather than in the template.

A comparison of 200 companies on 32 criteria has 6,400 cells; looping over them in Jinja
took about 60 ms of the compare page's 150 ms budget (issue 5 benchmark); a Jinja loop that
writes each cell from its formatted numbers still takes 37 ms, against 2 ms for the same
markup in Python (issue 17, Jinja 3.1). Here each statistic is formatted for all cells at
once, the markup of each distinct combination of a cell's statistics once, each cell is that
plus its calibrated mean, and each row one join. Company names, URLs and translated texts are
escaped; everything else is a formatted number.

The tooltip (median, range, N/A count, flag reasons) is not sent as text: a cell carries its
numbers in data-stats and its flags in data-flags, and static/js/compare.js writes the title
from the translated template in the chart data. The titles were a third of a large page.
A cell whose scores cite deck pages (issue 12) also holds their links, shown as a tooltip on
hover and focus (compare.css); cells without citations cost nothing more.
"""

import numpy as np
import pandas as pd
from markupsafe import Markup, escape

from ..web.i18n import gettext as _
from .citations import CellCitation, CellKey
from .codes import first_appearance
from .page import HEAT_STEPS, NO_VALUE, ComparePage, fmt
from .page_options import PageOptions, pin_urls
from .page_rows import Row
from .selection import Selection

EMPTY_CELL = '<td class="cell empty">—</td>'
# data-stats lists, space-separated: mean, median, SD, lowest, highest, n, N/A count.
# data-flags names the flags by wide_spread + 2 * has_outlier.
FLAG_NAMES = ("", "wide", "outlier", "wide outlier")
COMBINED_LIMIT = 2**62
# Indexed by heat step, so NO_HEAT (-1) picks the last.
HEAT_CLASSES = (*(f"heat-{step}" for step in range(HEAT_STEPS + 1)), "heat-none")


def _texts(values: np.ndarray, missing: str = NO_VALUE) -> list[str]:
    """Two-decimal texts for a whole column."""
    return [missing if value != value else f"{value:.2f}" for value in values.tolist()]


def _statistics_codes(cells: pd.DataFrame, heat: np.ndarray, kind: np.ndarray) -> tuple:
    """Number the cells by what their statistics show (heat, flags, mean, median, SD, range,
    n, N/A count): a few integer scores give few distinct combinations, so each is written
    once however many cells share it. Returns each cell's number and, per number, the texts
    of mean, median, SD, lowest, highest, then n, N/A count, heat and flag kind."""
    combined = _Combined(len(cells))
    texts = []
    for name in ("mean", "median", "std", "min", "max"):
        distinct, at = np.unique(cells[name].to_numpy(dtype="float64"), return_inverse=True)
        texts.append((distinct, at))
        combined.add(at, len(distinct))
    counts = (cells["n_evaluators"].to_numpy(), cells["n_na"].to_numpy(), heat, kind)
    for values in counts:
        combined.add(values + 1, int(values.max(initial=0)) + 2)
    number, first = first_appearance(combined.number)
    shown = [_texts(distinct[at[first]]) for distinct, at in texts]
    return number, [*shown, *(values[first].tolist() for values in counts)]


class _Combined:
    """One number per row for several codes together, the same for equal combinations only.
    Numbered 0, 1, ... in order of first appearance only when the numbers would outgrow
    COMBINED_LIMIT: a factorize per code took half the statistics' time (issue 17)."""

    def __init__(self, rows: int):
        self.number = np.zeros(rows, dtype="int64")
        self.span = 1  # every number is below it

    def add(self, codes: np.ndarray, size: int) -> None:
        """Combine codes from 0 to size - 1 into the numbers."""
        if self.span * size > COMBINED_LIMIT:
            self.number, first = first_appearance(self.number)
            self.span = max(len(first), 1)
        self.number = self.number * size + codes
        self.span *= size


def _openings(flag: str) -> tuple[list[list[str]], list[str]]:
    """Each cell's <td ...> start by heat step and flag kind, and the flag marker by kind:
    looked up per cell rather than pieced together, as that is most of the work."""
    kinds = [("", "")] + [(" flagged", f' data-flags="{names}"') for names in FLAG_NAMES[1:]]
    openings = [
        [f'<td class="cell {heat}{flagged}"{names} ' for flagged, names in kinds]
        for heat in HEAT_CLASSES
    ]
    return openings, ["", *[flag] * (len(FLAG_NAMES) - 1)]


def _citation_links(cells, citations: dict[CellKey, list[CellCitation]]) -> list[str]:
    """Each cell's deck citations as links ("" for most cells), in `cells` order."""
    if not citations:
        return [""] * len(cells)
    heading = escape(_("Deck pages cited"))
    found = []
    for key in zip(
        cells["company_id"].tolist(),
        cells["pack_key"].astype(str).tolist(),
        cells["criterion_key"].astype(str).tolist(),
        strict=False,
    ):
        links = "".join(
            f'<a href="{escape(item.url)}" data-citation="{escape(item.citation)}">'
            f"{escape(item.label)}</a>"
            for item in citations.get(key, ())
        )
        found.append(
            f'<span class="cell-cites" role="tooltip"><span>{heading}</span>{links}</span>'
            if links
            else ""
        )
    return found


def _cells(page: ComparePage, shown: np.ndarray, citations: dict) -> list[str]:
    """The <td> of each criterion cell in comparison.cells where `shown`, in that order."""
    cells, grid = page.comparison.cells[shown], page.grid
    kinds = cells["wide_spread"].to_numpy(dtype="int64") + 2 * cells["has_outlier"].to_numpy(
        dtype="int64"
    )
    number, (mean, median, sd, low, high, n, na, heat, kind) = _statistics_codes(
        cells, grid.heat[shown], kinds
    )
    openings, markers = _openings(
        f'<span class="flag" role="img" aria-label="{escape(_("Evaluators disagree here"))}">'
        "⚑</span>"
    )
    cal = escape(_("cal."))
    # Everything but the calibrated mean and the citations, once per combination.
    starts = [
        f'{openings[h][k]}data-stats="{m} {md} {s} {lo} {hi} {count} {missing}"><b>{m}</b>'
        f"{markers[k]}<small>±{s} · n={count}</small><small>{cal} "
        for h, k, m, md, s, lo, hi, count, missing in zip(
            heat, kind, mean, median, sd, low, high, n, na, strict=True
        )
    ]
    calibrated = _texts(grid.calibrated[shown], missing=escape(_("not enough data")))
    return [
        f"{starts[at]}{c}</small>{cites}</td>"
        for at, c, cites in zip(
            number.tolist(), calibrated, _citation_links(cells, citations), strict=True
        )
    ]


def _pack_totals(page: ComparePage, pack_key: str) -> list[str]:
    """One pack's total <td> per row, in table order."""
    return [
        f'<td class="num pack-total">{fmt(row.pack_totals.get(pack_key))}</td>' for row in page.rows
    ]


def _display_order(page: ComparePage) -> list[int]:
    """Columns as the table shows them: pinned criteria, then per pack its criteria and its
    total (numbered from the criteria in ComparePage.columns order, then the pack totals)."""
    at = {column.key: index for index, column in enumerate(page.columns)}
    order = [at[column.key] for column in page.pinned_columns]
    for number, pack in enumerate(page.packs):
        order += [at[column.key] for column in pack.columns] + [len(page.columns) + number]
    return order


def _rank(row: Row, moved_title: str) -> str:
    """The rank, with the climb or fall against the rubric weights."""
    rank = row.summary["rank"]
    text = NO_VALUE if rank is None else rank
    if not row.rank_delta:
        return f'<td class="num rank">{text}</td>'
    direction, arrow = ("up", "▲") if row.rank_delta > 0 else ("down", "▼")
    title = escape(moved_title % {"rank": row.default_rank})
    return (
        f'<td class="num rank">{text} <span class="delta {direction}" title="{title}">'
        f"{arrow}{abs(row.rank_delta)}</span></td>"
    )


def _interval(summary: dict, tied_title: str) -> str:
    """The bootstrap rank interval, with the tie group of a statistical tie."""
    if summary["rank_low"] is None:
        return f'<td class="num interval">{NO_VALUE}</td>'
    tie = (
        f' <span class="badge tie" title="{tied_title}">≈{summary["tie_group"]}</span>'
        if summary["statistically_tied"]
        else ""
    )
    return f'<td class="num interval">{summary["rank_low"]}–{summary["rank_high"]}{tie}</td>'


def _row_start(row: Row, url: str, texts: dict[str, str]) -> str:
    """<tr> and the cells before the criteria: pin, rank, name, totals, interval, counts."""
    summary = row.summary
    classes = ("pinned" if row.pinned else "") + (" tied" if summary["statistically_tied"] else "")
    # A toggle button named in words (the star is decoration), not a link (issue 18).
    pin = (
        f'<button type="button" class="pin" id="pin-{row.company_id}" hx-get="{url}" '
        f'aria-pressed="{"true" if row.pinned else "false"}">'
        f'<span aria-hidden="true">{"★" if row.pinned else "☆"}</span>'
        f'<span class="visually-hidden">{texts["pin"] % {"name": escape(row.name)}}</span></button>'
    )
    flags = summary["n_disagreements"]
    flagged = f'<span class="flag" aria-hidden="true">⚑</span> {flags}' if flags else "0"
    return (
        f'<tr id="row-{row.company_id}" class="{classes}"><td>{pin}</td>'
        f"{_rank(row, texts['moved'])}"
        f'<th scope="row" class="name-col"><a href="/companies/{row.company_id}">'
        f"{escape(row.name)}</a></th>"
        f'<td class="num total">{fmt(summary["total"])}</td>'
        f'<td class="num calibrated">{fmt(summary["calibrated_total"])}</td>'
        f"{_interval(summary, texts['tied'])}"
        f'<td class="num">{summary["n_evaluators"]}</td>'
        f'<td class="num">{flagged}</td>'
    )


def _row_starts(page: ComparePage, selection: Selection, options: PageOptions) -> list[str]:
    """Every row's start, in table order; the pin button keeps the rest of the layout."""
    texts = {
        # A str, not Markup: Markup's % escapes each argument again, 1.5 us a row; the name
        # comes escaped.
        "pin": str(escape(_("Pin %(name)s to the top"))),
        "tied": escape(_("Statistically tied")),
        "moved": _("Rank with the rubric weights: %(rank)s"),
    }
    urls = pin_urls(selection, options, [row.company_id for row in page.rows])
    return [_row_start(row, escape(url), texts) for row, url in zip(page.rows, urls, strict=True)]


def matrix_rows(
    page: ComparePage,
    selection: Selection,
    options: PageOptions,
    citations: dict[CellKey, list[CellCitation]] | None = None,
) -> list[Markup]:
    """The matrix's body: a <tr> per company, its criterion cells and pack totals in column
    order (pinned first). Row by row, as one string of megabytes costs more to copy around."""
    order = _display_order(page)
    width = len(order) + 2  # per row: its start, the columns, </tr>
    slot = np.full(len(page.columns) + len(page.packs), -1)
    slot[order] = np.arange(1, len(order) + 1)
    # Grid row -> table row; -1 for companies on other pages of the matrix.
    line = np.full(len(page.grid.means), -1, dtype="int64")
    line[[row.index for row in page.rows]] = np.arange(len(page.rows))
    # Every row's pieces in one flat list; a spare last place takes the cells of any column
    # the table does not show.
    table = [EMPTY_CELL] * (len(page.rows) * width) + [""]
    table[0:-1:width] = _row_starts(page, selection, options)
    table[width - 1 : -1 : width] = ["</tr>"] * len(page.rows)
    for number, pack in enumerate(page.packs):
        table[slot[len(page.columns) + number] : -1 : width] = _pack_totals(page, pack.key)
    shown = line[page.grid.row] >= 0
    cell_slot = slot[page.grid.column[shown]]
    places = np.where(cell_slot > 0, line[page.grid.row[shown]] * width + cell_slot, len(table) - 1)
    for place, cell in zip(places.tolist(), _cells(page, shown, citations or {}), strict=False):
        table[place] = cell
    return [
        Markup("".join(table[start : start + width])) for start in range(0, len(table) - 1, width)
    ]
