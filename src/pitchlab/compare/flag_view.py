"""What the compare page shows of the panel flags (issue 15): a table row per company with its
deal-breakers, insufficient evidence and valuations, and one range chart per valuation pack and
currency (panel median and range), drawn as SVG by the template."""

import math
from dataclasses import dataclass, field

from .flags import PanelFacts
from .page import ComparePage

CHART_WIDTH = 420
ROW_HEIGHT = 24


@dataclass(frozen=True)
class ValuationCell:
    pack_key: str
    median: float | None
    low: float | None
    high: float | None
    currency: str
    note: str


@dataclass(frozen=True)
class FlagRow:
    company_id: int
    name: str
    deal_breaker: bool
    reasons: str
    insufficient: int
    insufficient_flag: bool
    valuations: list[ValuationCell]


@dataclass
class RangeChart:
    """One pack's valuations in one currency: x positions of low, median and high per row."""

    pack_key: str
    title: str
    currency: str
    scale_max: float
    bars: list[dict] = field(default_factory=list)

    @property
    def height(self) -> int:
        return len(self.bars) * ROW_HEIGHT + ROW_HEIGHT


def _number(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def flag_rows(page: ComparePage, facts: PanelFacts) -> list[FlagRow]:
    rows = []
    for row in page.rows:
        summary = row.summary
        cells = [
            ValuationCell(
                pack_key=pack.key,
                median=_number(summary.get(f"{pack.key}_median")),
                low=_number(summary.get(f"{pack.key}_low")),
                high=_number(summary.get(f"{pack.key}_high")),
                currency=summary.get(f"{pack.key}_currency") or "",
                note=summary.get(f"{pack.key}_note") or "",
            )
            for pack in facts.valuation_packs
        ]
        rows.append(
            FlagRow(
                company_id=row.company_id,
                name=row.name,
                deal_breaker=bool(summary.get("deal_breaker")),
                reasons=summary.get("deal_breaker_reasons") or "",
                insufficient=int(summary.get("n_insufficient") or 0),
                insufficient_flag=bool(summary.get("insufficient_flag")),
                valuations=cells,
            )
        )
    return rows


def range_charts(rows: list[FlagRow], facts: PanelFacts) -> list[RangeChart]:
    """Per valuation pack and currency, the companies with a panel valuation."""
    charts: dict[tuple[str, str], RangeChart] = {}
    titles = {pack.key: pack.title for pack in facts.valuation_packs}
    for row in rows:
        for cell in row.valuations:
            if cell.median is None:
                continue
            chart = charts.setdefault(
                (cell.pack_key, cell.currency),
                RangeChart(cell.pack_key, titles[cell.pack_key], cell.currency, 0.0),
            )
            chart.scale_max = max(chart.scale_max, cell.high)
            chart.bars.append({"name": row.name, "cell": cell})
    for chart in charts.values():
        for bar in chart.bars:
            cell = bar["cell"]
            bar.update(
                x_low=round(cell.low / chart.scale_max * CHART_WIDTH, 1),
                x_high=round(cell.high / chart.scale_max * CHART_WIDTH, 1),
                x_median=round(cell.median / chart.scale_max * CHART_WIDTH, 1),
            )
    return list(charts.values())
