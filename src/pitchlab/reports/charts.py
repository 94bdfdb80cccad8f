"""Chart geometry for printed documents: numbers in, coordinates out; the SVG itself is
written by templates/reports/_charts.html (WeasyPrint draws inline SVG).

The figures are the dossier's and the comparison's own (rank, rank interval, evaluators'
levels, totals with the spread compare.charts computes); nothing is recomputed here.
"""

from dataclasses import dataclass

from .render import clip

WIDTH = 480.0
LABEL_WIDTH = 130.0
ROW_HEIGHT = 16.0
TOP = 14.0
BOTTOM = 18.0
# Labels longer than this (in Latin-character widths; a Chinese character counts two) are cut.
LABEL_CHARS = 26


@dataclass(frozen=True)
class Mark:
    label: str
    y: float
    x: float | None  # the point (rank, total, level); None when there is none
    low: float | None = None  # the interval or whisker, when there is one
    high: float | None = None
    note: str = ""
    points: tuple[float, ...] = ()  # several values on one row (each evaluator's level)


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    left: float
    right: float
    marks: list[Mark]
    ticks: list[Tick]
    title: str


def _scale(low: float, high: float):
    span = (high - low) or 1.0
    left, right = LABEL_WIDTH, WIDTH - 12.0
    return lambda value: left + (value - low) / span * (right - left)


def _ticks(low: float, high: float, step: float, at) -> list[Tick]:
    ticks, value = [], low
    while value <= high + 1e-9:
        ticks.append(Tick(x=at(value), text=f"{value:g}"))
        value += step
    return ticks


def _chart(rows: list[dict], low: float, high: float, step: float, title: str) -> Chart:
    at = _scale(low, high)
    marks = [
        Mark(
            label=clip(row["label"], LABEL_CHARS),
            y=TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2,
            x=None if row.get("x") is None else at(row["x"]),
            low=None if row.get("low") is None else at(row["low"]),
            high=None if row.get("high") is None else at(row["high"]),
            note=row.get("note", ""),
            points=tuple(at(value) for value in row.get("points", ())),
        )
        for index, row in enumerate(rows)
    ]
    return Chart(
        width=WIDTH,
        height=TOP + len(rows) * ROW_HEIGHT + BOTTOM,
        left=LABEL_WIDTH,
        right=WIDTH - 12.0,
        marks=marks,
        ticks=_ticks(low, high, step, at),
        title=title,
    )


def rank_chart(
    rows: list[tuple[str, int | None, int | None, int | None]], n_ranked: int, title: str
):
    """Point rank and bootstrap rank interval per company, rank 1 on the left.

    rows: (label, rank, rank_low, rank_high)."""
    n = max(n_ranked, 1)
    step = max(1, round(n / 8))
    return _chart(
        [
            {"label": label, "x": rank, "low": low, "high": high, "note": f"{rank}" if rank else ""}
            for label, rank, low, high in rows
        ],
        1,
        n,
        step,
        title,
    )


def level_chart(criteria: list[tuple[str, list[float | None]]], title: str) -> Chart:
    """Each evaluator's level on each disputed criterion, one row per criterion (N/A answers
    are in the tables below the chart, not drawn). criteria: (title, levels)."""
    drawn = [value for _title, levels in criteria for value in levels if value is not None]
    return _chart(
        [
            {"label": label, "points": [value for value in levels if value is not None]}
            for label, levels in criteria
        ],
        min([0.0, *drawn]),
        max([4.0, *drawn]),
        1,
        title,
    )


def bar_chart(rows: list[tuple[str, float | None, float | None]], title: str) -> Chart:
    """Weighted totals as bars from zero with ± one SD whiskers; rows: (label, total, sd)."""
    values = [total + (sd or 0) for _label, total, sd in rows if total is not None]
    high = max([1.0, *values])
    step = 1.0 if high <= 8 else float(round(high / 6)) or 1.0
    return _chart(
        [
            {
                "label": label,
                "x": total,
                "low": None if total is None or sd is None else max(total - sd, 0.0),
                "high": None if total is None or sd is None else total + sd,
                "note": "" if total is None else f"{total:.2f}",
            }
            for label, total, sd in rows
        ],
        0.0,
        high,
        step,
        title,
    )
