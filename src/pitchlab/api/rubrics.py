"""Rubric packs through the JSON API (read-only: packs are edited in the app or as files)."""

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from ..db import SessionDep
from ..rubrics.deps import get_pack
from ..rubrics.packfile import PackFile, Text
from ..rubrics.store import PackVersion, latest_versions, to_pack_file, version_numbers

router = APIRouter(prefix="/rubrics", tags=["rubrics"])


class PackSummary(BaseModel):
    key: str
    kind: str
    version: int
    title: Text
    summary: Text
    criteria: int


class PackDetail(BaseModel):
    versions: list[int]
    pack: PackFile


@router.get("", response_model=list[PackSummary])
def list_rubrics(session: SessionDep) -> list[PackSummary]:
    """Every rubric pack at its newest version."""
    return [
        PackSummary(
            key=e.pack.key,
            kind=e.pack.kind,
            version=e.version.version,
            title=e.version.title,
            summary=e.version.summary,
            criteria=len(e.criteria),
        )
        for e in latest_versions(session)
    ]


@router.get(
    "/{key}",
    response_model=PackDetail,
    responses={404: {"description": "No rubric pack with this key and version"}},
)
def read_rubric(
    session: SessionDep, entry: Annotated[PackVersion, Depends(get_pack)]
) -> PackDetail:
    """One pack (newest, or ?version=N) with its criteria and every level's description."""
    return PackDetail(versions=version_numbers(session, entry.pack.id), pack=to_pack_file(entry))
