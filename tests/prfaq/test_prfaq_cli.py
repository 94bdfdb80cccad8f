"""`pitchlab export prfaq` and `pitchlab prfaq check|import`, on the test's own database."""

import io

from docx import Document
from typer.testing import CliRunner

from pitchlab.cli import app as cli_app
from pitchlab.paths import resource_dir

from .conftest import GOOD_EN, draft_by_title

runner = CliRunner()


def test_export_prfaq_as_docx_and_markdown(session, database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("PITCHLAB_DATABASE_URL", database_url)
    draft = draft_by_title(session, GOOD_EN)
    target = tmp_path / "clausemint.docx"
    result = runner.invoke(
        cli_app, ["export", "prfaq", str(draft.id), "--format", "docx", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    texts = [paragraph.text for paragraph in Document(io.BytesIO(target.read_bytes())).paragraphs]
    assert texts[0] == GOOD_EN and "External FAQ (customers)" in texts
    markdown = tmp_path / "clausemint.md"
    result = runner.invoke(cli_app, ["export", "prfaq", str(draft.id), "-o", str(markdown)])
    assert result.exit_code == 0
    assert markdown.read_text(encoding="utf-8").startswith(f"# {GOOD_EN}\n")


def test_export_unknown_draft_fails_with_a_message(database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("PITCHLAB_DATABASE_URL", database_url)
    result = runner.invoke(cli_app, ["export", "prfaq", "999", "-o", str(tmp_path / "x.md")])
    assert result.exit_code == 1 and "No PR/FAQ draft 999" in result.output
    assert not (tmp_path / "x.md").exists()


def test_prfaq_check_names_every_problem(tmp_path):
    broken = tmp_path / "broken.yaml"
    seed = (resource_dir("seeds") / "prfaq" / "working-backwards.yaml").read_text(encoding="utf-8")
    broken.write_text(
        seed.replace('title: {en: "Headline", zh: "标题"}', 'title: {en: "Headline"}'),
        encoding="utf-8",
    )
    result = runner.invoke(cli_app, ["prfaq", "check", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}: sections[0](headline).title.zh: missing translation (zh)" in result.output
    seed = resource_dir("seeds") / "prfaq" / "ai-product.yaml"
    good = runner.invoke(cli_app, ["prfaq", "check", str(seed)])
    assert good.exit_code == 0 and "ok" in good.output


def test_prfaq_import_adds_a_version_once(session, database_url, monkeypatch, tmp_path):
    from pitchlab.prfaq.library import find_template

    monkeypatch.setenv("PITCHLAB_DATABASE_URL", database_url)
    seed = resource_dir("seeds") / "prfaq" / "working-backwards.yaml"
    newer = tmp_path / "wb-v3.yaml"  # the seed is version 2 since issue 15
    newer.write_text(
        seed.read_text(encoding="utf-8").replace("version: 2", "version: 3", 1), encoding="utf-8"
    )
    first = runner.invoke(cli_app, ["prfaq", "import", str(newer)])
    assert first.exit_code == 0 and "Imported working-backwards version 3." in first.output
    again = runner.invoke(cli_app, ["prfaq", "import", str(newer)])
    assert (
        again.exit_code == 0 and "Already installed: working-backwards version 3." in again.output
    )
    session.rollback()
    assert find_template(session, "working-backwards").version == 3
