"""Every criterion quotes the interview verbatim, and the quote reaches the page and the file.

Issue 15: a quote can never drift from the transcript. The transcript lives beside the
checkout in ../shared/seed/ (present in CI); PITCHLAB_TRANSCRIPT_DIR points elsewhere locally.
"""

import os
import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from pitchlab.cli import app as cli_app
from pitchlab.rubrics.packfile import load_pack_file, seed_pack_paths
from pitchlab.rubrics.packmodels import MAX_QUOTE_CHARS
from pitchlab.rubrics.store import get_pack_version

ROOT = Path(__file__).resolve().parents[2]
TRANSCRIPT_DIR = Path(os.environ.get("PITCHLAB_TRANSCRIPT_DIR", ROOT.parent / "shared" / "seed"))
CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
SEED_PACKS = [load_pack_file(path)[0] for path in seed_pack_paths(ROOT / "seeds")]


def unfolded(text: str) -> str:
    """Whitespace runs become one space, and none is left between two Chinese characters:
    a folded YAML line or a wrapped transcript line joins Chinese text with a space."""
    text = re.sub(r"\s+", " ", text)
    return re.sub(rf"(?<={CJK}) (?={CJK})", "", text).strip()


@pytest.fixture(scope="module")
def transcript() -> str:
    files = sorted(TRANSCRIPT_DIR.glob("*.txt"))
    assert files, f"no transcript in {TRANSCRIPT_DIR}"
    return unfolded("\n".join(path.read_text(encoding="utf-8") for path in files))


def test_unfolded_joins_folded_chinese_but_keeps_latin_words_apart():
    assert unfolded("数据\n  质量") == "数据质量"
    assert unfolded("Jasper  基于GPT-3") == "Jasper 基于GPT-3"
    assert unfolded("hidden\ntechnical") == "hidden technical"


@pytest.mark.parametrize("pack", SEED_PACKS, ids=[pack.key for pack in SEED_PACKS])
def test_every_quote_occurs_verbatim_in_the_transcript(pack, transcript):
    missing = [
        f"{pack.key}.{criterion.key}: {criterion.source.quote}"
        for criterion in pack.criteria
        if unfolded(criterion.source.quote) not in transcript
    ]
    assert missing == []
    assert all(len(c.source.quote) <= MAX_QUOTE_CHARS for c in pack.criteria)


def test_a_criterion_without_a_quote_is_refused(tmp_path):
    document = yaml.safe_load((ROOT / "seeds/rubrics/berkus.yaml").read_text(encoding="utf-8"))
    del document["criteria"][0]["source"]["quote"]
    path = tmp_path / "berkus.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(cli_app, ["rubrics", "check", str(path)])
    assert result.exit_code == 1
    assert "criteria[sound-idea].source.quote: required field is missing" in result.output


def test_the_rubric_page_shows_each_quote_beside_its_source(admin_client, session):
    entry = get_pack_version(session, "problem-space")
    page = admin_client.get("/rubrics/problem-space").text
    cards = re.findall(
        r'<article class="card criterion" id="criterion-([^"]+)".*?</article>', page, re.S
    )
    assert cards == [criterion.key for criterion in entry.criteria]
    for criterion in entry.criteria:
        card = re.search(rf'id="criterion-{criterion.key}".*?</article>', page, re.S).group(0)
        source = re.search(r'class="small muted criterion-source">(.*?)</div>', card, re.S).group(1)
        quoted = re.search(r'<blockquote[^>]*lang="zh-CN"[^>]*data-quote>「(.*?)」', source)
        assert unescape(quoted.group(1)) == criterion.source["quote"]


def test_quotes_and_constructs_survive_export_and_import(tmp_path, monkeypatch):
    monkeypatch.setenv("PITCHLAB_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    runner = CliRunner()
    assert runner.invoke(cli_app, ["seed", "--no-demo"]).exit_code == 0
    seed = next(pack for pack in SEED_PACKS if pack.key == "data-centric-ai")
    out = tmp_path / "data.yaml"
    assert runner.invoke(cli_app, ["rubrics", "export", seed.key, "-o", str(out)]).exit_code == 0
    exported, problems = load_pack_file(out)
    assert problems == []
    assert exported.criteria == seed.criteria and exported.see == seed.see
    document = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert document["see"] and "construct" in document["see"][0]
    document["key"], document["see"] = "fund-data", None
    for criterion in document["criteria"]:
        criterion.pop("construct", None)
    out.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    assert runner.invoke(cli_app, ["rubrics", "import", str(out)]).exit_code == 0
    again = tmp_path / "again.yaml"
    assert (
        runner.invoke(cli_app, ["rubrics", "export", "fund-data", "-o", str(again)]).exit_code == 0
    )
    quotes = [c.source.quote for c in load_pack_file(again)[0].criteria]
    assert quotes == [c.source.quote for c in seed.criteria]


def test_a_version_stored_before_quotes_still_exports(admin_client, session):
    from pitchlab.rubrics.packmodels import PackFile
    from pitchlab.rubrics.store import save_pack

    document = yaml.safe_load((ROOT / "seeds/rubrics/berkus.yaml").read_text(encoding="utf-8"))
    document["key"] = "old-fund-pack"
    for criterion in document["criteria"]:
        criterion.pop("construct", None)
        del criterion["source"]["quote"]
    save_pack(session, PackFile.model_validate(document, context={"stored": True}))
    exported = admin_client.get("/rubrics/old-fund-pack/export")
    assert exported.status_code == 200
    assert "quote" not in exported.text  # read back as stored; `rubrics check` will ask for it
    _, problems = load_pack_file_text(exported.text)
    assert "criteria[sound-idea].source.quote: required field is missing" in problems


def load_pack_file_text(text: str) -> tuple[object, list[str]]:
    from pitchlab.rubrics.packfile import load_pack_bytes

    pack, problems = load_pack_bytes(text.encode(), source="old.yaml", is_json=False)
    return pack, [str(problem).removeprefix("old.yaml: ") for problem in problems]
