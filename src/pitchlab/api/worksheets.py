"""A company's worksheets through the JSON API (issue 16): list them, read one, replace one.

Numbers travel as decimal strings (exact); a PUT is validated like the form, and a bad field
answers 422 with a message per field, nothing saved.
"""

import dataclasses
from datetime import datetime
from decimal import Decimal

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from ..companies.deps import CompanyDep
from ..db import SessionDep
from ..web.i18n import localized
from ..worksheets import store
from ..worksheets.deps import EditorDep, KindDep, ReaderDep
from ..worksheets.fields import validate
from ..worksheets.registry import KINDS
from ..worksheets.view import WorksheetView, build_view

router = APIRouter(prefix="/companies/{company_id}/worksheets", tags=["worksheets"])
FORBIDDEN = {"description": "The caller's role or a declared conflict of interest refuses it"}


class WorksheetSummary(BaseModel):
    kind: str
    title: str
    revision: int = Field(description="0 when never saved")
    updated_at: datetime | None
    summary: str
    review_due: bool
    informs: dict[str, list[str]] = Field(description="rubric pack key -> criterion keys")
    url: str
    evidence: str | None = Field(description="The evidence line that cites this revision")


class WorksheetList(BaseModel):
    company_id: int
    items: list[WorksheetSummary]


class Source(BaseModel):
    section: str
    quote: str


class RevisionOut(BaseModel):
    number: int
    author: str | None
    created_at: datetime


class WorksheetOut(WorksheetSummary):
    data: dict[str, str]
    outcome: dict | None
    sources: list[Source]
    history: list[RevisionOut]


class WorksheetPut(BaseModel):
    data: dict[str, str | int | float | None]
    revision: int | None = Field(
        default=None, description="The revision you edited; a newer one on the server is a 409"
    )


def _jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if dataclasses.is_dataclass(value):
        out = {
            f.name: _jsonable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.repr  # inputs kept for lazy properties are not part of the outcome
        }
        for name, member in vars(type(value)).items():
            if isinstance(member, property) and name != "headline":
                out[name] = _jsonable(getattr(value, name))
        return out
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value


def _summary(company_id: int, view: WorksheetView) -> dict:
    worksheet = view.worksheet
    return {
        "kind": view.kind,
        "title": localized(view.module.TITLE),
        "revision": view.revision,
        "updated_at": worksheet.updated_at if worksheet else None,
        "summary": view.summary,
        "review_due": view.review_due,
        "informs": {pack: list(keys) for pack, keys in view.module.CRITERIA.items()},
        "url": f"/companies/{company_id}/worksheets/{view.kind}",
        "evidence": f"worksheet:{view.kind}@{view.revision}" if worksheet else None,
    }


@router.get("", response_model=WorksheetList, responses={403: FORBIDDEN})
def list_worksheets(session: SessionDep, company: CompanyDep, _user: ReaderDep) -> WorksheetList:
    """Every worksheet kind for the company, saved or not, each with its `kind`."""
    saved = store.company_worksheets(session, company.id)
    release = store.latest_release(session)
    items = [_summary(company.id, build_view(k, saved.get(k), release=release)) for k in KINDS]
    return WorksheetList(company_id=company.id, items=items)


def _full(session, company_id: int, kind: str) -> WorksheetOut:
    worksheet = store.get_worksheet(session, company_id, kind)
    view = build_view(kind, worksheet, release=store.latest_release(session))
    history = store.revisions(session, worksheet) if worksheet else []
    return WorksheetOut(
        **_summary(company_id, view),
        data=worksheet.data if worksheet else {},
        outcome=_jsonable(view.outcome) if view.outcome is not None else None,
        sources=[Source(section=s["section"], quote=s["quote"]) for s in view.module.CITATIONS],
        history=[
            RevisionOut(number=r.number, author=r.author, created_at=r.created_at) for r in history
        ],
    )


@router.get(
    "/{kind}",
    response_model=WorksheetOut,
    responses={403: FORBIDDEN, 404: {"description": "Unknown kind"}},
)
def read_worksheet(
    session: SessionDep, company: CompanyDep, kind: KindDep, _user: ReaderDep
) -> WorksheetOut:
    """One worksheet: its fields as exact text, its outcome, sources and history."""
    return _full(session, company.id, kind)


@router.put(
    "/{kind}",
    response_model=WorksheetOut,
    responses={
        403: FORBIDDEN,
        409: {"description": "Saved by someone else since `revision`"},
        422: {"description": "A field out of range, in the wrong unit or currency, or unknown"},
    },
)
def replace_worksheet(
    session: SessionDep, company: CompanyDep, kind: KindDep, body: WorksheetPut, user: EditorDep
) -> WorksheetOut:
    """Replace the worksheet's fields, saved as a new revision; fields left out become empty."""
    known = {spec.name for spec in KINDS[kind].FIELDS}
    unknown = sorted(set(body.data) - known)
    if unknown:
        raise HTTPException(
            422, {"errors": {name: "Unknown field." for name in unknown}, "fields": sorted(known)}
        )
    parsed = validate(KINDS[kind].FIELDS, body.data)
    if parsed.errors:
        raise HTTPException(422, {"errors": parsed.errors})
    try:
        store.save_worksheet(
            session,
            company_id=company.id,
            kind=kind,
            parsed=parsed,
            user=user,
            base_revision=body.revision,
        )
    except store.StaleWorksheet as stale:
        raise HTTPException(
            409,
            f"Revision {stale.current} was saved since revision {body.revision}; "
            "read it and try again.",
        ) from stale
    return _full(session, company.id, kind)
