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

# Numbers that state no benefit (issue 15): a dateline ("London, 3 March 2025", "2025年3月3日")
# and names with digits (GPT-4, H100, Series B2). They are removed before looking for a quantity.
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_NOT_A_BENEFIT = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?(?:,?\s+\d{{4}})?\b"  # 3 March 2025
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"  # March 3, 2025
    rf"|\b(?:{_MONTHS})\.?\s+\d{{4}}\b"  # March 2025
    r"|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"  # 2025-03-03, 3/3/25
    r"|\d{2,4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]"
    r"|\b(?:19|20)\d{2}\b"  # a bare year
    r"|[A-Za-z]+-?\d[\w.]*",  # GPT-4, H100, INT8: a name, not a quantity
    re.IGNORECASE,
)

# A keyword may ask for a number before it: "{n} seconds", "{n}元". {n} is digits, or an English
# number word, so "the second step" is no latency and 多元 is no price (issue 15).
_NUMBER = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|half an?"
    r"|[一二两三四五六七八九十百千万亿几]+)\s*"
)

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
    """True when the text states a number, a percentage or a multiple (dates and names with
    digits, such as a dateline or GPT-4, do not count)."""
    return bool(_QUANTITY.search(_NOT_A_BENEFIT.sub(" ", text)))


@lru_cache(maxsize=2048)
def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    is_prefix = keyword.endswith("*")
    stem = keyword.rstrip("*").strip()
    number = stem.startswith("{n}")
    stem = stem.removeprefix("{n}").strip()
    body = r"\s+".join(re.escape(word) for word in stem.split())
    if number:
        ending = "" if is_prefix or has_cjk(stem) else _NOT_BEFORE_LATIN
        return re.compile(f"{_NOT_AFTER_LATIN}{_NUMBER}{body}{ending}", re.IGNORECASE)
    if has_cjk(stem) or not stem[:1].isalnum():
        # Chinese keywords and symbols such as "$" match anywhere.
        return re.compile(body, re.IGNORECASE)
    ending = "" if is_prefix else _NOT_BEFORE_LATIN
    return re.compile(f"{_NOT_AFTER_LATIN}{body}{ending}", re.IGNORECASE)


def mentions_keyword(text: str, keyword: str) -> bool:
    """True when `keyword` occurs in `text` (English: whole word, a trailing * any ending;
    a leading {n} wants a number just before it)."""
    stem = keyword.rstrip("*").removeprefix("{n}").strip()
    if not stem:
        return False
    return bool(_keyword_pattern(keyword).search(text))


def mentions_any(text: str, keywords: Iterable[str]) -> bool:
    return any(mentions_keyword(text, keyword) for keyword in keywords)
