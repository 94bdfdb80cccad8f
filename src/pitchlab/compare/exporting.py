"""One export path for the compare page, export jobs, the API and the CLI: load, compute, write."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session

from ..models import User
from ..worksheets.columns import headline_frame, with_worksheet_columns
from .citations import deck_citations, with_citation_column
from .comparison import OPTIONAL_TABLES, build_comparison
from .deal_terms import with_deal_columns
from .export import comparison_csv, comparison_json, comparison_xlsx
from .flags import with_panel_flags
from .loading import load_portfolio, with_loading_notes
from .selection import Selection

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": XLSX_MEDIA_TYPE,
    "pdf": "application/pdf",  # the report with charts (reports.portfolio, issue 14)
}
FORMATS = tuple(MEDIA_TYPES)
# The optional tables each format writes (the others are not computed).
TABLES_FOR = {"csv": {"raw_matrix"}, "pdf": {"agreement"}}
# Share of a job's progress bar reached after each step; writing fills the rest.
LOADED_PERCENT = 15
COMPUTED_PERCENT = 45

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    media_type: str

    @property
    def content_disposition(self) -> str:
        return f'attachment; filename="{self.filename}"'


def export_filename(fmt: str, *, anonymized: bool, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M")
    return f"pitchlab-comparison-{stamp}{'-anonymized' if anonymized else ''}.{fmt}"


def export_comparison(
    session: Session,
    selection: Selection,
    *,
    user: User | None,
    fmt: str,
    progress: Progress | None = None,
) -> ExportFile:
    """Build the comparison the user may see and write it as csv, json, xlsx or pdf.

    progress(percent, step) is called between steps; step names are untranslated keys the
    caller turns into words ("loading", "computing", "writing").
    """
    if fmt not in MEDIA_TYPES:
        raise ValueError(f"unknown export format {fmt!r}")
    report = progress or (lambda percent, step: None)
    report(0, "loading")
    portfolio = load_portfolio(session, selection, user=user)
    report(LOADED_PERCENT, "computing")
    comparison = build_comparison(
        portfolio.scores,
        pack_weights=selection.pack_weights,
        criterion_weights=selection.criterion_weights,
        excluded_for_conflict=portfolio.exclusions,
        anonymize=selection.anonymize,
        tables=TABLES_FOR.get(fmt, OPTIONAL_TABLES),
    )
    comparison = with_panel_flags(with_loading_notes(comparison, portfolio), portfolio)
    companies = [int(company_id) for company_id in comparison.summary["company_id"]]
    comparison = with_worksheet_columns(comparison, headline_frame(session, companies))
    comparison = with_deal_columns(comparison, portfolio.candidates, anonymize=selection.anonymize)
    citations = deck_citations(session, selection, portfolio)
    comparison = with_citation_column(comparison, citations)
    report(COMPUTED_PERCENT, "writing")
    if fmt == "xlsx":
        share = 100 - COMPUTED_PERCENT
        content = comparison_xlsx(
            comparison,
            on_sheet=lambda done, total: report(
                COMPUTED_PERCENT + share * done // total, "writing"
            ),
        )
    elif fmt == "csv":
        content = comparison_csv(comparison)
    elif fmt == "pdf":
        from ..reports.portfolio import comparison_pdf  # WeasyPrint loads Pango on import

        content = comparison_pdf(comparison)
    else:
        content = comparison_json(comparison)
    report(100, "done")
    return ExportFile(
        content=content,
        media_type=MEDIA_TYPES[fmt],
        filename=export_filename(fmt, anonymized=selection.anonymize),
    )
