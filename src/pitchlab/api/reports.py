"""IC documents through the JSON API: a company's memo and a meeting's pack, as PDF or DOCX."""

from typing import Literal

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from ..auth.deps import UserDep
from ..compare.export_routes import file_response
from ..db import RowId, SessionDep
from ..meetings.deps import get_meeting
from ..reports.files import DOCX_MEDIA_TYPE, as_file, company_memo, meeting_pack
from ..reports.pdf import PDF_MEDIA_TYPE
from ..web.i18n import gettext as _

router = APIRouter(tags=["documents"])
FILES = {
    200: {
        "description": "The document",
        "content": {PDF_MEDIA_TYPE: {}, DOCX_MEDIA_TYPE: {}},
    },
    404: {"description": "No such company or meeting"},
}


@router.get("/companies/{company_id}/memo", response_class=Response, responses=FILES)
def memo(
    session: SessionDep, user: UserDep, company_id: RowId, format: Literal["pdf", "docx"] = "pdf"
) -> Response:
    """The IC memo of one company: summary and deal terms, decision, scores with charts,
    disagreements with rationales, valuations, technical-debt share, PR/FAQ summary, deck
    highlights, open questions, comments and the methodology. A caller conflicted with the
    company gets it without scores, rationales, valuations, maps or PR/FAQ."""
    document = company_memo(session, user, company_id)
    if document is None:
        raise HTTPException(404, _("No company with this id."))
    return file_response(as_file(document, format, kind="memo", ident=company_id))


@router.get("/meetings/{meeting_id}/pack", response_class=Response, responses=FILES)
def pack(
    session: SessionDep, user: UserDep, meeting_id: RowId, format: Literal["pdf", "docx"] = "pdf"
) -> Response:
    """The IC pack of a meeting: its agenda, then each company's memo in agenda order, with
    the votes once the chair revealed them and the decision once taken."""
    meeting = get_meeting(meeting_id, session)
    return file_response(
        as_file(meeting_pack(session, user, meeting), format, kind="pack", ident=meeting_id)
    )
