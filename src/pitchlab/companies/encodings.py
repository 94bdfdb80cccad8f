"""Which text encoding a CSV file uses: UTF-8 first, else the detector's guess, else the user's.

Issue 11: a Latin-1 "Zürich Robotics" was decoded as GB18030 (every byte string decodes as
GB18030) and imported as "Z黵ich Robotics" without a word. Now UTF-8 (with or without a BOM)
is tried strictly first; anything else goes to charset-normalizer, limited to the encodings
spreadsheet programs write, and the preview names the encoding and offers the others.
"""

import codecs

from charset_normalizer import from_bytes

from ..web.i18n import gettext as _

UTF8 = "utf-8"
# Spreadsheet encodings, in the order a tie between equally clean readings is settled: Western
# European (Latin-1 first: a file that reads the same in both has none of Windows-1252's extra
# characters), then Simplified Chinese, the language pitchlab speaks besides English.
CANDIDATES = (
    "latin_1",
    "cp1252",
    "iso8859_15",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_kr",
    "cp1250",
    "cp1251",
)
# Readings whose chaos (charset-normalizer's measure of implausible text) is this close to the
# best one count as ties.
CHAOS_TIE = 0.01


class UndecodableText(ValueError):
    """The bytes are not text in any encoding tried; the message says what to do."""


def encoding_labels() -> dict[str, str]:
    """Every encoding the user may choose, with a name people recognise."""
    return {
        UTF8: "UTF-8",
        "cp1252": _("Windows-1252 (Western European)"),
        "latin_1": _("ISO-8859-1 (Latin-1, Western European)"),
        "iso8859_15": _("ISO-8859-15 (Latin-9, Western European)"),
        "gb18030": _("GB18030 (Simplified Chinese, also GBK and GB2312)"),
        "big5": _("Big5 (Traditional Chinese)"),
        "shift_jis": _("Shift JIS (Japanese)"),
        "euc_kr": _("EUC-KR (Korean)"),
        "cp1250": _("Windows-1250 (Central European)"),
        "cp1251": _("Windows-1251 (Cyrillic)"),
    }


def detect_encoding(data: bytes) -> str | None:
    """The encoding that reads `data` best, one of encoding_labels(); None if none reads it."""
    if data.startswith(codecs.BOM_UTF8):
        return UTF8
    try:
        data.decode(UTF8)
        return UTF8
    except UnicodeDecodeError:
        pass
    readings = list(from_bytes(data, cp_isolation=list(CANDIDATES)))
    if not readings:
        return None
    best = min(reading.chaos for reading in readings)
    tied = {
        name
        for reading in readings
        if reading.chaos <= best + CHAOS_TIE
        for name in reading.could_be_from_charset
    }
    return next((name for name in CANDIDATES if name in tied), None)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of `data` and the encoding used: `encoding` when given, else detected."""
    chosen = encoding if encoding in encoding_labels() else detect_encoding(data)
    if chosen is None:
        raise UndecodableText(
            _("The file is not readable text; save it as CSV UTF-8 and try again.")
        )
    try:
        # utf-8-sig drops a BOM and reads plain UTF-8 the same.
        return data.decode("utf-8-sig" if chosen == UTF8 else chosen), chosen
    except UnicodeDecodeError as error:
        raise UndecodableText(
            _("The file cannot be read as %(encoding)s; choose another encoding.")
            % {"encoding": encoding_labels()[chosen]}
        ) from error
