"""Company documents through the JSON API (issue 12): upload, list, read, page images."""

from datetime import datetime
from typing import Annotated

from fastapi import (
    APIRouter,
    BackgroundTasks,
    Depends,
    File,
    Form,
    HTTPException,
    Query,
    Request,
    UploadFile,
)
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..auth.deps import UserDep
from ..companies.deps import CompanyDep
from ..db import RowId, SessionDep
from ..documents.deps import DocumentDep, refuse_upload
from ..documents.finder import company_evidence, founders_questions, insufficient_questions
from ..documents.intake import accept_upload
from ..documents.jobs import run_extraction
from ..documents.limits import DocumentRefused
from ..documents.reading import company_document_rows, document_pages, page_image
from ..documents.rendering import SIZES
from ..models import Document, DocumentKind, User

router = APIRouter(tags=["documents"])


class DocumentOut(BaseModel):
    id: int
    company_id: int
    kind: str
    version: int
    filename: str
    content_type: str
    size: int
    sha256: str
    page_count: int
    status: str
    error: str
    language: str
    uploaded_at: datetime
    archived: bool

    @classmethod
    def of(cls, document: Document) -> "DocumentOut":
        return cls(
            **document.model_dump(
                include={
                    "id",
                    "company_id",
                    "kind",
                    "version",
                    "filename",
                    "content_type",
                    "size",
                    "sha256",
                    "page_count",
                    "status",
                    "error",
                    "language",
                    "uploaded_at",
                }
            ),
            archived=document.archived_at is not None,
        )


class PageOut(BaseModel):
    number: int
    title: str
    text: str
    notes: str


class DocumentDetail(DocumentOut):
    pages: list[PageOut]


class DocumentList(BaseModel):
    items: list[DocumentOut]


def uploader(company: CompanyDep, session: SessionDep, user: UserDep) -> User:
    """An evaluator with no conflict of interest with the company in the URL (else 403)."""
    refuse_upload(session, user, company.id)
    return user


@router.post(
    "/companies/{company_id}/documents",
    response_model=DocumentOut,
    status_code=201,
    responses={
        403: {"description": "A viewer, or a caller conflicted with the company"},
        413: {"description": "Larger than the upload limit"},
        422: {"description": "Not a PDF or PPTX, damaged, encrypted, or over a limit"},
    },
)
def upload_document(
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    company: CompanyDep,
    user: Annotated[User, Depends(uploader)],
    file: Annotated[UploadFile, File(description="A PDF or PPTX file")],
    kind: Annotated[DocumentKind, Form()] = DocumentKind.DECK,
) -> DocumentOut:
    """Upload a document as the next version of its kind. It answers at once with status
    `pending` and the page count; text extraction follows (poll `GET /documents/{id}`)."""
    settings = request.app.state.settings
    try:
        document = accept_upload(
            session,
            company_id=company.id,
            kind=kind.value,
            filename=file.filename or "",
            data=file.file.read(),
            user=user,
            settings=settings,
        )
    except DocumentRefused as refused:
        raise HTTPException(422, str(refused)) from refused
    background.add_task(
        run_extraction,
        request.app.state.engine,
        document.id,
        folder=settings.document_dir,
        max_pages=settings.document_max_pages,
    )
    answer = DocumentOut.of(document)
    session.commit()  # release SQLite's write lock for the job (see documents.routes)
    return answer


@router.get("/companies/{company_id}/documents", response_model=DocumentList)
def list_documents(session: SessionDep, company: CompanyDep) -> DocumentList:
    """Every document of the company and every version, newest version first in each kind."""
    rows = company_document_rows(session, company.id)
    return DocumentList(items=[DocumentOut.of(row.document) for row in rows])


@router.get("/documents/{document_id}", response_model=DocumentDetail)
def read_document(session: SessionDep, document: DocumentDep) -> DocumentDetail:
    """One document with the extracted text of every page (none until it is ready)."""
    pages = [
        PageOut(number=p.number, title=p.title, text=p.text, notes=p.notes)
        for p in document_pages(session, document.id)
    ]
    return DocumentDetail(**DocumentOut.of(document).model_dump(), pages=pages)


@router.get(
    "/documents/{document_id}/pages/{number}/image",
    response_class=Response,
    responses={
        200: {"content": {"image/png": {}}, "description": "The page as PNG"},
        404: {"description": "No such page, or no image (a PPTX, or not extracted yet)"},
    },
)
def page_png(
    request: Request, session: SessionDep, document: DocumentDep, number: RowId, size: str = "page"
) -> Response:
    """A page as PNG, `size` page (1200 px wide) or thumb (180 px)."""
    if size not in SIZES:
        raise HTTPException(422, "size is page or thumb.")
    image = page_image(session, document, number, size, request.app.state.settings)
    if image is None:
        raise HTTPException(404, "This page has no image.")
    return Response(image, media_type="image/png")


class EvidencePage(BaseModel):
    document_id: int
    version: int
    page: int
    score: float
    snippet: str


class CriterionPages(BaseModel):
    pages: list[EvidencePage]
    addressed: bool


class EvidenceOut(BaseModel):
    pack: str
    pack_version: int
    document_id: int | None
    language: str
    criteria: dict[str, CriterionPages]
    unaddressed: list[str]
    questions: list[str]
    insufficient: list[str] = Field(
        description="Criteria the panel answered insufficient evidence for, as the caller may "
        "see them (submitted scorecards, blind review and conflicts respected)"
    )
    insufficient_questions: list[str] = Field(
        description="Their questions for the founders: the panel had too little evidence"
    )


@router.get(
    "/companies/{company_id}/evidence",
    response_model=EvidenceOut,
    responses={404: {"description": "No such company or pack"}},
)
def evidence(
    session: SessionDep,
    user: UserDep,
    company: CompanyDep,
    pack: Annotated[str, Query(max_length=80)],
) -> EvidenceOut:
    """For each criterion of the pack, the company's current deck's three pages most likely to
    answer it, best first; the criteria no page addresses; and the questions to ask the
    founders about them, in the deck's language; and the criteria the panel had too little
    evidence for, with their questions."""
    result = company_evidence(session, company.id, pack, user=user)
    if result is None:
        raise HTTPException(404, "No rubric pack with this key.")
    criteria = {
        criterion.key: CriterionPages(
            pages=[
                EvidencePage(
                    document_id=m.page.document_id,
                    version=m.page.version,
                    page=m.page.number,
                    score=m.score,
                    snippet=m.snippet,
                )
                for m in found.matches
            ],
            addressed=found.addressed,
        )
        for criterion, found in result.items
    }
    return EvidenceOut(
        pack=result.pack.key,
        pack_version=result.pack.version.version,
        document_id=result.document.id if result.document else None,
        language=result.language,
        criteria=criteria,
        unaddressed=[c.key for c in result.unaddressed],
        questions=founders_questions(result),
        insufficient=[c.key for c in result.insufficient],
        insufficient_questions=insufficient_questions(result),
    )
