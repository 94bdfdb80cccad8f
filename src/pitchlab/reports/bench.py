"""Issue 14's figure for `pitchlab bench`: a 10-company IC pack as PDF, end to end through the
route (dossiers of the agenda over the whole generated portfolio, then WeasyPrint)."""

from datetime import date

import pypdfium2 as pdfium
from sqlmodel import Session, col, select

from ..models import AgendaItem, Company, Meeting, MeetingAttendee

TARGET_PACK_S = 10.0
PACK_COMPANIES = 10


def add_bench_meeting(engine, admin_id: int, companies: int = PACK_COMPANIES) -> int:
    """A meeting chaired by the admin with the first `companies` companies on its agenda."""
    with Session(engine) as session:
        ids = session.exec(select(Company.id).order_by(col(Company.id)).limit(companies)).all()
        meeting = Meeting(
            title="Bench IC", held_on=date.today(), chair_id=admin_id, created_by_id=admin_id
        )
        session.add(meeting)
        session.flush()
        session.add(MeetingAttendee(meeting_id=meeting.id, user_id=admin_id))
        for position, company_id in enumerate(ids):
            session.add(
                AgendaItem(
                    meeting_id=meeting.id,
                    company_id=company_id,
                    position=position,
                    presenter_id=admin_id,
                )
            )
        session.commit()
        return meeting.id


def pack_figures(app, counter, headers: dict, meeting_id: int, runs: int) -> dict:
    """Seconds for the pack's PDF (median), its pages and size, its SQL statements."""
    from ..bench import _get, _measure

    path = f"/meetings/{meeting_id}/pack?format=pdf"
    status, body = _get(app, path, headers)  # warm-up: WeasyPrint's fonts, the CJK faces
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}: {body[:300]!r}")
    timing = _measure(app, counter, path, headers, max(1, runs // 2))
    document = pdfium.PdfDocument(body)
    pages = len(document)
    document.close()
    return {"pack": timing, "pack_pages": pages}


def report_pack(figures: dict, out, mark) -> None:
    pack = figures["pack"]
    out(
        f"IC pack of {PACK_COMPANIES} companies as PDF ({figures['pack_pages']} pages, "
        f"{pack.size_bytes / 1024:.0f} KiB, {pack.statements} statements): "
        f"{pack.median:.2f} s median of {len(pack.seconds)} "
        f"[target < {TARGET_PACK_S:g} s: {mark(pack.median < TARGET_PACK_S)}]"
    )
