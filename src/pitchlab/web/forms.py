"""Turn validation errors into one short, translated message per form field."""

from collections.abc import Mapping

from pydantic import ValidationError

from .i18n import gettext as _


def _message(error: Mapping) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in {"missing", "string_too_short"}:
        return _("This field is required.")
    if kind == "string_too_long":
        return _("At most %(count)s characters.") % {"count": ctx.get("max_length")}
    if kind == "too_long":
        return _("At most %(count)s items.") % {"count": ctx.get("max_length")}
    if kind.startswith("url"):
        return _("Enter a full web address, such as https://example.com.")
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("Enter a whole number.")
    if kind == "greater_than_equal":
        return _("Must be at least %(value)s.") % {"value": ctx.get("ge")}
    if kind == "value_error" and "founded_year_future" in str(ctx.get("error", "")):
        return _("A founding year cannot be in the future.")
    if kind == "enum":
        return _("Choose one of the listed options.")
    return _("This value is not valid.")


def field_errors(exc: ValidationError) -> dict[str, str]:
    """Map each invalid field (first error only) to a message a user can act on."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "__all__"
        errors.setdefault(field, _message(error))
    return errors
