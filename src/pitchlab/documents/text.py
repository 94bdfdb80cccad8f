"""Words out of English and Chinese text, the same way for indexing, searching and ranking.

Chinese has no spaces: jieba segments it (its dictionary ships inside the package, nothing is
downloaded; documents.segmenter keeps it compact). English words are lower-cased and lightly
stemmed so "customers" meets "customer".
"""

import re

from .segmenter import segmenter

TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[\u3400-\u9fff\uf900-\ufaff]+")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ENGLISH_STOPWORDS = frozenset(
    "a an and are as at be by can do does for from has have how in is it its of on or our "
    "that the their them they this to was we what when where which who why will with you your "
    "not no than then there these those into out over under more most much many any some".split()
)
CHINESE_STOPWORDS = frozenset(
    "的 了 和 是 在 与 及 或 有 为 对 等 把 被 这 那 也 都 而 之 其 吗 呢 么".split()
)
SUFFIXES = ("ing", "ies", "ed", "es", "s", "ly")


def stem(word: str) -> str:
    """A light English stem: enough to join plurals and verb forms, never shorter than 3."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix == "ies" else base
    return word


def han_cut(run: str) -> list[str]:
    """A run of Chinese characters cut into jieba's words, stopwords included."""
    return segmenter().lcut(run)


def _han_words(run: str, *, for_search: bool) -> list[str]:
    cut = segmenter().lcut_for_search(run) if for_search else han_cut(run)
    return [word for word in cut if word.strip() and word not in CHINESE_STOPWORDS]


def words(text: str, *, for_search: bool = False, keep_stopwords: bool = False) -> list[str]:
    """The text's words in order: stems for English, jieba words for Chinese."""
    found = []
    for token in TOKEN.findall(text.lower()):
        if HAN.match(token):
            found.extend(_han_words(token, for_search=for_search))
        elif keep_stopwords or token not in ENGLISH_STOPWORDS:
            found.append(stem(token))
    return found


def search_terms(*parts: str) -> str:
    """What the full-text index stores for a page: every word, space-separated."""
    return " ".join(words(" ".join(parts), for_search=True, keep_stopwords=True))
