"""`pitchlab rubrics check/import/export` through typer's runner."""

from pathlib import Path

import yaml
from typer.testing import CliRunner

from pitchlab.cli import app as cli_app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_check_passes_every_seed_pack():
    files = sorted(str(p) for p in (ROOT / "seeds" / "rubrics").glob("*.yaml"))
    result = runner.invoke(cli_app, ["rubrics", "check", *files])
    assert result.exit_code == 0
    assert result.output.count(": ok") == len(files) == 11


def _broken(tmp_path, name, breaks):
    document = yaml.safe_load((ROOT / "seeds/rubrics/berkus.yaml").read_text(encoding="utf-8"))
    breaks(document)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path, [c["key"] for c in document["criteria"]]


def test_check_names_file_field_and_problem(tmp_path):
    levels, keys = _broken(tmp_path, "levels.yaml", lambda d: d["criteria"][0]["levels"].pop(2))
    missing_zh, _ = _broken(tmp_path, "zh.yaml", lambda d: d["criteria"][1]["title"].pop("zh"))
    weights, _ = _broken(tmp_path, "weights.yaml", lambda d: d["criteria"][2].update(weight=-1))
    result = runner.invoke(
        cli_app, ["rubrics", "check", str(levels), str(missing_zh), str(weights)]
    )
    assert result.exit_code == 1
    assert f"{levels}: criteria[{keys[0]}].levels: level 2 is missing" in result.output
    assert (
        f"{missing_zh}: criteria[{keys[1]}].title.zh: missing Chinese translation" in result.output
    )
    assert (
        f"{weights}: criteria[{keys[2]}].weight: weight must be positive, got -1" in result.output
    )


def test_export_and_import_through_the_cli(tmp_path, monkeypatch):
    monkeypatch.setenv("PITCHLAB_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert runner.invoke(cli_app, ["seed", "--no-demo"]).exit_code == 0
    out = tmp_path / "moat.yaml"
    assert (
        runner.invoke(cli_app, ["rubrics", "export", "open-closed-moat", "-o", str(out)]).exit_code
        == 0
    )
    document = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert document["key"] == "open-closed-moat" and len(document["criteria"]) == 11
    document["key"] = "fund-moat"
    out.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(cli_app, ["rubrics", "import", str(out)])
    assert result.exit_code == 0 and "Imported fund-moat as version 1." in result.output
