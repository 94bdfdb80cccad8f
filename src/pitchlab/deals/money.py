"""Money on a deal: exact amounts in minor units of an ISO 4217 currency, shown per locale.

Amounts are entered in major units ("2,500,000" or "1.5"), stored as integers in minor units
(cents, fen; none for yen) and formatted with Babel in the reader's locale, always in the
currency they were entered in. Sums are kept per currency: adding yuan to dollars is refused
by construction (`totals_by_currency`), never done silently.
"""

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from babel import Locale
from babel.numbers import format_currency, get_currency_precision, list_currencies

from ..web.i18n import get_locale

COMMON_CURRENCIES = ("USD", "CNY", "EUR", "GBP", "JPY", "HKD", "SGD", "INR", "CHF", "CAD")
CURRENCIES = tuple([*COMMON_CURRENCIES, *sorted(set(list_currencies()) - set(COMMON_CURRENCIES))])
# Largest amount accepted, in major units: more than any round, well inside a 64-bit integer.
MAX_MAJOR = Decimal(10) ** 13
BABEL_LOCALES = {"en": "en", "zh": "zh_Hans_CN"}


class MoneyError(ValueError):
    """Text that is not an amount in the given currency; the message key says why."""


def is_currency(code: str) -> bool:
    return code in CURRENCIES


def parse_major(raw: object, currency: str) -> int | None:
    """Text or a number in major units -> minor units; blank is None. Refuses floats' noise:
    more decimals than the currency has, negatives, and absurd sizes."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, float):
        raw = repr(raw)
    text = str(raw).strip().replace(",", "").replace("_", "").replace(" ", "")
    try:
        amount = Decimal(text)
    except InvalidOperation as error:
        raise MoneyError("money_not_a_number") from error
    if not amount.is_finite():
        raise MoneyError("money_not_a_number")
    if amount < 0:
        raise MoneyError("money_negative")
    if amount >= MAX_MAJOR:
        raise MoneyError("money_too_large")
    digits = get_currency_precision(currency)
    minor = amount.scaleb(digits)
    if minor != minor.to_integral_value():
        raise MoneyError("money_too_precise")
    return int(minor)


def to_major(minor: int | None, currency: str) -> Decimal | None:
    """Minor units -> an exact Decimal in major units."""
    if minor is None:
        return None
    return Decimal(minor).scaleb(-get_currency_precision(currency))


def major_text(minor: int | None, currency: str) -> str:
    """The amount as a form shows it for editing: plain digits, no grouping."""
    amount = to_major(minor, currency)
    return "" if amount is None else format(amount, "f")


def format_money(minor: int | None, currency: str, locale: str | None = None) -> str:
    """The amount in its own currency with the reader's separators; "—" when unknown."""
    if minor is None:
        return "—"
    return _formatted(minor, currency, BABEL_LOCALES.get(locale or get_locale(), "en"))


# Text of the amounts formatted lately: Babel takes 12 us an amount, and compare shows up to
# 600 a page, the same ones on every view (issue 17). The text depends on nothing but the
# arguments, so a remembered one is never stale.
FORMATTED_AMOUNTS = 4096


@lru_cache(maxsize=FORMATTED_AMOUNTS)
def _formatted(minor: int, currency: str, locale_name: str) -> str:
    return format_currency(to_major(minor, currency), currency, locale=_babel_locale(locale_name))


@cache
def _babel_locale(name: str) -> Locale:
    # Parsed once: parsing the name on every call was half of each amount's formatting,
    # and compare formats three amounts per company (issue 17).
    return Locale.parse(name)


def totals_by_currency(amounts: Iterable[tuple[int | None, str]]) -> dict[str, int]:
    """Sum (minor units, currency) pairs per currency; unknown amounts are skipped."""
    totals: dict[str, int] = {}
    for minor, currency in amounts:
        if minor is not None:
            totals[currency] = totals.get(currency, 0) + minor
    return dict(sorted(totals.items()))
