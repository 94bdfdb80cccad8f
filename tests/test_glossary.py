"""The glossary (seeds/glossary.yaml) holds across packs, PR/FAQ templates, page templates and
the interface catalog: one Chinese word per term, and a space between Chinese and Latin text."""

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = yaml.safe_load((ROOT / "seeds/glossary.yaml").read_text(encoding="utf-8"))["terms"]
CATALOG = ROOT / "src/pitchlab/translations/zh/LC_MESSAGES/messages.po"
CJK = "\u4e00-\u9fff"
# Verbatim interview words keep the transcript's own spacing.
QUOTED = re.compile(r"“[^”]*”|「[^」]*」")
UNSPACED = re.compile(rf"[{CJK}][A-Za-z]|[A-Za-z][{CJK}]")


def _zh_strings(node, *, key: str = "", in_zh: bool = False):
    """Every Chinese text in a YAML document, with the path it sits at; quotes are skipped."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name == "quote":
                continue
            yield from _zh_strings(value, key=f"{key}.{name}", in_zh=in_zh or name == "zh")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _zh_strings(value, key=f"{key}[{index}]", in_zh=in_zh)
    elif isinstance(node, str) and (in_zh or re.search(f"[{CJK}]", node)):
        yield key, node


def _sources():
    for path in sorted((ROOT / "seeds/rubrics").glob("*.yaml")):
        yield from ((f"{path.name}{key}", text) for key, text in _zh_strings(_load(path)))
    for path in sorted((ROOT / "seeds/prfaq").glob("*.yaml")):
        if path.name != "demo-drafts.yaml":  # demo drafts are founders' prose, not our terms
            yield from ((f"{path.name}{key}", text) for key, text in _zh_strings(_load(path)))
    with CATALOG.open("rb") as handle:
        for message in read_po(handle, locale="zh"):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in strings:
                if text:
                    yield f"messages.po: {message.id!r}", text
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(f"[{CJK}]", line):
                yield f"{path.relative_to(ROOT)}:{number}", line


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


SOURCES = list(_sources())


def _unquoted(text: str) -> str:
    return QUOTED.sub("“”", text)


@pytest.mark.parametrize("term", GLOSSARY, ids=[term["en"] for term in GLOSSARY])
def test_one_chinese_word_per_term(term):
    wrong = [
        f"{where}: {avoided!r} (use {term['zh']!r})"
        for avoided in term.get("avoid", [])
        for where, text in SOURCES
        if avoided in _unquoted(text)
    ]
    assert wrong == []


def test_chinese_and_latin_text_are_spaced():
    wrong = [
        f"{where}: {match.group(0)!r} in {text[:60]!r}"
        for where, text in SOURCES
        for match in UNSPACED.finditer(_unquoted(text))
    ]
    assert wrong == []


def test_the_glossary_is_bilingual_and_each_term_once():
    assert all(term["en"].strip() and term["zh"].strip() for term in GLOSSARY)
    assert len({term["en"] for term in GLOSSARY}) == len(GLOSSARY)
    assert len({term["zh"] for term in GLOSSARY}) == len(GLOSSARY)
