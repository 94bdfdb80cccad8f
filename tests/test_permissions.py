"""The permission matrix: every state-changing route and API endpoint x every role.

Each role meets each route once, on its own copy of the seeded database. A route added to the
app without a row here fails test_every_state_changing_route_is_in_the_matrix.
"""

import pytest
from fastapi.routing import iter_route_contexts
from sqlmodel import select

from pitchlab.auth.users import create_user, find_user
from pitchlab.models import Company, Conflict, Document, PrfaqDraft, ScoreEvent
from pitchlab.rubrics.store import get_pack_version

from .conftest import DEMO_EMAILS, log_in

EVALUATORS = {"analyst", "partner", "admin"}
DECIDERS = {"partner", "admin"}
ADMIN = {"admin"}
SIGNED_IN = {"viewer", "analyst", "partner", "admin", "conflicted"}
ROLES = ["anonymous", "viewer", "analyst", "partner", "admin", "conflicted"]
PUBLIC = {("POST", "/locale"), ("POST", "/login"), ("POST", "/logout")}

# (method, path) -> roles allowed. "conflicted" is a partner with a declared conflict on the
# company in the URL; scorecard routes use the caller's own scorecard.
MATRIX = {
    ("POST", "/companies"): EVALUATORS | {"conflicted"},
    ("POST", "/companies/{company_id}"): EVALUATORS | {"conflicted"},
    ("POST", "/companies/{company_id}/archive"): DECIDERS | {"conflicted"},
    ("POST", "/companies/import/preview"): EVALUATORS | {"conflicted"},
    ("POST", "/companies/import/confirm"): EVALUATORS | {"conflicted"},
    ("POST", "/compare/exports"): SIGNED_IN,
    ("POST", "/companies/{company_id}/tech-debt"): EVALUATORS,
    ("POST", "/companies/{company_id}/conflicts"): EVALUATORS | {"conflicted"},
    ("POST", "/companies/{company_id}/conflicts/{conflict_id}/remove"): ADMIN,
    ("POST", "/rubrics/{key}/criteria"): ADMIN,
    ("POST", "/rubrics/{key}/criteria/{criterion_key}/move"): ADMIN,
    ("POST", "/rubrics/{key}/criteria/{criterion_key}/retire"): ADMIN,
    ("POST", "/rubrics/{key}/weights"): ADMIN,
    ("POST", "/rubrics/import/file"): ADMIN,
    ("POST", "/rubrics/new/pack"): ADMIN,
    ("POST", "/companies/{company_id}/score/{pack_key}"): EVALUATORS,
    ("POST", "/scorecards/{evaluation_id}/criteria/{criterion_id}"): EVALUATORS,
    ("POST", "/scorecards/{evaluation_id}/submit"): EVALUATORS,
    ("POST", "/scorecards/{evaluation_id}/reopen"): EVALUATORS,
    ("POST", "/scorecards/{evaluation_id}/undo"): EVALUATORS,
    ("POST", "/scorecards/{evaluation_id}/events/{event_id}/restore"): EVALUATORS,
    ("POST", "/admin/settings"): ADMIN,
    ("POST", "/admin/users"): ADMIN,
    ("POST", "/admin/users/{user_id}"): ADMIN,
    ("POST", "/api/v1/companies"): EVALUATORS | {"conflicted"},
    ("PATCH", "/api/v1/companies/{company_id}"): EVALUATORS | {"conflicted"},
    ("POST", "/api/v1/companies/{company_id}/scorecards"): EVALUATORS,
    # The company of a new PR/FAQ is in the query string, absent here; tests/prfaq checks the
    # conflict on it. The draft below is the seeded Clausemint draft.
    ("POST", "/prfaqs/new"): EVALUATORS | {"conflicted"},
    ("POST", "/prfaqs/{draft_id}"): EVALUATORS,
    ("POST", "/prfaqs/{draft_id}/revisions/{number}/restore"): EVALUATORS,
    ("POST", "/prfaqs/{draft_id}/title"): EVALUATORS,
    # The demo analyst wrote the seeded drafts, so may archive them; tests/prfaq checks that
    # another analyst may not.
    ("POST", "/prfaqs/{draft_id}/archive"): EVALUATORS,
    ("PATCH", "/api/v1/prfaqs/{draft_id}"): EVALUATORS,
    ("POST", "/prfaq-templates/import"): ADMIN,
    # Conflicted users read a company's documents but neither upload nor archive them.
    ("POST", "/companies/{company_id}/documents"): EVALUATORS,  # Action.DOCUMENT_UPLOAD
    ("POST", "/api/v1/companies/{company_id}/documents"): EVALUATORS,  # Action.DOCUMENT_UPLOAD
    # The world's document was uploaded by the demo analyst, who may archive it (owner).
    ("POST", "/documents/{document_id}/archive"): EVALUATORS,  # Action.DOCUMENT_ARCHIVE
}
# Reads that must be refused to a conflicted evaluator (and to anonymous visitors).
CONFLICT_READS = [
    "/companies/{company_id}/scores",
    "/companies/{company_id}/score/problem-space",
    "/companies/{company_id}/tech-debt",
    "/api/v1/companies/{company_id}/scorecards",
    "/prfaqs/{draft_id}",
    "/prfaqs/{draft_id}/export/docx",
    "/api/v1/prfaqs/{draft_id}",
]


