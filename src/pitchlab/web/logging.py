"""One JSON log line per request, and the answer to an error nothing else caught (issue 7).

The line holds what an operator needs and nothing a thief could use: method, the path without
its query string, status, duration, user id and request id; never a header, cookie, form field
or token. An unhandled exception is logged once, at ERROR with its traceback, on the same line
as its request, and the user gets a 500 that quotes the request id to report.
"""

import json
import logging
import logging.config
import re
import time
import uuid
from datetime import UTC, datetime

from sqlalchemy import inspect
from starlette.datastructures import MutableHeaders
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import API_PREFIXES
from .i18n import gettext as _
from .middleware import SECURITY_HEADERS
from .templating import render

logger = logging.getLogger("pitchlab.request")
REQUEST_ID_HEADER = "x-request-id"
# Logged when the client went away before any response began (nginx's convention).
CLIENT_CLOSED_STATUS = 499
# A proxy's request id is kept only when it cannot smuggle anything into a log line.
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object; a traceback goes inside it, not on extra lines."""

    def format(self, record: logging.LogRecord) -> str:
        moment = datetime.fromtimestamp(record.created, UTC)
        entry = {
            "time": moment.isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "pid": record.process,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(level: str = "INFO") -> dict:
    """A dictConfig writing pitchlab's and uvicorn's logs as JSON lines to stderr."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.JsonFormatter"}},  # a name: JSON-serialisable
        "handlers": {"stderr": handler},
        "loggers": {
            "pitchlab": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            # Replaced by pitchlab.request, which leaves out the query string.
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }


def configure_logging(level: str = "INFO") -> None:
    """Send this process's logs out as JSON lines (`pitchlab serve` calls it)."""
    logging.config.dictConfig(logging_config(level))


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == REQUEST_ID_HEADER.encode():
            offered = value.decode("latin-1")
            if _SAFE_REQUEST_ID.fullmatch(offered):
                return offered
    return uuid.uuid4().hex


def _user_id(scope: Scope) -> int | None:
    # Set by auth.deps.current_user as request.state.user, which Starlette keeps in
    # scope["state"]. The session is closed by now: read the id from the identity map key,
    # which needs no database round trip even when the object's attributes have expired.
    user = scope.get("state", {}).get("user")
    state = inspect(user, raiseerr=False) if user is not None else None
    return state.identity[0] if state is not None and state.identity else None


def _server_error(scope: Scope, request_id: str) -> Response:
    """The 500 answer: JSON on the API, the error page elsewhere; both quote the request id."""
    if scope["path"].startswith(API_PREFIXES):
        return JSONResponse({"detail": "Internal server error", "request_id": request_id}, 500)
    detail = _("Please quote this reference if you report the problem: %(reference)s") % {
        "reference": request_id
    }
    # Without the user: the page header would read attributes of a closed session's object.
    state = {key: value for key, value in scope.get("state", {}).items() if key != "user"}
    try:
        return render(
            Request({**scope, "state": state}),
            "error.html",
            {"title": _("Something went wrong"), "detail": detail, "status_code": 500},
            status_code=500,
        )
    except Exception:  # the page itself may be what is broken
        logger.warning("the error page could not be rendered", exc_info=True)
        return PlainTextResponse(f"{_('Something went wrong')}. {detail}", 500)


class RequestLogMiddleware:
    """Log every HTTP request as one line; answer unhandled exceptions with a 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status: list[int] = []

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
                headers = MutableHeaders(scope=message)
                headers[REQUEST_ID_HEADER] = request_id
                if message["status"] >= 500:
                    for name, value in SECURITY_HEADERS.items():
                        headers.setdefault(name, value)
            await send(message)

        failure: BaseException | None = None
        try:
            await self.app(scope, receive, send_with_id)
        except ClientDisconnect:
            # The client went away mid-request: nobody to answer and nothing broken here, so
            # it is logged as 499 at INFO, not as a server error (issue 11).
            pass
        except Exception as error:
            failure = error
            if status:  # the response had begun: nothing to do but cut the connection
                raise
            await _server_error(scope, request_id)(scope, receive, send_with_id)
        finally:
            answered = status[0] if status else CLIENT_CLOSED_STATUS
            self._log(scope, request_id, answered, started, failure)

    @staticmethod
    def _log(
        scope: Scope, request_id: str, status: int, started: float, failure: BaseException | None
    ) -> None:
        fields = {
            "method": scope["method"],
            "path": scope["path"],
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "user_id": _user_id(scope),
            "request_id": request_id,
        }
        message = "%s %s %s %.1fms"
        arguments = (fields["method"], fields["path"], status, fields["duration_ms"])
        if failure is not None:
            logger.error(
                message,
                *arguments,
                extra={"fields": fields},
                exc_info=(type(failure), failure, failure.__traceback__),
            )
        else:
            logger.info(message, *arguments, extra={"fields": fields})
