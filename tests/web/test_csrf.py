"""CSRF (issue 11): one app-wide check over every unsafe route, a token signed and bound to
the login session, and cookies parsed the way browsers send them."""

import re

import pytest
from fastapi.routing import iter_route_contexts
from sqlmodel import select

from pitchlab.models import Company
from pitchlab.web.csrf import CSRF_COOKIE

from ..conftest import DEMO_EMAILS, DEMO_PASSWORD, log_in

TOKEN_IN_PAGE = re.compile(r'name="csrf_token" value="([^"]+)"')
FORGED = ["", "x" * 64, "forged.token.value", "a" * 600]


def _unsafe_routes(app) -> list[tuple[str, str]]:
    found = set()
    for context in iter_route_contexts(app.routes):
        methods = set(getattr(context, "methods", None) or ())
        for method in methods - {"GET", "HEAD", "OPTIONS"}:
            found.add((method, context.path))
    return sorted(found)


def _concrete(path: str) -> str:
    # Any well-formed value: the CSRF check runs before the route looks anything up.
    return re.sub(r"\{[^}]+\}", "1", path)


def test_every_unsafe_route_refuses_a_cookie_request_without_a_valid_token(app, make_client):
    routes = _unsafe_routes(app)
    assert len(routes) > 30  # the whole app, not a hand-picked few
    browser = make_client("admin")
    previous_token = browser.headers.pop("X-CSRF-Token")
    wrong = []
    for method, path in routes:
        for token in [None, *FORGED, browser.cookies[CSRF_COOKIE]]:
            headers = {} if token is None else {"X-CSRF-Token": token}
            answer = browser.request(
                method, _concrete(path), headers=headers, data={"csrf_token": token or ""}
            )
            if answer.status_code != 403:
                wrong.append(f"{method} {path} with {token!r}: {answer.status_code}")
    assert wrong == []
    browser.headers["X-CSRF-Token"] = previous_token


def test_a_bearer_token_call_needs_no_csrf_token(client, api_token, session):
    del client.headers["X-CSRF-Token"]
    answer = client.post("/api/v1/companies", json={"name": "Bearer Co"}, headers=api_token())
    assert answer.status_code == 201
    session.rollback()
    assert session.exec(select(Company).where(Company.name == "Bearer Co")).one()


def test_a_token_from_before_login_does_not_work_after_it(client):
    anonymous_token = client.headers["X-CSRF-Token"]
    log_in(client, DEMO_EMAILS["analyst"])
    assert client.headers["X-CSRF-Token"] != anonymous_token
    form = {"locale": "zh", "next": "/companies"}
    refused = client.post("/locale", data=form, headers={"X-CSRF-Token": anonymous_token})
    assert refused.status_code == 403
    accepted = client.post("/locale", data=form, follow_redirects=False)
    assert accepted.status_code == 303


@pytest.mark.parametrize("suffix", ["é", "\u4e2d"])
def test_a_token_with_characters_no_token_has_is_refused_not_an_error(client, suffix):
    token = client.headers.pop("X-CSRF-Token")
    form = {"locale": "zh", "next": "/companies", "csrf_token": token + suffix}
    refused = client.post("/locale", data=form, follow_redirects=False)
    assert refused.status_code == 403
    assert "form expired" in refused.text
    form["csrf_token"] = token
    assert client.post("/locale", data=form, follow_redirects=False).status_code == 303


def test_a_token_of_another_users_session_is_refused(make_client):
    analyst, partner = make_client("analyst"), make_client("partner")
    answer = partner.post(
        "/companies",
        data={"name": "Borrowed"},
        headers={"X-CSRF-Token": analyst.headers["X-CSRF-Token"]},
    )
    assert answer.status_code == 403


@pytest.mark.parametrize(
    "foreign",
    ['prefs={"a":1}', 'theme="dark mode"; x=1', "tracking=a,b;c", 'weird="\\"quoted\\""'],
)
def test_a_foreign_cookie_on_the_host_breaks_nothing(client, foreign):
    # Another app on the same domain sets cookies the standard library cannot parse; the CSRF
    # cookie must survive them, and the login form must keep working.
    login_page = client.get("/login")
    token = TOKEN_IN_PAGE.search(login_page.text).group(1)
    csrf_cookie = client.cookies[CSRF_COOKIE]
    header = f"{foreign}; {CSRF_COOKIE}={csrf_cookie}"
    client.cookies.clear()
    again = client.get("/login", headers={"Cookie": header})
    assert "set-cookie" not in again.headers  # no new CSRF cookie minted on every response
    assert TOKEN_IN_PAGE.search(again.text).group(1) == token
    answer = client.post(
        "/login",
        data={"email": DEMO_EMAILS["admin"], "password": DEMO_PASSWORD, "csrf_token": token},
        headers={"Cookie": header},
        follow_redirects=False,
    )
    assert answer.status_code == 303


def test_a_tampered_csrf_cookie_is_replaced_not_trusted(client):
    cookie = client.cookies[CSRF_COOKIE]
    token = client.headers["X-CSRF-Token"]
    client.cookies.set(CSRF_COOKIE, cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB"))
    answer = client.post(
        "/locale", data={"locale": "zh", "next": "/login"}, headers={"X-CSRF-Token": token}
    )
    assert answer.status_code == 403
    assert CSRF_COOKIE in answer.headers.get("set-cookie", "")  # a fresh, signed one
