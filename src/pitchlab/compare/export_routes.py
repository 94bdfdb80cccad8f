"""Downloads from the compare page: straight away, or as a background job with progress."""

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, HTTPException, Path, Request
from fastapi.responses import Response

from ..auth.deps import UserDep
from ..db import SessionDep
from ..models import ExportJob, ExportStatus
from ..web.i18n import get_locale
from ..web.i18n import gettext as _
from ..web.templating import render
from . import jobs
from .exporting import FORMATS, MEDIA_TYPES, ExportFile, export_comparison
from .selection import selection_from_query

router = APIRouter(prefix="/compare", include_in_schema=False)
JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]


def file_response(exported: ExportFile) -> Response:
    return Response(
        exported.content,
        media_type=exported.media_type,
        headers={"Content-Disposition": exported.content_disposition},
    )


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise HTTPException(404, _("Exports come as CSV, XLSX, JSON or PDF."))
    return fmt


@router.get("/export.{fmt}")
def export_now(request: Request, session: SessionDep, user: UserDep, fmt: str) -> Response:
    """The comparison on screen (same selection and weights) as a file, built right away."""
    selection = selection_from_query(request.query_params)
    return file_response(export_comparison(session, selection, user=user, fmt=_format(fmt)))


def step_labels() -> dict[str, str]:
    return {
        "": _("Waiting to start…"),
        "loading": _("Loading scores…"),
        "computing": _("Computing statistics and rank intervals…"),
        "writing": _("Writing the file…"),
        "done": _("Ready."),
    }


def _job_page(request: Request, job: ExportJob):
    failed = job.status == ExportStatus.FAILED.value or jobs.is_stale(job)
    return render(
        request, "compare/_export_job.html", {"job": job, "failed": failed, "steps": step_labels()}
    )


@router.post("/exports")
def export_start(request: Request, session: SessionDep, user: UserDep, background: BackgroundTasks):
    """Start an export job; the answer is a progress box that polls until the file is ready."""
    params = request.query_params
    fmt = _format(params.get("format", "xlsx"))
    query = selection_from_query(params).query_string()
    job = jobs.start_job(session, user=user, fmt=fmt, query=query)
    background.add_task(jobs.run_job, request.app.state.engine, job.id, get_locale())
    return _job_page(request, job)


@router.get("/exports/{job_id}")
def export_status(request: Request, session: SessionDep, user: UserDep, job_id: JobId):
    """How far the job has got; htmx asks again every second until it is done."""
    job = jobs.job_for(session, job_id, user)
    if job is None:
        raise HTTPException(404, _("No such export."))
    return _job_page(request, job)


@router.get("/exports/{job_id}/file")
def export_file(session: SessionDep, user: UserDep, job_id: JobId) -> Response:
    """The finished file of one of the user's jobs."""
    job = jobs.job_for(session, job_id, user, with_file=True)
    if job is None or job.status != ExportStatus.DONE.value or job.result is None:
        raise HTTPException(404, _("No such export."))
    return file_response(
        ExportFile(content=job.result, filename=job.filename, media_type=MEDIA_TYPES[job.format])
    )
