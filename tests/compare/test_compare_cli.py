"""`pitchlab export comparison`: the same comparison as a file, from the command line."""

import io
import json

import openpyxl
from typer.testing import CliRunner

from pitchlab.cli import app as cli_app
from pitchlab.compare.comparison import TABLE_TITLES

runner = CliRunner()


def test_cli_writes_xlsx_and_json_with_filters(panel, settings, monkeypatch, tmp_path):
    monkeypatch.setenv("PITCHLAB_DATABASE_URL", settings.database_url)
    target = tmp_path / "comparison.xlsx"
    result = runner.invoke(
        cli_app,
        [
            "export",
            "comparison",
            "--format",
            "xlsx",
            "-o",
            str(target),
            "--tag",
            "panel",
            "--pack",
            "problem-space",
        ],
    )
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    assert workbook.sheetnames == list(TABLE_TITLES.values())
    assert [row[2] for row in workbook["Summary"].iter_rows(min_row=2, values_only=True)] == [
        "Aster",
        "Birch",
        "Cedar",
    ]
    anonymous = tmp_path / "comparison.json"
    result = runner.invoke(
        cli_app,
        [
            "export",
            "comparison",
            "-f",
            "json",
            "-o",
            str(anonymous),
            "--search",
            "Ced",
            "--anonymize",
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(anonymous.read_text(encoding="utf-8"))
    assert [row["company_name"] for row in document["tables"]["summary"]] == ["Cedar"]
    assert "Tobias Okafor" not in anonymous.read_text(encoding="utf-8")


def test_cli_refuses_an_unknown_format_or_stage(tmp_path):
    for option, value in (("--format", "odt"), ("--stage", "late")):
        result = runner.invoke(
            cli_app, ["export", "comparison", option, value, "-o", str(tmp_path / "x")]
        )
        assert result.exit_code == 2 and "use one of" in result.output
        assert not (tmp_path / "x").exists()
