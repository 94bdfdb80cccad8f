"""Downloading the company list (with its filters) as CSV or XLSX."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from ..auth.deps import require
from ..db import SessionDep
from ..permissions import Action
from . import exporting
from .routes import list_filters

router = APIRouter(
    prefix="/companies",
    tags=["pages"],
    include_in_schema=False,
    dependencies=[Depends(require(Action.EXPORT))],
)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/export.csv")
def export_csv(request: Request, session: SessionDep) -> Response:
    """The companies the list shows, every page, in the import's columns."""
    rows = exporting.export_rows(session, list_filters(request))
    return Response(
        exporting.rows_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="companies.csv"'},
    )


@router.get("/export.xlsx")
def export_xlsx(request: Request, session: SessionDep) -> Response:
    """The same as a workbook."""
    rows = exporting.export_rows(session, list_filters(request))
    return Response(
        exporting.rows_xlsx(rows),
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": 'attachment; filename="companies.xlsx"'},
    )
