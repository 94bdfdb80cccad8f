"""Data for the compare page's charts, handed to static/js/compare.js as one JSON block.

The page's Content-Security-Policy allows no inline script, so the numbers travel in a
<script type="application/json"> element and a static file draws them with Chart.js.
"""

import math
import statistics

from ..web.i18n import gettext as _
from .page import ComparePage

# Bars and strips for more companies than this stop being readable; the table has them all.
CHART_MAX_COMPANIES = 40
RADAR_MAX_COMPANIES = 4


def _number(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else round(value, 4)


def _evaluator_totals(page: ComparePage) -> dict[int, list[dict]]:
    table = page.comparison.evaluator_scores
    found: dict[int, list[dict]] = {}
    for company_id, name, total in zip(table["company_id"], table["evaluator_name"],
                                       table["total"]):
        if _number(total) is not None:
            found.setdefault(int(company_id), []).append({"name": name, "total": _number(total)})
    return found


def _packs(page: ComparePage) -> list[dict]:
    columns = [*page.pinned_columns, *(c for pack in page.packs for c in pack.columns)]
    packs = []
    for pack in page.packs:
        members = [c for c in columns if c.pack_key == pack.key]
        if members:
            packs.append({"key": pack.key, "title": pack.title,
                          "criteria": [c.title for c in members], "keys": [c.key for c in members],
                          "scale": [members[0].scale_min, members[0].scale_max]})
    return packs


def chart_data(page: ComparePage) -> dict:
    """Companies in table order (pinned first) with totals, spreads and criterion means."""
    totals = _evaluator_totals(page)
    packs = _packs(page)
    companies = []
    for row in page.rows[:CHART_MAX_COMPANIES]:
        given = [item["total"] for item in totals.get(row.company_id, [])]
        companies.append({
            "id": row.company_id, "name": row.name, "rank": _number(row.summary["rank"]),
            "total": _number(row.summary["total"]),
            "sd": round(statistics.stdev(given), 4) if len(given) > 1 else None,
            "evaluators": totals.get(row.company_id, []),
            "radar": {pack["key"]: [_number(row.cells[key].mean) if key in row.cells else None
                                    for key in pack["keys"]] for pack in packs},
        })
    return {
        "packs": packs, "companies": companies, "radarMax": RADAR_MAX_COMPANIES,
        "labels": {
            "total": _("Weighted total"),
            "errorBar": _("Error bars: ± one standard deviation of the evaluators' totals"),
            "evaluatorTotal": _("One evaluator's total"),
            "mean": _("Mean"),
        },
    }
