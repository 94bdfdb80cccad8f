"""How worksheet numbers are shown: exact Decimals rounded only for display."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def amount(value: Decimal | None, currency: str | None = None) -> str:
    """Money as shown: two decimals (half up), thousands separated, with its currency code."""
    if value is None:
        return "—"
    text = f"{Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP):,}"
    return f"{text} {currency}" if currency else text


def pct(value: Decimal | None) -> str:
    """A percentage as computed (already rounded to its places), or a dash."""
    return "—" if value is None else f"{value}%"
