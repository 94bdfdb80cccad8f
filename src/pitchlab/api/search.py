"""Search through the JSON API (issue 12)."""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from ..auth.deps import UserDep
from ..db import SessionDep
from ..search.everything import QUERY_MAX, search_everything

router = APIRouter(tags=["search"])


class SearchResult(BaseModel):
    kind: str
    company_id: int
    document_id: int | None = None
    page: int | None = None
    title: str
    snippet: str
    url: str


class SearchOut(BaseModel):
    results: list[SearchResult]


@router.get("/search", response_model=SearchOut)
def search(
    session: SessionDep, user: UserDep, q: Annotated[str, Query(max_length=QUERY_MAX)] = ""
) -> SearchOut:
    """Companies, notes, document pages, PR/FAQ sections and rationales matching `q`, grouped by
    company; conflicts of interest and blind review apply as on the pages."""
    return SearchOut(
        results=[
            SearchResult(
                kind=r.kind,
                company_id=r.company_id,
                document_id=r.document_id,
                page=r.page,
                title=r.title,
                snippet=r.snippet,
                url=r.url,
            )
            for r in search_everything(session, user, q)
        ]
    )
