"""PR/FAQ drafts through the JSON API: list what the caller may read, read or export one,
rename, archive or restore one."""

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response
from pydantic import BaseModel

from ..auth.deps import UserDep
from ..db import RowId, SessionDep
from ..models import Company, PrfaqTemplate
from ..pagination import MAX_PAGE_SIZE
from ..prfaq.deps import DraftDep, WritableDraftDep, refuse_if_archived, refuse_unless_archiver
from ..prfaq.exports import DOCX_TYPE, MEDIA_TYPES, export_file
from ..prfaq.library import draft_template
from ..prfaq.schemas import DraftPatch
from ..prfaq.store import Content, get_revision, update_draft, visible_drafts
from ..prfaq.views import build_view

router = APIRouter(prefix="/prfaqs", tags=["prfaqs"])
FORBIDDEN = {"description": "The caller declared a conflict of interest with the company"}


class DraftSummary(BaseModel):
    id: int
    company_id: int
    company_name: str
    title: str
    language: str
    template_key: str
    template_version: int
    current_revision: int
    updated_at: datetime
    archived: bool
    archived_at: datetime | None


class DraftPage(BaseModel):
    items: list[DraftSummary]
    total: int
    page: int
    page_size: int
    pages: int


class FindingOut(BaseModel):
    part: str
    kind: str
    severity: str
    message: str


class DraftOut(DraftSummary):
    revision: int
    sections: dict[str, str]
    faqs: dict[str, list[dict[str, str]]]
    findings: list[FindingOut]


EXPORT_RESPONSES = {
    200: {
        "model": DraftOut,
        "content": {"text/markdown": {}, "text/html": {}, DOCX_TYPE: {}},
        "description": "The draft as JSON, or as a file for format=md|html|docx",
    },
    403: FORBIDDEN,
    404: {"description": "No such draft or revision"},
}


def _summary(draft, company, template) -> DraftSummary:
    return DraftSummary(
        id=draft.id,
        company_id=company.id,
        company_name=company.name,
        title=draft.title,
        language=draft.language,
        template_key=template.key,
        template_version=template.version,
        current_revision=draft.current_revision,
        updated_at=draft.updated_at,
        archived=draft.archived_at is not None,
        archived_at=draft.archived_at,
    )


@router.get("", response_model=DraftPage)
def list_drafts(
    session: SessionDep,
    user: UserDep,
    company_id: RowId | None = None,
    q: Annotated[str, Query(max_length=200)] = "",
    archived: bool = False,
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
) -> DraftPage:
    """The drafts the caller may read (none of a company they are conflicted with), newest first;
    `archived=true` lists the archived ones instead, as for companies."""
    result = visible_drafts(
        session,
        user,
        company_id=company_id,
        search=q,
        archived=archived,
        page=page,
        page_size=page_size,
    )
    return DraftPage(
        items=[_summary(*row) for row in result.items],
        total=result.total,
        page=result.page,
        page_size=result.page_size,
        pages=result.pages,
    )


@router.get("/{draft_id}", responses=EXPORT_RESPONSES, response_model=None)
def read_draft(
    session: SessionDep,
    draft: DraftDep,
    format: Literal["json", "md", "html", "docx"] = "json",
    revision: RowId | None = None,
) -> DraftOut | Response:
    """One draft (its newest revision, or `revision`) as JSON with its completeness findings,
    or exported as Markdown, standalone HTML or DOCX in the draft's language."""
    row = get_revision(session, draft.id, revision or draft.current_revision)
    if row is None:
        raise HTTPException(404, "This draft has no revision with this number.")
    if format in MEDIA_TYPES:
        exported = export_file(draft_template(session, draft), draft, row, format)
        return Response(
            exported.content,
            media_type=exported.media_type,
            headers={"Content-Disposition": exported.disposition},
        )
    view = build_view(session, draft, Content.of(row), revision=row.number)
    content = Content.of(row)
    return DraftOut(
        **_summary(draft, view.company, view.template_row).model_dump(),
        revision=row.number,
        sections=content.sections,
        faqs=content.faqs,
        findings=[
            FindingOut(part=f.part, kind=f.kind, severity=f.severity, message=f.message)
            for f in view.findings
        ],
    )


@router.patch(
    "/{draft_id}",
    response_model=DraftSummary,
    responses={
        403: {
            "description": "A viewer, a conflicted caller, or archiving someone else's draft "
            "without being a partner or admin"
        },
        404: {"description": "No such draft"},
        409: {"description": "The draft is archived: restore it (archived: false) to rename it"},
    },
)
def patch_draft(
    session: SessionDep, draft: WritableDraftDep, body: DraftPatch, user: UserDep
) -> DraftSummary:
    """Rename a draft (`title`), or archive or restore it (`archived`, its author, partners and
    admins); the two may come together."""
    if "archived" in body.model_fields_set:
        refuse_unless_archiver(user, draft)
    if body.title is not None and body.archived is not False:
        refuse_if_archived(draft)
    draft = update_draft(session, draft, by=user, title=body.title, archived=body.archived)
    return _summary(
        draft, session.get(Company, draft.company_id), session.get(PrfaqTemplate, draft.template_id)
    )
