"""Shared helpers for the auth tests: demo accounts, logging in, and probe routes."""

import pytest
from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from pitchlab.auth.deps import AdminDep, EvaluatorDep, UserDep
from pitchlab.auth.users import create_user
from pitchlab.models import Role

from ..conftest import echo_csrf

DEMO_PASSWORD = "pitchlab-demo"
ADMIN = "admin@pitchlab.example"
ANALYST = "analyst@pitchlab.example"
PARTNER = "partner@pitchlab.example"
VIEWER = "viewer@pitchlab.example"
VIEWER_PASSWORD = "viewer-password-1"

probe_router = APIRouter()


@probe_router.get("/probe/evaluate")
def evaluate_page(user: EvaluatorDep):
    return PlainTextResponse(f"evaluating as {user.display_name}")


@probe_router.get("/api/v1/probe/me")
def who_am_i(user: UserDep):
    return {"email": user.email, "role": user.role}


@probe_router.post("/api/v1/probe/me")
def who_am_i_by_post(user: UserDep):
    return {"email": user.email}


@probe_router.get("/api/v1/probe/admin")
def admin_only(user: AdminDep):
    return {"email": user.email}


@pytest.fixture
def probes(app):
    """Routes guarded by the auth dependencies, as the scoring pages will use them."""
    app.include_router(probe_router)


@pytest.fixture
def viewer(session):
    return create_user(
        session,
        email=VIEWER,
        display_name="Vera Viewer",
        role=Role.VIEWER,
        password=VIEWER_PASSWORD,
    )


def log_in(client, email, password=DEMO_PASSWORD, next_path="/"):
    """Log in through the form; the client then echoes the new session's CSRF token."""
    response = client.post(
        "/login",
        data={"email": email, "password": password, "next": next_path},
        follow_redirects=False,
    )
    echo_csrf(client)
    return response
