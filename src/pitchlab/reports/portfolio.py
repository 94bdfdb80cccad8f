"""The portfolio comparison as a PDF report (issue 14), beside its CSV, XLSX and JSON: the
ranking with the compare page's numbers, its charts (totals with the evaluators' spread, rank
intervals), the agreement per criterion and the methodology sheet."""

import pandas as pd

from ..compare.charts import CHART_MAX_COMPANIES, evaluator_totals_by_company, totals_sd
from ..compare.comparison import PortfolioComparison
from ..web.i18n import gettext as _
from .charts import bar_chart, rank_chart
from .pdf import render_pdf
from .render import document_html, generated_stamp
from .rows import DASH, Table

# A report is read, not searched: past this many rows the XLSX is the place for the rest.
REPORT_MAX_COMPANIES = 200


def _value(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _text(value, pattern: str = "%.2f") -> str:
    number = _value(value)
    return DASH if number is None else pattern % number


def _summary_table(records: list[dict]) -> Table:
    return Table(
        headers=[
            _("Rank"),
            _("Company"),
            _("Weighted total"),
            _("Calibrated total"),
            _("Rank interval"),
            _("Evaluators"),
            _("Disagreements"),
        ],
        rows=[
            [
                _text(row["rank"], "%d"),
                str(row["company_name"]),
                _text(row["total"]),
                _text(row["calibrated_total"]),
                DASH
                if _value(row["rank_low"]) is None
                else f"{_text(row['rank_low'], '%d')}–{_text(row['rank_high'], '%d')}",
                str(row["n_evaluators"]),
                str(row["n_disagreements"]),
            ]
            for row in records
        ],
        numeric=frozenset({0, 2, 3, 4, 5, 6}),
        widths=(8, 30, 12, 12, 14, 12, 12),
    )


def _agreement_table(comparison: PortfolioComparison) -> Table | None:
    agreement = comparison.agreement
    if agreement is None or agreement.empty:
        return None
    return Table(
        headers=[_("Pack"), _("Criterion"), _("Krippendorff's alpha"), _("Reading")],
        rows=[
            [
                str(row["pack_key"]),
                str(row["criterion_title"]),
                _text(row["alpha"]),
                str(row["reading"]),
            ]
            for row in agreement.to_dict(orient="records")
        ],
        numeric=frozenset({2}),
        widths=(18, 52, 12, 18),
    )


def portfolio_html(comparison: PortfolioComparison, *, for_pdf: bool = True) -> str:
    records = comparison.summary.to_dict(orient="records")
    charted = records[:CHART_MAX_COMPANIES]
    totals = evaluator_totals_by_company(comparison, [int(row["company_id"]) for row in charted])
    ranked = [row for row in charted if _value(row["rank"]) is not None]
    n_ranked = sum(1 for row in records if _value(row["rank"]) is not None)
    return document_html(
        "reports/portfolio.html",
        {
            "n_companies": len(records),
            "n_shown": min(len(records), REPORT_MAX_COMPANIES),
            "n_charted": len(charted),
            "summary": _summary_table(records[:REPORT_MAX_COMPANIES]),
            "totals_chart": bar_chart(
                [
                    (
                        str(row["company_name"]),
                        _value(row["total"]),
                        totals_sd(
                            [item["total"] for item in totals.get(int(row["company_id"]), [])]
                        ),
                    )
                    for row in charted
                ],
                _("Weighted total; whiskers: ± one standard deviation of the evaluators' totals"),
            ),
            "rank_chart": rank_chart(
                [
                    (
                        str(row["company_name"]),
                        int(row["rank"]),
                        None if _value(row["rank_low"]) is None else int(row["rank_low"]),
                        None if _value(row["rank_high"]) is None else int(row["rank_high"]),
                    )
                    for row in ranked
                ],
                n_ranked,
                _("Rank with its bootstrap interval (1 = best)"),
            )
            if ranked
            else None,
            "agreement": _agreement_table(comparison),
            "methodology": list(comparison.methodology.itertuples(index=False, name=None)),
            "generated_at": generated_stamp(),
        },
        for_pdf=for_pdf,
    )


def comparison_pdf(comparison: PortfolioComparison) -> bytes:
    return render_pdf(portfolio_html(comparison))
