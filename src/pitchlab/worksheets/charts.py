"""Bar-chart geometry for server-rendered SVG (pure: the template only draws the rectangles).

The page's Content-Security-Policy allows no inline script, so charts are SVG computed here
and re-rendered by htmx as fields change. Values may be negative (a margin below zero): the
axis runs from min(floor, lowest) to max(ceiling, highest), and the baseline is drawn.
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT, LABEL_SPACE, TOP = 560, 220, 44, 16
PLOT = HEIGHT - LABEL_SPACE - TOP


@dataclass(frozen=True)
class Bar:
    label: str
    text: str  # the value as shown above the bar
    kind: str  # a CSS hook: good, bad, neutral, muted
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    zero_y: float
    reference: tuple[float, str] | None  # (y, label) of a horizontal reference line
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def label_y(self) -> float:
        return HEIGHT - LABEL_SPACE + 14


def bar_chart(
    title: str,
    items: list[tuple[str, Decimal | None, str, str]],
    *,
    reference: tuple[Decimal, str] | None = None,
    floor: Decimal = Decimal(0),
    ceiling: Decimal | None = None,
) -> BarChart:
    """Bars for (label, value, shown text, kind) items; a None value draws no bar."""
    numbers = [value for _label, value, _text, _kind in items if value is not None]
    if reference is not None:
        numbers.append(reference[0])
    low = min([floor, *numbers])
    high = max([ceiling or Decimal(0), *numbers, low + 1])
    span = float(high - low)

    def y_of(value: Decimal) -> float:
        return round(TOP + PLOT * float(high - value) / span, 1)

    slot = WIDTH / max(len(items), 1)
    # Bars grow from zero, or from the floor when the axis starts above zero (a ladder's
    # results all near 100%: a truncated axis, its values written above the bars).
    zero_y = y_of(max(low, Decimal(0)))
    bars = []
    for index, (label, value, shown, kind) in enumerate(items):
        top = y_of(value) if value is not None else zero_y
        bars.append(
            Bar(
                label=label,
                text=shown,
                kind=kind,
                x=round(index * slot + slot * 0.15, 1),
                y=min(top, zero_y),
                width=round(slot * 0.7, 1),
                height=abs(zero_y - top),
            )
        )
    line = (y_of(reference[0]), reference[1]) if reference is not None else None
    return BarChart(title=title, bars=tuple(bars), zero_y=zero_y, reference=line)
