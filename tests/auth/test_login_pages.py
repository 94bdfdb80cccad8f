"""Logging in and out as a user meets it, and the demo accounts on the login page."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from pitchlab.app import create_app
from pitchlab.auth.seeding import seed_users
from pitchlab.models import User
from pitchlab.paths import resource_dir
from pitchlab.seeding import SeedReport

from ..conftest import echo_csrf
from .conftest import ADMIN, ANALYST, DEMO_PASSWORD, log_in

FAILURE = "The email or password is not correct."


def test_login_sets_a_protected_cookie_and_shows_the_users_name(client):
    response = log_in(client, ANALYST, next_path="/companies?q=a")
    assert response.status_code == 303
    assert response.headers["location"] == "/companies?q=a"
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith("pitchlab_session=")
    assert "httponly" in cookie and "samesite=lax" in cookie and "max-age=1209600" in cookie
    assert "secure" not in cookie
    page = client.get("/companies").text
    assert "Priya Raman" in page and "Log out" in page
    assert ">Log in<" not in page


def test_login_over_https_marks_the_cookie_secure(app):
    with TestClient(app, base_url="https://testserver") as https_client:
        https_client.get("/login")
        echo_csrf(https_client)
        response = log_in(https_client, ANALYST)
    assert "secure" in response.headers["set-cookie"].lower()


def test_anonymous_visitors_are_sent_to_login_and_back(client):
    response = client.get("/companies", params={"q": "vision"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fcompanies%3Fq%3Dvision"
    page = client.get(response.headers["location"]).text
    assert 'name="next" value="/companies?q=vision"' in page
    assert "Log out" not in page


@pytest.mark.parametrize(
    "email, password",
    [
        (ANALYST, "wrong-password"),
        ("nobody@pitchlab.example", DEMO_PASSWORD),
        ("", ""),
    ],
)
def test_every_failed_login_gives_the_same_message(client, email, password):
    response = log_in(client, email, password)
    assert response.status_code == 422
    assert FAILURE in response.text
    assert "pitchlab_session" not in response.headers.get("set-cookie", "")
    assert f'value="{email}"' in response.text  # the email is kept for another try


def test_login_goes_only_to_a_same_site_next(client):
    assert log_in(client, ANALYST, next_path="//evil.example/x").headers["location"] == "/"
    assert log_in(client, ANALYST, next_path="https://evil.example").headers["location"] == "/"


def test_login_without_the_csrf_token_is_refused(client):
    del client.headers["X-CSRF-Token"]
    response = log_in(client, ANALYST)
    assert response.status_code == 403
    assert "pitchlab_session" not in response.headers.get("set-cookie", "")


def test_logout_ends_the_session(client):
    log_in(client, ADMIN)
    assert "Mara Lindqvist" in client.get("/companies").text
    response = client.post("/logout", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert "pitchlab_session=" in response.headers["set-cookie"]
    page = client.get("/companies").text
    assert "Mara Lindqvist" not in page and "Log in" in page


@pytest.mark.parametrize(
    "data",
    [
        {"email": "x" * 5000, "password": "y" * 5000, "next": "/"},
        {"email": "陈思远@例子.中国", "password": "密码密码密码密码密码"},
        {"password": DEMO_PASSWORD},
        {"email": ANALYST, "password": DEMO_PASSWORD, "next": "/\\evil.example"},
        {},
    ],
)
def test_odd_login_input_never_breaks_the_page(client, data):
    response = client.post("/login", data=data, follow_redirects=False)
    assert response.status_code in {303, 422}
    if response.status_code == 303:
        assert response.headers["location"] == "/"


def test_login_page_hides_demo_accounts_outside_demo_mode(client):
    page = client.get("/login").text
    assert "Demo accounts" not in page and DEMO_PASSWORD not in page


def test_demo_mode_lists_demo_accounts_with_their_password(settings):
    with TestClient(create_app(settings.model_copy(update={"demo": True}))) as demo_client:
        page = demo_client.get("/login").text
        assert "Demo accounts" in page and DEMO_PASSWORD in page
        assert ADMIN in page and "Tobias Okafor" in page and "Partner" in page
        echo_csrf(demo_client)
        # The page's "Log in as" buttons post exactly these fields.
        assert log_in(demo_client, ADMIN).status_code == 303


def test_demo_users_are_seeded_once_with_argon2_hashes(session):
    users = {user.email: user for user in session.exec(select(User))}
    assert users[ADMIN].role == "admin" and users[ANALYST].role == "analyst"
    assert sorted(u.role for u in users.values()) == ["admin", "analyst", "partner", "partner"]
    assert all(u.password_hash.startswith("$argon2") for u in users.values())
    assert all(DEMO_PASSWORD not in u.password_hash for u in users.values())
    report = SeedReport()
    seed_users(session, resource_dir("seeds") / "users", report)
    assert report.total == 0


def test_a_huge_query_string_does_not_make_a_huge_location_header(client):
    # Issue 11: a 100 KB query string came back as a 97 KB Location header (httpx caps
    # a URL at 64 KB, so 60 KB here).
    response = client.get("/companies", params={"q": "x" * 60_000}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fcompanies"
    switched = client.post(
        "/locale",
        data={"locale": "zh", "next": "/companies?q=" + "y" * 100_000},
        follow_redirects=False,
    )
    assert switched.status_code == 303 and switched.headers["location"] == "/companies"
