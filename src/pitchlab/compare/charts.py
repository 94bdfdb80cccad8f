"""Data for the compare page's charts, handed to static/js/compare.js as one JSON block.

The page's Content-Security-Policy allows no inline script, so the numbers travel in a
<script type="application/json"> element and a static file draws them with Chart.js. The block
also carries the translated texts that compare.js writes the matrix cells' tooltips with.
"""

import math

from ..web.i18n import gettext as _
from .comparison import PortfolioComparison
from .page import ComparePage, fmt

# Bars and strips for more companies than this stop being readable; the table has them all.
CHART_MAX_COMPANIES = 40
RADAR_MAX_COMPANIES = 4


def _number(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else round(value, 4)


def totals_sd(values: list[float]) -> float | None:
    """Sample standard deviation (statistics.stdev, exact with fractions, is ten times slower)."""
    if len(values) < 2:
        return None
    mean = math.fsum(values) / len(values)
    return round(
        math.sqrt(math.fsum((value - mean) ** 2 for value in values) / (len(values) - 1)), 4
    )


def evaluator_totals_by_company(
    comparison: PortfolioComparison, company_ids: list[int]
) -> dict[int, list[dict]]:
    """The charted companies' evaluator totals (the table holds every company's); the compare
    page's charts and the portfolio report's (reports.portfolio) read them here."""
    table = comparison.evaluator_totals
    table = table[table["company_id"].isin(company_ids)]
    found: dict[int, list[dict]] = {}
    for company_id, name, total in zip(
        table["company_id"].tolist(),
        table["evaluator_name"].tolist(),
        table["total"].tolist(),
        strict=False,
    ):
        found.setdefault(company_id, []).append({"name": name, "total": round(total, 4)})
    return found


def _packs(page: ComparePage) -> list[dict]:
    columns = [*page.pinned_columns, *(c for pack in page.packs for c in pack.columns)]
    packs = []
    for pack in page.packs:
        members = [c for c in columns if c.pack_key == pack.key]
        if members:
            packs.append(
                {
                    "key": pack.key,
                    "title": pack.title,
                    "criteria": [c.title for c in members],
                    "keys": [c.key for c in members],
                    "scale": [members[0].scale_min, members[0].scale_max],
                }
            )
    return packs


def chart_data(page: ComparePage) -> dict:
    """Companies in table order (pinned first) with totals, spreads and criterion means."""
    rows = page.rows[:CHART_MAX_COMPANIES]
    totals = evaluator_totals_by_company(page.comparison, [row.company_id for row in rows])
    packs = _packs(page)
    companies = []
    for row in rows:
        companies.append(
            {
                "id": row.company_id,
                "name": row.name,
                "rank": _number(row.summary["rank"]),
                "total": _number(row.summary["total"]),
                "sd": totals_sd([item["total"] for item in totals.get(row.company_id, [])]),
                "evaluators": totals.get(row.company_id, []),
                "radar": {
                    pack["key"]: [_number(row.means.get(key)) for key in pack["keys"]]
                    for pack in packs
                },
            }
        )
    return {
        "packs": packs,
        "companies": companies,
        "radarMax": RADAR_MAX_COMPANIES,
        "labels": {
            "total": _("Weighted total"),
            "errorBar": _("Error bars: ± one standard deviation of the evaluators' totals"),
            "evaluatorTotal": _("One evaluator's total"),
            "mean": _("Mean"),
            # Filled from each cell's data-stats; the flag reasons by data-flags name.
            "cellDetail": _(
                "Mean %(mean)s · median %(median)s · SD %(sd)s · range "
                "%(low)s–%(high)s · n = %(n)s · N/A: %(na)s"
            ),
            "flags": {
                "wide": _("Evaluators differ by two levels or more"),
                "outlier": _("A score lies more than two standard deviations from the others"),
            },
        },
    }


def chart_tables(charts: dict) -> list[dict]:
    """The charts' numbers as the tables under them show them, per charted company: two
    decimals, "—" when missing, each evaluator as "name total" joined by "; ". Formatted here
    rather than by a filter per number in the template (1,280 for 40 companies x 32 criteria);
    the chart data's JSON stays as it is."""
    return [
        {
            "name": company["name"],
            "total": fmt(company["total"]),
            "sd": fmt(company["sd"]),
            "evaluators": "; ".join(
                f"{evaluator['name']} {evaluator['total']:.2f}"
                for evaluator in company["evaluators"]
            ),
            "radar": {key: list(map(fmt, means)) for key, means in company["radar"].items()},
        }
        for company in charts["companies"]
    ]
