import csv
import io
import json
import zipfile
from datetime import UTC, datetime

import openpyxl
import pandas as pd
import pytest

from pitchlab.compare.calibration import METHOD_DESCRIPTION
from pitchlab.compare.comparison import TABLE_TITLES, build_comparison
from pitchlab.compare.export import (
    comparison_csv,
    comparison_json,
    comparison_xlsx,
    neutralized_text,
    table_csv,
)
from pitchlab.compare.methodology import ConflictExclusion

BOM = b"\xef\xbb\xbf"
NAMES = {1: "深度求索", 2: "=SUM(A1)", 3: "Plain Co"}
GENERATED_AT = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
CONFLICT = ConflictExclusion(evaluator_id=9, evaluator_name="Zed", company_name="深度求索")
# Totals with weights a=2, b=1: company 1 (10 + 4.5)/3, company 3 (7 + 3)/3, company 2 (5 + 1)/3.
EXPECTED_ORDER = ["深度求索", "Plain Co", "=SUM(A1)"]
EXPECTED_TOTALS = [14.5 / 3, 10 / 3, 2.0]


@pytest.fixture
def comparison(make_grid):
    scores = make_grid(
        {
            (1, 1): {"a": 5, "b": 4},
            (1, 2): {"a": 5, "b": 5},
            (2, 1): {"a": 2, "b": 1},
            (2, 2): {"a": 3, "b": None},
            (3, 1): {"a": 3, "b": 3},
            (3, 2): {"a": 4, "b": 3},
        },
        weights={"a": 2.0, "b": 1.0},
        names=NAMES,
    )
    return build_comparison(
        scores, excluded_for_conflict=[CONFLICT], resamples=200, generated_at=GENERATED_AT
    )


def test_csv_starts_with_bom_and_round_trips_chinese(comparison):
    data = comparison_csv(comparison)
    assert data.startswith(BOM)
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert table["Company"].tolist() == ["深度求索", "Plain Co", "'=SUM(A1)"]
    assert table["Weighted total"].tolist() == pytest.approx(EXPECTED_TOTALS, abs=1e-5)
    assert table["A"].tolist() == [5.0, 3.5, 2.5]  # raw matrix columns follow the summary


def test_csv_neutralizes_formulas_but_keeps_negative_numbers():
    frame = pd.DataFrame(
        {
            "name": ["=SUM(A1)", "+1+1", "@cmd", "-2+3", "\tx", "-3.5", "ok"],
            "delta": [-3.5, 1.0, 0.0, 2.0, -1.0, 0.5, 4.0],
        }
    )
    rows = list(csv.reader(io.StringIO(table_csv(frame).decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:]]
    assert names == ["'=SUM(A1)", "'+1+1", "'@cmd", "'-2+3", "'\tx", "-3.5", "ok"]
    assert rows[1][1] == "-3.5"


def test_neutralized_text_leaves_numbers_alone():
    assert neutralized_text(-3.5) == -3.5
    assert neutralized_text("=1") == "'=1"


def test_json_has_tables_and_methodology_in_plain_utf8(comparison):
    data = comparison_json(comparison)
    assert "深度求索".encode() in data
    document = json.loads(data)
    assert document["methodology"]["Calibration method"] == METHOD_DESCRIPTION
    assert document["methodology"]["Generated at"] == "2026-01-02T03:04:05+00:00"
    assert set(document["tables"]) == set(TABLE_TITLES) - {"methodology"}
    summary = document["tables"]["summary"]
    assert [row["company_name"] for row in summary] == EXPECTED_ORDER
    scores = document["tables"]["evaluator_scores"]
    assert any(row["B"] == "N/A" for row in scores)


def test_xlsx_has_all_sheets_and_expected_values(comparison):
    workbook = openpyxl.load_workbook(io.BytesIO(comparison_xlsx(comparison)))
    assert workbook.sheetnames == list(TABLE_TITLES.values())
    summary = pd.read_excel(io.BytesIO(comparison_xlsx(comparison)), sheet_name="Summary")
    assert summary["Company"].tolist() == EXPECTED_ORDER
    assert summary["Weighted total"].tolist() == pytest.approx(EXPECTED_TOTALS)
    sheet = workbook["Summary"]
    assert sheet["D2"].number_format == "0.00"
    methodology = {row[0]: row[1] for row in workbook["Methodology"].iter_rows(values_only=True)}
    assert methodology["Calibration method"] == METHOD_DESCRIPTION
    assert methodology["Evaluators excluded for conflicts"] == "Zed (for 深度求索)"


def test_xlsx_keeps_formula_like_names_as_text(comparison):
    sheet = openpyxl.load_workbook(io.BytesIO(comparison_xlsx(comparison)))["Summary"]
    cell = sheet["C4"]
    assert cell.value == "=SUM(A1)"
    assert cell.data_type != "f"


def test_xlsx_has_native_bar_chart_of_totals(comparison):
    with zipfile.ZipFile(io.BytesIO(comparison_xlsx(comparison))) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert "<c:barChart>" in chart
    assert "Summary!$D$2:$D$4" in chart


def test_anonymized_export_hides_names_with_stable_pseudonyms(make_grid, comparison):
    scores = make_grid({(1, 2): {"a": 3}, (1, 1): {"a": 4}}, names=NAMES)
    anonymous = build_comparison(
        scores,
        excluded_for_conflict=[CONFLICT],
        anonymize=True,
        resamples=10,
        generated_at=GENERATED_AT,
    )
    assert anonymous.evaluator_scores["evaluator_name"].tolist() == ["Evaluator A", "Evaluator B"]
    exports = (
        comparison_csv(anonymous) + comparison_json(anonymous) + table_csv(anonymous.methodology)
    )
    assert b"Ann" not in exports and b"Zed" not in exports
    assert b"Evaluator C (for" in table_csv(anonymous.methodology)
    again = build_comparison(
        scores.iloc[::-1],
        excluded_for_conflict=[CONFLICT],
        anonymize=True,
        resamples=10,
        generated_at=GENERATED_AT,
    )
    pd.testing.assert_frame_equal(anonymous.methodology, again.methodology)


def test_comparison_of_only_the_csv_tables_makes_the_same_csv(make_grid):
    scores = make_grid(
        {
            (1, 1): {"a": 5, "b": 4},
            (1, 2): {"a": 4, "b": 4},
            (2, 1): {"a": 2, "b": 1},
            (2, 2): {"a": 3, "b": 2},
        }
    )
    full = build_comparison(scores, resamples=100, generated_at=GENERATED_AT)
    light = build_comparison(
        scores, resamples=100, generated_at=GENERATED_AT, tables={"raw_matrix"}
    )
    assert comparison_csv(light) == comparison_csv(full)
    assert light.agreement.empty and not full.agreement.empty
    assert light.evaluator_scores.empty and light.calibrated_matrix.empty
    with pytest.raises(ValueError, match="unknown comparison tables: ranking"):
        build_comparison(scores, tables={"ranking"})
