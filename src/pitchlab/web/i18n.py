"""Interface translations (gettext catalogs compiled from .po at start-up) and the locale."""

from contextvars import ContextVar
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from ..paths import TRANSLATIONS_DIR

DEFAULT_LOCALE = "en"
# The locales the interface speaks, with their names in their own language.
SUPPORTED_LOCALES = {"en": "English", "zh": "简体中文"}
LOCALE_COOKIE = "pitchlab_locale"

_current_locale: ContextVar[str] = ContextVar("pitchlab_locale", default=DEFAULT_LOCALE)
_catalogs: dict[str, NullTranslations] = {}


def _compile_catalog(po_path: Path) -> Translations:
    # Compiling in memory keeps binary .mo files out of the repository.
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def load_catalogs(directory: Path = TRANSLATIONS_DIR) -> None:
    """Compile every supported locale's catalog once per process."""
    for locale in SUPPORTED_LOCALES:
        po_path = directory / locale / "LC_MESSAGES" / "messages.po"
        _catalogs[locale] = _compile_catalog(po_path) if po_path.exists() else NullTranslations()


def set_locale(locale: str) -> None:
    _current_locale.set(locale if locale in SUPPORTED_LOCALES else DEFAULT_LOCALE)


def get_locale() -> str:
    return _current_locale.get()


def catalog_key() -> tuple[str, int]:
    """The current locale and its loaded catalog: a key for caching translated texts."""
    locale = get_locale()
    return locale, id(_catalogs.get(locale))


def gettext(message: str) -> str:
    """Translate `message` into the current request's locale."""
    catalog = _catalogs.get(get_locale())
    return catalog.gettext(message) if catalog else message


def ngettext(singular: str, plural: str, count: int) -> str:
    catalog = _catalogs.get(get_locale())
    if catalog is None:
        return singular if count == 1 else plural
    return catalog.ngettext(singular, plural, count)


def negotiate_locale(*, cookie: str | None, accept_language: str | None) -> str:
    """Pick the locale from the user's explicit choice, else the browser's languages."""
    if cookie in SUPPORTED_LOCALES:
        return cookie
    if accept_language:
        preferred = [
            part.split(";")[0].strip().replace("-", "_") for part in accept_language.split(",")
        ]
        try:
            chosen = Locale.negotiate(preferred, list(SUPPORTED_LOCALES), sep="_")
        except (UnknownLocaleError, ValueError):
            chosen = None
        if chosen is not None:
            return chosen.language
    return DEFAULT_LOCALE


def localized(text: dict | str | None, locale: str | None = None) -> str:
    """Pick the current locale's side of a bilingual {en, zh} text, falling back to English."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if hasattr(text, "model_dump"):  # a pack file's Text model
        text = text.model_dump()
    locale = locale or get_locale()
    return text.get(locale) or text.get(DEFAULT_LOCALE) or next(iter(text.values()), "")
