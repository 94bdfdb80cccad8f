"""The JSON API's router: every area's endpoints under /api/v1."""

from fastapi import APIRouter

from . import companies

router = APIRouter(prefix="/api/v1")
router.include_router(companies.router)
