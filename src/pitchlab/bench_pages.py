"""The pages other work added, timed by `pitchlab bench` with their SQL statements (issue 17).

Each page must run a constant number of statements whatever the portfolio's size; the
benchmark shows the count beside the time on the 2,000-company portfolio (see also
tests/test_statement_counts.py, which checks that the counts do not grow)."""

from sqlalchemy import select
from sqlmodel import Session

from .models import AgendaItem, Company, Document


def page_paths(engine) -> dict[str, str]:
    """A sample URL of each page, on the benchmark's data (after its documents are written)."""
    with Session(engine) as session:
        company_id = session.execute(select(Company.id).order_by(Company.id)).scalars().first()
        document_id = session.execute(select(Document.id).order_by(Document.id)).scalars().first()
        item = session.execute(select(AgendaItem).order_by(AgendaItem.id)).scalars().first()
    return {
        "company list (one page)": "/companies",
        "company page": f"/companies/{company_id}",
        "home": "/",
        "board": "/board",
        "search": "/search?q=gross%20margin",
        "document viewer": f"/documents/{document_id}",
        "worksheets": f"/companies/{company_id}/worksheets",
        "worksheet (AI COGS)": f"/companies/{company_id}/worksheets/ai-cogs",
        "meetings": "/meetings",
        "meeting (10 items)": f"/meetings/{item.meeting_id}",
        "IC presenter view": f"/meetings/{item.meeting_id}/items/{item.id}",
    }


def page_figures(app, counter, headers: dict, runs: int) -> dict:
    from .bench import _measure

    return {
        name: _measure(app, counter, path, headers, runs)
        for name, path in page_paths(app.state.engine).items()
    }


def report_pages(pages: dict, out) -> None:
    out(
        "pages: "
        + "; ".join(
            f"{name} {timing.median * 1000:.0f} ms, {timing.statements} statements"
            for name, timing in pages.items()
        )
    )
