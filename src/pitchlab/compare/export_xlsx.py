"""The XLSX export: one sheet per comparison table, a native bar chart of totals on Summary.

Written with xlsxwriter in constant-memory mode, row by row, because going through pandas'
ExcelWriter costs seconds on a full portfolio. Every text goes through write_string, so a
company called "=SUM(A1)" stays text and never becomes a formula.
"""

import math
import unicodedata
from collections.abc import Callable
from typing import BinaryIO

import numpy as np
import pandas as pd
import xlsxwriter
from pandas.api.types import is_bool_dtype, is_float_dtype, is_integer_dtype

from pitchlab.compare.comparison import (
    COLUMN_HEADERS,
    TABLE_TITLES,
    PortfolioComparison,
    comparison_tables,
)

NUMBER_FORMAT = "0.00"
INTEGER_FORMAT = "0"
MIN_COLUMN_WIDTH = 8
MAX_COLUMN_WIDTH = 50
NUMBER_WIDTH = 8  # characters of a two-decimal score or total, with room to spare
METHODOLOGY_VALUE_WIDTH = 100
WIDTH_SAMPLE_ROWS = 500  # widths are guessed from the first rows; enough for a readable sheet
CHART_MAX_COMPANIES = 30  # a bar per company stops being readable beyond this
CHART_ROW_HEIGHT_PX = 18
CHART_MIN_HEIGHT_PX = 300
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def write_workbook(
    comparison: PortfolioComparison,
    stream: BinaryIO,
    on_sheet: Callable[[int, int], None] | None = None,
) -> None:
    """Write the comparison as an XLSX workbook to a binary stream.

    on_sheet(done, total) is called after each sheet, so a long export can report progress.
    """
    workbook = xlsxwriter.Workbook(stream, WORKBOOK_OPTIONS)
    formats = {
        "header": workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"}),
        "number": workbook.add_format({"num_format": NUMBER_FORMAT}),
        "integer": workbook.add_format({"num_format": INTEGER_FORMAT}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "text": None,
    }
    tables = comparison_tables(comparison)
    for done, (name, table) in enumerate(tables.items(), start=1):
        sheet = workbook.add_worksheet(TABLE_TITLES[name])
        _write_table(sheet, table, formats, wrap_last=name == "methodology")
        if name == "summary":
            _add_totals_chart(workbook, sheet, table)
        elif name == "agreement":
            _add_agreement_chart(workbook, sheet, table)
        if on_sheet is not None:
            on_sheet(done, len(tables))
    workbook.close()


def _write_table(sheet, table: pd.DataFrame, formats: dict, *, wrap_last: bool) -> None:
    """Headers in row 0, then every row; missing values stay blank cells."""
    kinds = [_column_kind(table.iloc[:, position]) for position in range(table.shape[1])]
    headers = [str(COLUMN_HEADERS.get(column, column)) for column in table.columns]
    for position, header in enumerate(headers):
        width = _column_width(header, table.iloc[:WIDTH_SAMPLE_ROWS, position], kinds[position])
        sheet.set_column(position, position, width, formats[kinds[position]])
        sheet.write_string(0, position, header, formats["header"])
    cell_formats = [formats[kind] for kind in kinds]
    if wrap_last:
        cell_formats[-1] = formats["wrap"]
        sheet.set_column(
            len(headers) - 1, len(headers) - 1, METHODOLOGY_VALUE_WIDTH, formats["wrap"]
        )
    for row_number, row in enumerate(table.itertuples(index=False, name=None), start=1):
        for position, value in enumerate(row):
            _write_cell(sheet, row_number, position, value, cell_formats[position])
    sheet.freeze_panes(1, 0)
    if not wrap_last and len(table):
        sheet.autofilter(0, 0, len(table), len(headers) - 1)


def _write_cell(sheet, row: int, column: int, value: object, cell_format) -> None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return
    if isinstance(value, (bool, np.bool_)):
        sheet.write_boolean(row, column, bool(value), cell_format)
    elif isinstance(value, (int, float, np.integer, np.floating)):
        sheet.write_number(row, column, value, cell_format)
    else:
        sheet.write_string(row, column, str(value), cell_format)


def _column_kind(values: pd.Series) -> str:
    if is_bool_dtype(values):
        return "text"
    if is_integer_dtype(values):
        return "integer"
    if is_float_dtype(values):
        return "number"
    # Mixed columns (an evaluator's scores with "N/A") show their numbers with two decimals.
    has_numbers = values.dtype == object and pd.to_numeric(values, errors="coerce").notna().any()
    return "number" if has_numbers else "text"


def _column_width(header: str, sample: pd.Series, kind: str) -> float:
    if kind == "text" and len(sample):
        longest = max((_display_width(str(text)) for text in sample.dropna()), default=0)
    else:
        longest = NUMBER_WIDTH
    # Headers wrap, so a long header needs only about half its length.
    wanted = max(len(header) / 2, longest + 2, MIN_COLUMN_WIDTH)
    return min(wanted, MAX_COLUMN_WIDTH)


def _display_width(text: str) -> int:
    """Characters as Excel lays them out: Chinese and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _add_bar_chart(
    workbook,
    sheet,
    frame: pd.DataFrame,
    *,
    table: str,
    label: str,
    value: str,
    title: str,
    value_axis: dict | None = None,
) -> None:
    """Horizontal bars of `value` per `label` row (first row on top), beside the table."""
    shown = min(len(frame), CHART_MAX_COMPANIES)
    if not shown:
        return
    sheet_name = TABLE_TITLES[table]
    name_column, value_column = frame.columns.get_loc(label), frame.columns.get_loc(value)
    chart = workbook.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": COLUMN_HEADERS[value],
            "categories": [sheet_name, 1, name_column, shown, name_column],
            "values": [sheet_name, 1, value_column, shown, value_column],
            "data_labels": {"value": True, "num_format": NUMBER_FORMAT},
        }
    )
    chart.set_title({"name": title.format(shown=shown)})
    if value_axis:
        chart.set_x_axis(value_axis)
    chart.set_y_axis({"reverse": True})  # a bar chart's category axis is y: first row on top
    chart.set_legend({"none": True})
    chart.set_size(
        {"width": 640, "height": max(CHART_MIN_HEIGHT_PX, CHART_ROW_HEIGHT_PX * shown + 80)}
    )
    sheet.insert_chart(1, frame.shape[1] + 1, chart)


def _add_totals_chart(workbook, sheet, summary: pd.DataFrame) -> None:
    """A horizontal bar per company (best first) of its weighted total."""
    _add_bar_chart(
        workbook,
        sheet,
        summary,
        table="summary",
        label="company_name",
        value="total",
        title=COLUMN_HEADERS["total"] + ", top {shown}",
    )


def _add_agreement_chart(workbook, sheet, agreement: pd.DataFrame) -> None:
    """A bar per criterion of its alpha, so weak criteria stand out at a glance."""
    # Alpha runs from below 0 (worse than chance) to 1.
    _add_bar_chart(
        workbook,
        sheet,
        agreement,
        table="agreement",
        label="criterion_title",
        value="alpha",
        title=COLUMN_HEADERS["alpha"],
        value_axis={"min": -1, "max": 1},
    )
