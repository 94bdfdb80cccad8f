"""require_user and require_role: 401 on the API, the login page for people, 403 by role."""

import pytest

from .conftest import ADMIN, ANALYST, PARTNER, VIEWER, VIEWER_PASSWORD, log_in


def test_anonymous_api_call_gets_401_json(client, probes):
    response = client.get("/api/v1/probe/admin")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Not authenticated" in response.json()["detail"]


def test_anonymous_page_visit_goes_to_login_and_back(client, probes):
    response = client.get("/probe/evaluate?x=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fprobe%2Fevaluate%3Fx%3D1"
    login_page = client.get(response.headers["location"]).text
    assert 'name="next" value="/probe/evaluate?x=1"' in login_page
    back = log_in(client, ANALYST, next_path="/probe/evaluate?x=1")
    assert client.get(back.headers["location"]).text == "evaluating as Priya Raman"


def test_anonymous_htmx_request_is_sent_to_login_with_hx_redirect(client, probes):
    response = client.get("/probe/evaluate", headers={"HX-Request": "true"}, follow_redirects=False)
    assert response.status_code == 401
    assert response.headers["hx-redirect"] == "/login?next=%2Fprobe%2Fevaluate"


def test_viewer_may_not_evaluate(client, probes, viewer):
    log_in(client, VIEWER, VIEWER_PASSWORD)
    response = client.get("/probe/evaluate")
    assert response.status_code == 403
    assert "Your role does not allow this." in response.text
    assert "Vera Viewer" in response.text  # the error page still knows who is logged in


@pytest.mark.parametrize("email, status", [(ADMIN, 200), (PARTNER, 403), (ANALYST, 403)])
def test_only_admins_pass_the_admin_check(client, probes, email, status):
    log_in(client, email)
    response = client.get("/api/v1/probe/admin")
    assert response.status_code == status
    if status == 403:
        assert response.json() == {"detail": "Your role does not allow this."}


def test_session_cookie_works_for_api_reads_but_not_writes(client, probes):
    log_in(client, PARTNER)
    assert client.get("/api/v1/probe/me").json() == {"email": PARTNER, "role": "partner"}
    # The API has no CSRF check, so a cookie alone must not let a request change anything.
    assert client.post("/api/v1/probe/me").status_code == 401
