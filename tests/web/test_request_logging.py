"""Request logs (issue 7): one JSON line per request, with no secret in any of them, and an
unhandled error logged with its traceback and answered with the id to quote."""

import json
import logging

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from pitchlab.web.logging import JsonFormatter

from ..conftest import DEMO_EMAILS, DEMO_PASSWORD

REQUEST_LOGGER = "pitchlab.request"


class Boom(RuntimeError):
    """What the test-only routes raise."""


failing_router = APIRouter()


@failing_router.get("/test-only/boom")
def boom_page():
    raise Boom("kaboom in a page")


@failing_router.get("/api/v1/test-only/boom")
def boom_api():
    raise Boom("kaboom in the API")


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def _lines(caplog) -> list[dict]:
    """Every request line as the JSON formatter writes it."""
    formatter = JsonFormatter()
    return [
        json.loads(formatter.format(record))
        for record in caplog.records
        if record.name == REQUEST_LOGGER
    ]


def _everything_logged(caplog) -> str:
    """All the server logged, both as the default and the JSON formatter write it."""
    # httpx is the test's client, which logs the URLs it requests; the server is the rest.
    records = [record for record in caplog.records if not record.name.startswith("httpx")]
    plain, formatter = logging.Formatter("%(message)s"), JsonFormatter()
    return "\n".join(f"{plain.format(record)}\n{formatter.format(record)}" for record in records)


def test_login_is_logged_without_the_password(client, logs):
    client.post(
        "/login",
        data={"email": DEMO_EMAILS["admin"], "password": DEMO_PASSWORD, "next": "/"},
        follow_redirects=False,
    )
    client.get("/companies?q=secret-search")
    logged = _everything_logged(logs)
    assert DEMO_PASSWORD not in logged
    for secret in client.cookies.values():  # the session cookie and the CSRF token
        assert secret not in logged
    assert "secret-search" not in logged
    login, page = _lines(logs)[-2:]
    assert (login["method"], login["path"], login["status"]) == ("POST", "/login", 303)
    assert (page["path"], page["status"]) == ("/companies", 200)
    assert isinstance(page["user_id"], int) and login["user_id"] is None
    assert page["duration_ms"] >= 0 and len(page["request_id"]) >= 8


def test_bearer_request_is_logged_without_the_token(client, api_token, logs):
    headers = api_token("analyst")
    response = client.get("/api/v1/companies", headers=headers)
    assert response.status_code == 200
    token = headers["Authorization"].removeprefix("Bearer ")
    assert token not in _everything_logged(logs)
    line = _lines(logs)[-1]
    assert line["path"] == "/api/v1/companies" and isinstance(line["user_id"], int)
    assert line["request_id"] == response.headers["x-request-id"]


def test_a_proxys_request_id_is_kept_only_when_harmless(client, logs):
    kept = client.get("/healthz", headers={"X-Request-ID": "edge-1234abcd"})
    assert kept.headers["x-request-id"] == "edge-1234abcd"
    replaced = client.get("/healthz", headers={"X-Request-ID": 'x" injected\n'})
    assert "injected" not in replaced.headers["x-request-id"]
    assert [line["request_id"] for line in _lines(logs)[-2:]] == [
        "edge-1234abcd",
        replaced.headers["x-request-id"],
    ]


@pytest.mark.parametrize(
    ("path", "kind"), [("/test-only/boom", "page"), ("/api/v1/test-only/boom", "api")]
)
def test_unhandled_error_is_logged_with_its_traceback_and_quotes_the_request_id(
    app, logs, path, kind
):
    app.include_router(failing_router)
    with TestClient(app) as client:
        response = client.get(path)
    assert response.status_code == 500
    request_id = response.headers["x-request-id"]
    if kind == "api":
        assert response.json() == {"detail": "Internal server error", "request_id": request_id}
    else:
        assert request_id in response.text and "Something went wrong" in response.text
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "kaboom" not in response.text  # the cause stays in the log
    error = _lines(logs)[-1]
    assert (error["level"], error["status"], error["request_id"]) == ("ERROR", 500, request_id)
    assert "Traceback" in error["traceback"] and "kaboom" in error["traceback"]
    formatted = JsonFormatter().format(logs.records[-1])
    assert "\n" not in formatted  # one line, traceback included


def test_error_page_speaks_the_users_language(app, logs):
    app.include_router(failing_router)
    with TestClient(app) as client:
        client.cookies.set("pitchlab_locale", "zh")
        response = client.get("/test-only/boom")
    assert response.status_code == 500
    assert "报告此问题时请提供这个编号" in response.text


def test_a_client_that_disconnects_mid_body_is_not_a_server_error(app, admin_client, logs):
    # Issue 11: a browser tab closed during an upload was logged as a 500 with a traceback.
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    messages = iter(
        [
            {"type": "http.request", "body": b"name=Half", "more_body": True},
            {"type": "http.disconnect"},
        ]
    )

    async def receive():
        return next(messages)

    sent = []

    async def send(message):
        sent.append(message)

    cookie = "; ".join(f"{name}={value}" for name, value in admin_client.cookies.items())
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/companies",
        "raw_path": b"/companies",
        "query_string": b"",
        "root_path": "",
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
        "headers": [
            (b"host", b"testserver"),
            (b"content-length", b"1000"),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"cookie", cookie.encode()),
            (b"x-csrf-token", admin_client.headers["X-CSRF-Token"].encode()),
        ],
    }
    logs.clear()
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, app(scope, receive, send)).result()
    assert not [m for m in sent if m["type"] == "http.response.start"]  # nobody to answer
    lines = [line for line in _lines(logs) if line.get("path") == "/companies"]
    assert [line["status"] for line in lines] == [499]
    assert not [record for record in logs.records if record.levelno >= logging.ERROR]
