"""Measuring draft text in English and Chinese: words, keywords and numbers."""

import re
from collections.abc import Iterable
from functools import lru_cache

# Kana, CJK extension A, CJK unified ideographs and compatibility ideographs. These scripts are
# written without spaces, so each character counts as one word (the usual way Chinese length is
# measured: a "300-word" Chinese summary means 300 characters).
CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# A word is one CJK character, or a run of letters and digits that may be joined by an
# apostrophe, dot or hyphen ("don't", "3.5", "state-of-the-art"). Markdown marks are not words.
WORD_PATTERN = rf"[{CJK_RANGES}]|[^\W_{CJK_RANGES}]+(?:['’.\-][^\W_{CJK_RANGES}]+)*"
_WORD = re.compile(WORD_PATTERN)
_CJK = re.compile(f"[{CJK_RANGES}]")

# A benefit "has a number" when it carries a digit (any script), a percent sign, or a word that
# only appears with a quantity. Chinese numerals such as 一 are left out on purpose: they occur
# in ordinary words (一起, 统一) and would make every Chinese text pass.
_QUANTITY = re.compile(r"\d|[%％倍]|百分之|\bper ?cent\b|\btimes\b|\bhalf\b", re.IGNORECASE)

# English keywords must not be glued to other Latin letters or digits; CJK neighbours are fine,
# so "用API接口" still mentions "api".
_NOT_AFTER_LATIN = r"(?<![A-Za-z0-9])"
_NOT_BEFORE_LATIN = r"(?![A-Za-z0-9])"


def word_count(text: str | None) -> int:
    """Count words, each CJK character counting as one word."""
    if not text:
        return 0
    return len(_WORD.findall(text))


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def has_quantity(text: str) -> bool:
    """True when the text states a number, a percentage or a multiple."""
    return bool(_QUANTITY.search(text))


@lru_cache(maxsize=2048)
def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    is_prefix = keyword.endswith("*")
    stem = keyword.rstrip("*").strip()
    body = r"\s+".join(re.escape(word) for word in stem.split())
    if has_cjk(stem) or not stem[:1].isalnum():
        # Chinese keywords and symbols such as "$" match anywhere.
        return re.compile(body, re.IGNORECASE)
    ending = "" if is_prefix else _NOT_BEFORE_LATIN
    return re.compile(f"{_NOT_AFTER_LATIN}{body}{ending}", re.IGNORECASE)


def mentions_keyword(text: str, keyword: str) -> bool:
    """True when `keyword` occurs in `text` (English: whole word, a trailing * any ending)."""
    stem = keyword.rstrip("*").strip()
    if not stem:
        return False
    return bool(_keyword_pattern(keyword).search(text))


def mentions_any(text: str, keywords: Iterable[str]) -> bool:
    return any(mentions_keyword(text, keyword) for keyword in keywords)
