"""The JSON API's router: every area's endpoints under /api/v1."""

from fastapi import APIRouter, Depends

from ..auth.deps import require_user
from . import (
    activity,
    assignments,
    companies,
    comparison,
    documents,
    meetings,
    pairwise,
    prfaqs,
    reports,
    rubrics,
    scorecards,
    search,
    worksheets,
)

# Every endpoint needs a caller: a bearer token (or, for reads, a session cookie).
router = APIRouter(
    prefix="/api/v1",
    dependencies=[Depends(require_user)],
    responses={401: {"description": "No valid API token"}},
)
router.include_router(companies.router)
router.include_router(comparison.router)
router.include_router(rubrics.router)
router.include_router(scorecards.router)
router.include_router(prfaqs.router)
router.include_router(worksheets.router)
router.include_router(assignments.router)
router.include_router(activity.router)
router.include_router(documents.router)
router.include_router(search.router)
router.include_router(pairwise.router)
router.include_router(meetings.router)
router.include_router(reports.router)
