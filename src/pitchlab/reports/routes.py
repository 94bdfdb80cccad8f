"""Document downloads from the pages: a company's memo and one-pager, a meeting's pack."""

from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ..auth.deps import UserDep, require
from ..companies.deps import CompanyDep
from ..compare.export_routes import file_response
from ..db import SessionDep
from ..meetings.deps import MeetingDep
from ..permissions import Action
from ..web.i18n import gettext as _
from .files import as_file, company_memo, meeting_pack
from .memo import document_filename
from .one_pager import one_pager_html
from .pdf import PDF_MEDIA_TYPE, render_pdf

router = APIRouter(include_in_schema=False, dependencies=[Depends(require(Action.EXPORT))])
DocumentFormat = Literal["pdf", "docx"]


@router.get("/companies/{company_id}/memo")
def company_memo_file(
    session: SessionDep, user: UserDep, company: CompanyDep, format: DocumentFormat = "pdf"
) -> Response:
    """The IC memo of one company as the reader may see it (no scores when conflicted)."""
    memo = company_memo(session, user, company.id)
    if memo is None:
        raise HTTPException(404, _("No company with this id."))
    return file_response(as_file(memo, format, kind="memo", ident=company.id))


@router.get("/meetings/{meeting_id}/pack")
def meeting_pack_file(
    session: SessionDep, user: UserDep, meeting: MeetingDep, format: DocumentFormat = "pdf"
) -> Response:
    """The IC pack of a meeting: the agenda, then each company's memo, votes once revealed."""
    pack = meeting_pack(session, user, meeting)
    return file_response(as_file(pack, format, kind="pack", ident=meeting.id))


@router.get("/companies/{company_id}/one-pager")
def company_one_pager(
    request: Request,
    session: SessionDep,
    user: UserDep,
    company: CompanyDep,
    format: Literal["html", "pdf"] = "html",
) -> Response:
    """The company on one printed page: HTML to print from the browser, or its PDF."""
    if format == "html":
        return HTMLResponse(one_pager_html(session, user, company, for_pdf=False))
    content = render_pdf(one_pager_html(session, user, company, for_pdf=True))
    filename = document_filename("one-pager", company.id, "pdf")
    return Response(
        content,
        media_type=PDF_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
