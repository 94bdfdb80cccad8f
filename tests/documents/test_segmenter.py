"""The compact jieba dictionary (issue 17) cuts Chinese exactly as jieba's own dict does: pages
indexed before the change must still meet the same query words."""

import re

import jieba
import pytest

from pitchlab.documents.segmenter import segmenter
from pitchlab.documents.text import search_terms, words
from pitchlab.paths import resource_dir

HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@pytest.fixture(scope="module")
def stock() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _seed_runs() -> list[str]:
    """Every run of Chinese in the seeds: rubrics, glossary, demo decks, worksheets, PR/FAQs."""
    runs = []
    for path in sorted(resource_dir("seeds").rglob("*.yaml")):
        runs.extend(HAN_RUN.findall(path.read_text(encoding="utf-8")))
    return runs


def test_compact_dictionary_holds_jiebas_entries(stock):
    compact = segmenter()
    compact.check_initialized()
    assert compact.total == stock.total
    assert len(compact.FREQ) == len(stock.FREQ)
    differing = [word for word, freq in stock.FREQ.items() if compact.FREQ.get(word) != freq]
    assert differing == []
    assert "竞争对手" in compact.FREQ and compact.FREQ["竞争对手"] > 0
    assert compact.FREQ.get("not a word") is None


def test_same_bytes_strings_of_two_widths_stay_apart():
    # "BP" (a prefix of BP机) and "偂" (a word) are stored as the same two bytes.
    compact = segmenter()
    compact.check_initialized()
    assert compact.FREQ["BP"] == 0
    assert compact.FREQ["偂"] > 0


def test_seed_texts_cut_as_jieba_cuts_them(stock):
    runs = _seed_runs()
    assert len(runs) > 1000  # the Chinese rubrics, glossary and demo decks are all there
    compact = segmenter()
    assert [compact.lcut(run) for run in runs] == [stock.lcut(run) for run in runs]
    assert [compact.lcut_for_search(run) for run in runs] == [
        stock.lcut_for_search(run) for run in runs
    ]


def test_business_terms_stay_whole_words():
    assert words("竞争对手的商业模式依赖神经网络") == ["竞争对手", "商业模式", "依赖", "神经网络"]
    assert "商业模式" in search_terms("我们的商业模式").split()