def _unsafe_routes(app) -> set[tuple[str, str]]:
    found = set()
    for context in iter_route_contexts(app.routes):
        methods = set(
            getattr(context, "methods", None)
            or getattr(context.original_route, "methods", ())
            or ()
        )
        for method in methods - {"GET", "HEAD", "OPTIONS"}:
            found.add((method, context.path))
    return found


def test_every_state_changing_route_is_in_the_matrix(app):
    missing = sorted(_unsafe_routes(app) - set(MATRIX) - PUBLIC)
    assert missing == [], f"add these routes to the permission matrix: {missing}"


@pytest.fixture
def world(session, make_client, fill_scorecard):
    """A company, scorecards owned by each evaluator, a conflict, and a viewer account."""
    company = session.exec(select(Company).where(Company.name == "Clausemint")).one()
    scorecards = {}
    for role in ("analyst", "partner", "admin", "partner2"):
        evaluator = make_client(role)
        scorecards[role] = fill_scorecard(
            evaluator, company.id, "problem-space", {"problem-clarity": 3}
        )
    session.rollback()
    create_user(
        session,
        email="viewer@pitchlab.example",
        display_name="Vera",
        role="viewer",
        password="viewer-password-1",
    )
    conflicted = find_user(session, DEMO_EMAILS["partner2"])
    session.add(Conflict(company_id=company.id, user_id=conflicted.id, reason="Board seat"))
    session.commit()
    pack = get_pack_version(session, "problem-space")
    document = Document(
        company_id=company.id,
        kind="memo",  # the seeded demo deck is version 1 of the company's deck
        filename="memo.pdf",
        content_type="application/pdf",
        sha256="0" * 64,
        uploaded_by_id=find_user(session, DEMO_EMAILS["analyst"]).id,
    )
    session.add(document)
    session.commit()
    return {
        "document_id": document.id,
        "company": company,
        "scorecards": scorecards,
        "pack": pack,
        "conflict_id": session.exec(select(Conflict.id)).one(),
        "event_id": {
            role: session.exec(select(ScoreEvent.id).where(ScoreEvent.evaluation_id == sid)).first()
            for role, sid in scorecards.items()
        },
        "user_id": find_user(session, DEMO_EMAILS["analyst"]).id,
        "draft_id": session.exec(
            select(PrfaqDraft.id).where(PrfaqDraft.company_id == company.id)
        ).first(),
    }


def _client_for(role, make_client, api_token):
    if role == "anonymous":
        return make_client(), {}
    if role == "viewer":
        viewer = make_client()
        log_in(viewer, "viewer@pitchlab.example", "viewer-password-1")
        return viewer, api_token("viewer@pitchlab.example")
    who = "partner2" if role == "conflicted" else role
    return make_client(who), api_token(who)


def _url(path: str, role: str, world) -> str:
    owner = {"conflicted": "partner2", "viewer": "analyst", "anonymous": "analyst"}.get(role, role)
    return path.format(
        company_id=world["company"].id,
        conflict_id=world["conflict_id"],
        key="problem-space",
        pack_key="problem-space",
        criterion_key=world["pack"].criteria[0].key,
        evaluation_id=world["scorecards"][owner],
        criterion_id=world["pack"].criteria[0].id,
        event_id=world["event_id"][owner],
        user_id=world["user_id"],
        draft_id=world["draft_id"],
        document_id=world["document_id"],
        number=1,
    )


def _outcome(response, *, api: bool) -> str:
    if response.status_code >= 500:
        return f"server error {response.status_code}"
    if response.status_code in (401, 403) or (
        response.status_code == 303 and response.headers["location"].startswith("/login")
    ):
        return "refused"
    return "allowed"


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, world, make_client, api_token):
    test_client, token = _client_for(role, make_client, api_token)
    wrong = []
    for (method, path), allowed in sorted(MATRIX.items()):
        api = path.startswith("/api/")
        url = _url(path, role, world)
        body = {"json": {}} if api else {"data": {}}
        response = test_client.request(
            method, url, headers=token if api else {}, follow_redirects=False, **body
        )
        expected = "allowed" if role in allowed else "refused"
        if _outcome(response, api=api) != expected:
            wrong.append(f"{method} {url}: expected {expected}, got {response.status_code}")
        if role == "anonymous" and api and response.status_code != 401:
            wrong.append(
                f"{method} {url}: anonymous API call should be 401, got {response.status_code}"
            )
    assert wrong == []


@pytest.mark.parametrize("path", CONFLICT_READS)
def test_conflicted_evaluator_cannot_read_by_url(path, world, make_client, api_token):
    conflicted, token = _client_for("conflicted", make_client, api_token)
    url = _url(path, "conflicted", world)
    response = conflicted.get(
        url, headers=token if url.startswith("/api/") else {}, follow_redirects=False
    )
    assert response.status_code == 403
