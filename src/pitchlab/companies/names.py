"""Company names: the text shown, and the key that decides when two names are the same.

Issue 11: "Clausemint" with a zero-width space, joiner, BOM or soft hyphen, or in full-width
letters, was accepted as a new company, and a name of invisible characters only was accepted
at all. Every path that stores a name (form, API, import, seeding) goes through `display_name`
(via CompanyIn) and `name_key`.
"""

import unicodedata

# Default-ignorable code points (Unicode's DerivedCoreProperties) that are not in category Cf:
# the combining grapheme joiner, Hangul fillers, Mongolian and other variation selectors.
_IGNORABLE_NOT_CF = frozenset(
    [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180F, 0x3164, 0xFFA0]
    + list(range(0xFE00, 0xFE10))
    + list(range(0xE0100, 0xE01F0))
)
# Invisible, but they shape visible text (Persian and Indic words, emoji sequences): kept in
# the name shown, ignored by the key.
_SHAPING = frozenset([0x200C, 0x200D, *range(0xFE00, 0xFE10)])


def _invisible(char: str) -> bool:
    """A format (Cf) or control (Cc) character, or another default-ignorable one; whitespace
    controls (tab, newline) count as spaces instead."""
    if char.isspace():
        return False
    return unicodedata.category(char) in ("Cf", "Cc") or ord(char) in _IGNORABLE_NOT_CF


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def display_name(name: str) -> str:
    """The name as stored and shown: no control, bidi-override or zero-width characters,
    whitespace collapsed; letters stay as typed (full-width too). Empty if nothing visible."""
    kept = "".join(c for c in name if not _invisible(c) or ord(c) in _SHAPING)
    words = [word for word in _collapsed(kept).split(" ") if _visible(word)]
    return " ".join(words)


def _visible(word: str) -> bool:
    return any(not _invisible(char) for char in word)


def name_key(name: str) -> str:
    """What makes two names the same company: NFKC (full-width and other compatibility forms
    fold to their plain letters), invisible characters removed, whitespace collapsed,
    case folded. An empty key means the name has nothing visible in it."""
    visible = "".join(c for c in unicodedata.normalize("NFKC", name) if not _invisible(c))
    folded = unicodedata.normalize("NFKC", visible.casefold())
    return _collapsed("".join(c for c in folded if not _invisible(c)))
