"""Forms: the submitted fields, and validation errors as one translated message per field."""

from collections.abc import Mapping
from typing import Annotated

from fastapi import Depends, Request
from pydantic import ValidationError
from starlette.datastructures import FormData

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
    if kind == "value_error" and str(ctx.get("error", "")) in _value_messages():
        return _value_messages()[str(ctx.get("error"))]
    if kind.startswith("date"):
        return _("Enter a date as YYYY-MM-DD.")
    if kind == "enum":
        return _("Choose one of the listed options.")
    return _("This value is not valid.")


def _value_messages() -> dict[str, str]:
    # Deal terms (issue 13): money and currency problems, by the key the schema raises.
    return {
        "money_not_a_number": _("Enter an amount, such as 2,500,000 or 1500000.50."),
        "money_negative": _("An amount cannot be negative."),
        "money_too_large": _("This amount is too large."),
        "money_too_precise": _("Too many decimals for this currency."),
        "currency_unknown": _("Choose a currency code from the list (ISO 4217)."),
    }


def field_errors(exc: ValidationError) -> dict[str, str]:
    """Map each invalid field (first error only) to a message a user can act on."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "__all__"
        errors.setdefault(field, _message(error))
    return errors


def parse_number(raw: object) -> int | None:
    """A form's id, revision number or index: ASCII digits only ("²" is a digit to Python,
    and int("²") raises), short enough for any id column."""
    text = str(raw or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


async def read_form(request: Request) -> FormData:
    """The request's form, parsed once (Starlette keeps it on the request for later reads).

    One field may be as large as the whole body may be (the middleware caps the body). With
    Starlette's default of 1 MiB per field, a 1 MiB rationale or PR/FAQ section got a bare
    400 page before its own limit could answer with the inline 422 (issue 11).
    """
    return await request.form(max_part_size=request.app.state.settings.max_body_bytes)


async def submitted_form(request: Request) -> FormData:
    """The request's form, read on the event loop so that endpoints can be plain functions.

    A plain `def` endpoint runs in a worker thread, so its database calls never block the event
    loop (an async endpoint's did, and stalled every other request: issue 7's load test).
    """
    return await read_form(request)


FormDep = Annotated[FormData, Depends(submitted_form)]
