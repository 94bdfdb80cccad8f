"""The portfolio comparison through the JSON API, as a CSV, XLSX or JSON file or a PDF report."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ..auth.deps import UserDep
from ..compare.export_routes import file_response
from ..compare.exporting import XLSX_MEDIA_TYPE, export_comparison
from ..compare.selection import MAX_SEARCH_CHARS, selection_from_query
from ..db import RowId, SessionDep
from ..models import PipelineStatus, Stage

router = APIRouter(prefix="/comparison", tags=["comparison"])
FILES = {
    200: {
        "description": "The comparison file",
        "content": {
            "text/csv": {},
            "application/json": {},
            XLSX_MEDIA_TYPE: {},
            "application/pdf": {},
        },
    }
}


@router.get("", response_class=Response, responses=FILES)
def comparison_file(
    request: Request,
    session: SessionDep,
    user: UserDep,
    format: Literal["csv", "xlsx", "json", "pdf"] = "json",
    q: Annotated[str, Query(max_length=MAX_SEARCH_CHARS)] = "",
    stage: Stage | None = None,
    status: PipelineStatus | None = None,
    tag: str | None = None,
    company: Annotated[list[RowId] | None, Query(description="Hand-picked company ids")] = None,
    pack: Annotated[list[str] | None, Query(description="Rubric pack keys; none: all")] = None,
    anonymize: bool = False,
) -> Response:
    """Compare the selected companies as the caller may see them (submitted scorecards only,
    conflicts and blind review applied) and return the file.

    Weights as on the compare page: `pw.PACK=2` for a pack, `cw.PACK.CRITERION=3` for a
    criterion. CSV is the summary ranking with the raw matrix (UTF-8 with BOM); XLSX and JSON
    carry every table and the methodology; PDF is a report with the ranking, its charts, the
    agreement per criterion and the methodology.
    """
    selection = selection_from_query(request.query_params)
    exported = export_comparison(session, selection, user=user, fmt=format)
    return file_response(exported)
