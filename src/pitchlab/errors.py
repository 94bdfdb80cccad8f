"""Errors as users should meet them: an HTML page for people, a JSON body for the API."""

import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from .web.i18n import gettext as _
from .web.templating import render

logger = logging.getLogger("pitchlab.errors")
API_PREFIXES = ("/api/", "/healthz", "/openapi.json")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIXES)


def _titles() -> dict[int, str]:
    return {
        403: _("You may not do that"),
        404: _("Not found"),
        405: _("Not allowed"),
        409: _("Not possible right now"),
        413: _("Too large"),
        422: _("Invalid request"),
    }


async def _http_error(request: Request, exc: StarletteHTTPException):
    if _wants_json(request):
        return await http_exception_handler(request, exc)
    title = _titles().get(exc.status_code, _("Something went wrong"))
    detail = exc.detail if isinstance(exc.detail, str) else ""
    response = render(
        request,
        "error.html",
        {"title": title, "detail": detail, "status_code": exc.status_code},
        partial="_error.html",  # htmx swaps the error in, not a whole page (issue 11)
        status_code=exc.status_code,
    )
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _validation_error(request: Request, exc: RequestValidationError):
    if _wants_json(request):
        return await request_validation_exception_handler(request, exc)
    return await _http_error(request, HTTPException(422, _("The request was not valid.")))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
