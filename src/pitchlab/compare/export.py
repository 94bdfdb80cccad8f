"""Portfolio comparison exports as bytes: CSV, JSON and XLSX, for the web, the API and the CLI.

Spreadsheets run cell text that starts with =, +, -, @, tab or carriage return as a formula
(CSV/formula injection, OWASP). A company name is typed by whoever pitched it, so every such
text cell in a CSV gets a leading single quote; real numbers are left alone, and so is text
that is nothing but a number, since it cannot run.
"""

import io
import json
import math
import re
from collections.abc import Callable

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from pitchlab.compare.comparison import COLUMN_HEADERS, PortfolioComparison, comparison_tables
from pitchlab.compare.export_xlsx import write_workbook

CSV_ENCODING = "utf-8-sig"  # the byte-order mark makes Excel read UTF-8 (Chinese names)
CSV_LINE_END = "\r\n"
# A format callable, not "%.6g": same text, and pandas writes it twice as fast.
CSV_FLOAT_FORMAT = "{:.6g}".format
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def neutralized_text(value: object) -> object:
    """Prefix a single quote to text a spreadsheet would run as a formula; pass others through."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_TRIGGERS)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def table_csv(table: pd.DataFrame) -> bytes:
    """Return one table as CSV bytes (UTF-8 with BOM, readable headers, formula-safe text)."""
    safe = table.rename(columns=COLUMN_HEADERS)
    safe.columns = [neutralized_text(str(column)) for column in safe.columns]
    for position, _column in enumerate(safe.columns):
        values = safe.iloc[:, position]
        if not (is_numeric_dtype(values) or is_bool_dtype(values)):
            safe.isetitem(position, values.map(neutralized_text))  # a new column, any dtype
    text = safe.to_csv(index=False, lineterminator=CSV_LINE_END, float_format=CSV_FLOAT_FORMAT)
    return text.encode(CSV_ENCODING)


def comparison_csv(comparison: PortfolioComparison) -> bytes:
    """Return the summary ranking with the raw companies x criteria matrix as one CSV."""
    matrix = comparison.raw_matrix.drop(columns=["company_name"])
    return table_csv(comparison.summary.merge(matrix, on="company_id", how="left"))


def comparison_json(comparison: PortfolioComparison) -> bytes:
    """Return {"methodology": {item: value}, "tables": {name: [records]}} as UTF-8 JSON."""
    tables = comparison_tables(comparison)
    methodology = tables.pop("methodology")
    document = {
        "methodology": dict(zip(methodology["item"], methodology["value"], strict=False)),
        "tables": {name: _records(table) for name, table in tables.items()},
    }
    return json.dumps(document, ensure_ascii=False, default=_json_value).encode("utf-8")


def comparison_xlsx(
    comparison: PortfolioComparison, on_sheet: Callable[[int, int], None] | None = None
) -> bytes:
    """Return the comparison as an XLSX workbook with one sheet per table and a totals chart."""
    stream = io.BytesIO()
    write_workbook(comparison, stream, on_sheet)
    return stream.getvalue()


def _records(table: pd.DataFrame) -> list[dict]:
    """Rows as dicts with missing values as None (JSON null)."""
    return table.astype(object).where(table.notna(), None).to_dict(orient="records")


def _json_value(value: object) -> object:
    if isinstance(value, np.generic):
        value = value.item()
        return None if isinstance(value, float) and math.isnan(value) else value
    if value is pd.NA:
        return None
    raise TypeError(f"cannot write {type(value).__name__} to JSON")
