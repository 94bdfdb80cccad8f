"""Document pages: a company's documents and uploads, the reader, page images, archiving."""

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from ..auth.deps import UserDep, require
from ..companies.deps import CompanyDep
from ..db import RowId, SessionDep
from ..models import Company, Document, DocumentKind
from ..permissions import Action
from ..prfaq.citations import PageCitation
from ..web.forms import FormDep
from ..web.i18n import gettext as _
from ..web.templating import is_htmx_partial, render
from .deps import DocumentDep, may_archive, may_upload, refuse_archive, refuse_upload
from .intake import accept_upload
from .jobs import run_extraction
from .labels import kind_labels
from .limits import DocumentRefused
from .reading import (
    company_document_rows,
    document_pages,
    has_images,
    page_image,
    page_label,
)
from .rendering import libreoffice_available
from .storage import current_deck, document_bytes, set_archived

router = APIRouter(
    include_in_schema=False,
    dependencies=[Depends(require(Action.READ))],
)
IMAGE_HEADERS = {"Cache-Control": "private, max-age=86400"}  # a version's pages never change


def _company_page(request, session, company, user, *, error="", kind="", status_code=200):
    context = {
        "company": company,
        "rows": company_document_rows(session, company.id),
        "may_upload": may_upload(session, user, company.id),
        "kinds": list(DocumentKind),
        "kind_labels": kind_labels(),
        "chosen_kind": kind or DocumentKind.DECK.value,
        "error": error,
    }
    return render(
        request,
        "documents/company.html",
        context,
        partial="documents/_company_documents.html",
        status_code=status_code,
    )


@router.get("/companies/{company_id}/documents")
def company_documents(request: Request, session: SessionDep, company: CompanyDep, user: UserDep):
    """The company's documents, every version, with the upload form."""
    return _company_page(request, session, company, user)


@router.post("/companies/{company_id}/documents")
def upload_document(
    form: FormDep,
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    company: CompanyDep,
    user: UserDep,
):
    """Store an upload as the next version of its kind; its text is extracted after the answer."""
    refuse_upload(session, user, company.id)
    upload, kind = form.get("file"), str(form.get("kind", ""))
    settings = request.app.state.settings
    try:
        if not isinstance(upload, UploadFile):
            raise DocumentRefused(_("Choose a file to upload."))
        if upload.size is not None and upload.size > settings.document_max_bytes:
            raise DocumentRefused(
                _("The file is larger than %(size)s MB.")
                % {"size": settings.document_max_bytes // (1024 * 1024)}
            )
        document = accept_upload(
            session,
            company_id=company.id,
            kind=kind,
            filename=upload.filename or "",
            data=upload.file.read(),
            user=user,
            settings=settings,
        )
    except DocumentRefused as refused:
        return _company_page(
            request, session, company, user, error=str(refused), kind=kind, status_code=422
        )
    background.add_task(
        run_extraction,
        request.app.state.engine,
        document.id,
        folder=settings.document_dir,
        max_pages=settings.document_max_pages,
    )
    if is_htmx_partial(request):
        response = _company_page(request, session, company, user)
    else:
        response = RedirectResponse(f"/documents/{document.id}", status_code=303)
    # End the request's transaction now: on SQLite it holds the write lock, which the
    # extraction job (run after the answer, before this session closes) needs.
    session.commit()
    return response


def _page_number(raw: int | None, document) -> int:
    return min(max(raw or 1, 1), max(document.page_count, 1))


@router.get("/documents/{document_id}")
def read_document(
    request: Request,
    session: SessionDep,
    document: DocumentDep,
    user: UserDep,
    page: RowId | None = None,
):
    """The reader: the page's image and text, a thumbnail strip, previous and next."""
    pages = document_pages(session, document.id)
    number = _page_number(page, document)
    context = {
        "document": document,
        "company": session.get(Company, document.company_id),
        "pages": pages,
        "page": next((p for p in pages if p.number == number), None),
        "number": number,
        "images": has_images(document),
        "libreoffice": libreoffice_available(),
        "may_archive": may_archive(session, user, document),
        "kind_labels": kind_labels(),
    }
    return render(request, "documents/viewer.html", context)


@router.get("/documents/{document_id}/status")
def document_status(request: Request, document: DocumentDep):
    """The extraction's progress, polled by the page while the document is pending."""
    return render(request, "documents/_status.html", {"document": document})


@router.get("/documents/{document_id}/pages/{number}/image")
def document_page_image(
    request: Request, session: SessionDep, document: DocumentDep, number: RowId, size: str = "page"
):
    """A page as PNG (rendered once, then cached)."""
    image = page_image(session, document, number, size, request.app.state.settings)
    if image is None:
        raise HTTPException(404, _("This page has no image."))
    return Response(image, media_type="image/png", headers=IMAGE_HEADERS)


@router.get("/documents/{document_id}/file")
def download_document(request: Request, session: SessionDep, document: DocumentDep):
    """The file as it was uploaded."""
    data = document_bytes(session, document, folder=request.app.state.settings.document_dir)
    disposition = f"attachment; filename*=UTF-8''{_quoted(document.filename)}"
    return Response(
        data, media_type=document.content_type, headers={"Content-Disposition": disposition}
    )


def _quoted(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


@router.post("/documents/{document_id}/archive")
def archive_document(request: Request, session: SessionDep, document: DocumentDep, user: UserDep):
    """Archive a document (it stays readable for the scores citing it), or restore it."""
    refuse_archive(session, user, document)
    restore = request.query_params.get("restore") == "1"
    set_archived(session, document, by=user, archived=not restore)
    return RedirectResponse(f"/documents/{document.id}", status_code=303)


@router.get("/companies/{company_id}/deck-panel")
def deck_panel(
    request: Request,
    session: SessionDep,
    company: CompanyDep,
    document: RowId | None = None,
    page: RowId | None = None,
):
    """One page of the company's current deck (or of `document`), for the scorecard's side."""
    shown = session.get(Document, document) if document else current_deck(session, company.id)
    if shown is not None and (shown.company_id != company.id or shown.status != "ready"):
        shown = None
    context = {"company_id": company.id, "document": shown}
    if shown is not None:
        number = _page_number(page, shown)
        found = [p for p in document_pages(session, shown.id) if p.number == number]
        context |= {
            "number": number,
            "page": found[0] if found else None,
            "images": has_images(shown),
            "citation": str(PageCitation(shown.id, shown.version, number)),
            "label": page_label(found[0] if found else None, number),
        }
    return render(request, "documents/_deck_panel.html", context)
