"""Worksheet fields and their validation (pure: no HTTP, no database).

A worksheet is a flat mapping of field name -> text, as a form posts it and as the database
stores it. Numbers are kept as their canonical decimal text (never floats) so that a saved
worksheet reads back exactly; `validate` turns the text into `Decimal`s and `int`s and names
every problem beside its field.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..web.i18n import gettext as _

CURRENCIES = ("USD", "EUR", "CNY", "GBP")
TEXT_MAX = 2_000
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # all but tab and newlines
MONEY_MAX = Decimal("1000000000000")  # a trillion in any currency: beyond it, a typo


@dataclass(frozen=True)
class Field:
    """One field: `kind` is text, choice, int, decimal, money or percent. Labels and units are
    bilingual {"en", "zh"} texts shown with the `localized` filter."""

    name: str
    kind: str
    label: dict
    unit: dict | None = None
    choices: tuple[tuple[str, dict], ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    places: int = 4
    required: bool = False
    help: dict | None = None
    group: str = ""

    @property
    def numeric(self) -> bool:
        return self.kind in {"int", "decimal", "money", "percent"}


def money(name: str, label: dict, unit: dict | None = None, **extra) -> Field:
    return Field(name, "money", label, unit=unit, minimum=Decimal(0), maximum=MONEY_MAX, **extra)


def percent(name: str, label: dict, **extra) -> Field:
    extra.setdefault("minimum", Decimal(0))
    extra.setdefault("maximum", Decimal(100))
    return Field(name, "percent", label, unit={"en": "%", "zh": "%"}, places=2, **extra)


def text(name: str, label: dict, **extra) -> Field:
    return Field(name, "text", label, **extra)


def currency_field() -> Field:
    return Field(
        "currency",
        "choice",
        {"en": "Currency", "zh": "币种"},
        choices=tuple((code, {"en": code, "zh": code}) for code in CURRENCIES),
        required=True,
    )


@dataclass
class Parsed:
    """A worksheet's submitted fields: typed `values`, the `raw` text to show again, and
    `errors` by field name (empty when everything is valid)."""

    values: dict = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def stored(self) -> dict[str, str]:
        """What the database keeps: the canonical text of every non-empty field."""
        return {name: _canonical(value) for name, value in self.values.items() if value is not None}


def _canonical(value) -> str:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


def _number(spec: Field, text: str) -> tuple[Decimal | int | None, str | None]:
    cleaned = text.replace(",", "").replace("_", "").replace(" ", "")
    if spec.kind == "percent":
        cleaned = cleaned.removesuffix("%")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not cleaned.isascii():
        if spec.kind == "int":
            return None, _("Enter a whole number, such as 1200.")
        return None, _("Enter a number, such as 12.5.")
    if spec.kind == "int" and number != number.to_integral_value():
        return None, _("Enter a whole number, such as 1200.")
    if spec.kind != "int" and -number.as_tuple().exponent > spec.places:
        return None, _("Use at most %(places)s decimal places.") % {"places": spec.places}
    return _in_range(spec, number)


def _in_range(spec: Field, number: Decimal) -> tuple[Decimal | int | None, str | None]:
    low, high = spec.minimum, spec.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        if spec.kind == "percent":
            message = _("Enter a percentage from %(low)s to %(high)s.")
        else:
            message = _("Enter a value from %(low)s to %(high)s.")
        return None, message % {"low": _canonical(low), "high": f"{high:,}"}
    return (int(number) if spec.kind == "int" else number), None


def _one(spec: Field, text: str) -> tuple[object, str | None]:
    if text == "":
        return None, (_("This field is required.") if spec.required else None)
    if spec.kind == "text":
        if len(text) > TEXT_MAX:
            return None, _("At most %(count)s characters.") % {"count": TEXT_MAX}
        if CONTROL_CHARACTERS.search(text):
            return None, _("Remove the control characters from this text.")
        return text, None
    if spec.kind == "choice":
        if text not in {key for key, _label in spec.choices}:
            return None, _("Choose one of the listed options.")
        return text, None
    return _number(spec, text)


def validate(fields: Iterable[Field], submitted: Mapping[str, object]) -> Parsed:
    """Check every field of `submitted`; unknown names are ignored, missing ones are empty."""
    parsed = Parsed()
    for spec in fields:
        raw_value = submitted.get(spec.name)
        text_value = "" if raw_value is None else str(raw_value).strip()
        parsed.raw[spec.name] = text_value
        value, problem = _one(spec, text_value)
        parsed.values[spec.name] = value
        if problem:
            parsed.errors[spec.name] = problem
    return parsed


def stored_values(fields: Iterable[Field], data: Mapping[str, str]) -> dict | None:
    """Typed values of data that `validate` already accepted when it was saved: a fast path
    for reading thousands of worksheets at once (compare). None if anything fails to convert;
    then the caller treats the worksheet as not filled in."""
    values = {}
    try:
        for spec in fields:
            text_value = data.get(spec.name)
            if text_value is None or text_value == "":
                values[spec.name] = None
            elif spec.kind == "int":
                values[spec.name] = int(text_value)
            elif spec.numeric:
                values[spec.name] = Decimal(text_value)
            else:
                values[spec.name] = text_value
    except (ValueError, InvalidOperation):
        return None
    return values
