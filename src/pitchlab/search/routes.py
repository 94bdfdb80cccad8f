"""The search page behind the navigation's search box."""

from itertools import groupby

from fastapi import APIRouter, Depends, Request
from sqlmodel import col, select

from ..auth.deps import UserDep, require
from ..db import SessionDep
from ..models import Company
from ..permissions import Action
from ..web.templating import render
from .everything import QUERY_MAX, search_everything

router = APIRouter(include_in_schema=False, dependencies=[Depends(require(Action.READ))])


def company_names(session, results) -> dict[int, str]:
    ids = {r.company_id for r in results}
    if not ids:
        return {}
    rows = session.exec(select(Company.id, Company.name).where(col(Company.id).in_(ids))).all()
    return dict(rows)


@router.get("/search")
def search_page(request: Request, session: SessionDep, user: UserDep, q: str = ""):
    """Results for the query, grouped by company, each linking to the exact page or section."""
    query = q[:QUERY_MAX]
    results = search_everything(session, user, query)
    names = company_names(session, results)
    groups = [
        (company_id, names.get(company_id, ""), list(items))
        for company_id, items in groupby(results, key=lambda r: r.company_id)
    ]
    context = {"query": query, "groups": groups, "count": len(results)}
    return render(request, "search/results.html", context)
