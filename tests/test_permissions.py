"""The permission matrix: every state-changing route and API endpoint x every role.

Each route names the rule it enforces; what each role may do comes from pitchlab.permissions,
the one table the app uses too (issue 11). Each role meets each route once, on its own copy of
the seeded database. A route added to the app without a row here fails
test_every_state_changing_route_is_in_the_matrix.
"""

from dataclasses import dataclass

import pytest
from fastapi.routing import iter_route_contexts
from sqlmodel import select

from pitchlab.auth.users import create_user, find_user
from pitchlab.deals.activity import record_activity
from pitchlab.meetings.agenda import agenda
from pitchlab.models import (
    Assignment,
    Company,
    Conflict,
    Document,
    PrfaqDraft,
    SavedView,
    ScoreEvent,
    User,
)
from pitchlab.permissions import Action, can
from pitchlab.rubrics.store import get_pack_version

from .conftest import DEMO_EMAILS, log_in, save_test_meeting

ROLES = ["anonymous", "viewer", "analyst", "partner", "admin", "conflicted"]
# Token-guarded or anonymous by nature: the setup link checks its own one-time token.
PUBLIC = {("POST", "/locale"), ("POST", "/login"), ("POST", "/logout"), ("POST", "/setup/{token}")}


@dataclass(frozen=True)
class Rule:
    """What a route asks of the caller: an action, and whether the company in the URL's
    conflicts count (`company`), and whose thing it acts on (`owner`, a demo role)."""

    action: Action
    company: bool = False
    owner: str | None = None


# (method, path) -> the rule the route must enforce. The expected outcome for each role comes
# from pitchlab.permissions itself (expected_roles), so this table and the app cannot drift.
# "conflicted" is a partner with a declared conflict on the company in the URL; scorecard routes
# use the caller's own scorecard.
MATRIX = {
    ("POST", "/companies"): Rule(Action.COMPANY_CREATE),
    ("POST", "/companies/{company_id}"): Rule(Action.COMPANY_EDIT),
    ("POST", "/companies/{company_id}/archive"): Rule(Action.COMPANY_ARCHIVE),
    ("POST", "/companies/import/preview"): Rule(Action.COMPANY_IMPORT),
    ("POST", "/companies/import/confirm"): Rule(Action.COMPANY_IMPORT),
    ("POST", "/compare/exports"): Rule(Action.EXPORT),
    ("POST", "/companies/{company_id}/tech-debt"): Rule(Action.TECHDEBT_EDIT, company=True),
    ("POST", "/companies/{company_id}/conflicts"): Rule(Action.CONFLICT_DECLARE),
    ("POST", "/companies/{company_id}/conflicts/{conflict_id}/remove"): Rule(
        Action.CONFLICT_REMOVE
    ),
    ("POST", "/rubrics/{key}/criteria"): Rule(Action.RUBRIC_MANAGE),
    ("POST", "/rubrics/{key}/criteria/{criterion_key}/move"): Rule(Action.RUBRIC_MANAGE),
    ("POST", "/rubrics/{key}/criteria/{criterion_key}/retire"): Rule(Action.RUBRIC_MANAGE),
    ("POST", "/rubrics/{key}/weights"): Rule(Action.RUBRIC_MANAGE),
    ("POST", "/rubrics/import/file"): Rule(Action.RUBRIC_MANAGE),
    ("POST", "/rubrics/new/pack"): Rule(Action.RUBRIC_MANAGE),
    ("POST", "/companies/{company_id}/score/{pack_key}"): Rule(Action.SCORE, company=True),
    ("POST", "/scorecards/{evaluation_id}/criteria/{criterion_id}"): Rule(
        Action.SCORE, company=True
    ),
    ("POST", "/scorecards/{evaluation_id}/submit"): Rule(Action.SCORE, company=True),
    ("POST", "/scorecards/{evaluation_id}/reopen"): Rule(Action.SCORE, company=True),
    ("POST", "/scorecards/{evaluation_id}/undo"): Rule(Action.SCORE, company=True),
    ("POST", "/scorecards/{evaluation_id}/events/{event_id}/restore"): Rule(
        Action.SCORE, company=True
    ),
    ("POST", "/admin/settings"): Rule(Action.ADMIN_SETTINGS),
    ("POST", "/admin/users"): Rule(Action.ADMIN_USERS),
    ("POST", "/admin/users/{user_id}"): Rule(Action.ADMIN_USERS),
    ("POST", "/admin/users/{user_id}/sessions/end"): Rule(Action.ADMIN_USERS),
    ("POST", "/admin/anchors"): Rule(Action.ANCHOR_MANAGE),
    ("POST", "/admin/anchors/{anchor_id}/delete"): Rule(Action.ANCHOR_MANAGE),
    ("POST", "/account/sessions/end"): Rule(Action.OWN_ACCOUNT),
    ("POST", "/api/v1/companies"): Rule(Action.COMPANY_CREATE),
    ("PATCH", "/api/v1/companies/{company_id}"): Rule(Action.COMPANY_EDIT),
    ("POST", "/api/v1/companies/{company_id}/scorecards"): Rule(Action.SCORE, company=True),
    # The company of a new PR/FAQ is in the query string, absent here; tests/prfaq checks the
    # conflict on it. The draft below is the seeded Clausemint draft.
    ("POST", "/prfaqs/new"): Rule(Action.PRFAQ_WRITE),
    ("POST", "/prfaqs/{draft_id}"): Rule(Action.PRFAQ_WRITE, company=True),
    ("POST", "/prfaqs/{draft_id}/revisions/{number}/restore"): Rule(
        Action.PRFAQ_WRITE, company=True
    ),
    ("POST", "/prfaqs/{draft_id}/title"): Rule(Action.PRFAQ_WRITE, company=True),
    # The demo analyst wrote the seeded drafts, so may archive them; tests/prfaq checks that
    # another analyst may not.
    ("POST", "/prfaqs/{draft_id}/archive"): Rule(
        Action.PRFAQ_ARCHIVE, company=True, owner="analyst"
    ),
    ("PATCH", "/api/v1/prfaqs/{draft_id}"): Rule(Action.PRFAQ_WRITE, company=True),
    ("POST", "/prfaq-templates/import"): Rule(Action.PRFAQ_TEMPLATE_MANAGE),
    # Worksheets (issue 16); {kind} is problem-space. The preview saves nothing: readers use it.
    ("POST", "/companies/{company_id}/worksheets/{kind}"): Rule(
        Action.WORKSHEET_EDIT, company=True
    ),
    ("POST", "/companies/{company_id}/worksheets/{kind}/preview"): Rule(
        Action.WORKSHEET_READ, company=True
    ),
    ("PUT", "/api/v1/companies/{company_id}/worksheets/{kind}"): Rule(
        Action.WORKSHEET_EDIT, company=True
    ),
    ("POST", "/model-releases"): Rule(Action.MODEL_RELEASE_MARK),
    # The deal workflow (issue 13). The world's comment, assignment and saved view are the
    # analyst's.
    ("POST", "/companies/{company_id}/comments"): Rule(Action.COMMENT),
    ("POST", "/companies/{company_id}/comments/{comment_id}"): Rule(
        Action.COMMENT_EDIT, owner="analyst"
    ),
    ("POST", "/companies/{company_id}/comments/{comment_id}/delete"): Rule(
        Action.COMMENT_EDIT, owner="analyst"
    ),
    ("POST", "/companies/{company_id}/assignments"): Rule(Action.ASSIGN),
    ("POST", "/board/move"): Rule(Action.COMPANY_SET_STATUS),
    ("POST", "/assignments"): Rule(Action.ASSIGN),
    ("POST", "/notifications/read"): Rule(Action.READ),
    ("POST", "/views"): Rule(Action.READ),
    ("POST", "/views/{view_id}/delete"): Rule(Action.SAVED_VIEW_EDIT, owner="analyst"),
    ("POST", "/api/v1/assignments"): Rule(Action.ASSIGN),
    ("POST", "/api/v1/assignments/{assignment_id}/complete"): Rule(
        Action.ASSIGNMENT_COMPLETE, owner="analyst"
    ),
    ("POST", "/api/v1/companies/{company_id}/comments"): Rule(Action.COMMENT),
    ("PATCH", "/api/v1/companies/{company_id}/comments/{comment_id}"): Rule(
        Action.COMMENT_EDIT, owner="analyst"
    ),
    ("DELETE", "/api/v1/companies/{company_id}/comments/{comment_id}"): Rule(
        Action.COMMENT_EDIT, owner="analyst"
    ),
    ("POST", "/api/v1/notifications/read"): Rule(Action.READ),
    # Conflicted users read a company's documents but neither upload nor archive them.
    ("POST", "/companies/{company_id}/documents"): Rule(Action.DOCUMENT_UPLOAD, company=True),
    ("POST", "/api/v1/companies/{company_id}/documents"): Rule(
        Action.DOCUMENT_UPLOAD, company=True
    ),
    # The world's document was uploaded by the demo analyst, who may archive it (owner).
    ("POST", "/documents/{document_id}/archive"): Rule(
        Action.DOCUMENT_ARCHIVE, company=True, owner="analyst"
    ),
    # Issue 14: IC meetings. The chair is the demo partner (owner); votes are refused to a
    # conflicted attendee (the company of the agenda item in the URL).
    ("POST", "/meetings"): Rule(Action.MEETING_CREATE),
    ("POST", "/meetings/{meeting_id}"): Rule(Action.MEETING_EDIT),
    ("POST", "/meetings/{meeting_id}/items/{item_id}/move"): Rule(Action.MEETING_EDIT),
    ("POST", "/meetings/{meeting_id}/items/{item_id}/vote"): Rule(
        Action.MEETING_VOTE, company=True
    ),
    ("POST", "/meetings/{meeting_id}/items/{item_id}/reveal"): Rule(
        Action.MEETING_CHAIR, owner="partner"
    ),
    ("POST", "/meetings/{meeting_id}/items/{item_id}/decision"): Rule(
        Action.MEETING_CHAIR, owner="partner"
    ),
    ("POST", "/meetings/{meeting_id}/close"): Rule(Action.MEETING_CHAIR, owner="partner"),
    ("POST", "/meetings/{meeting_id}/corrections"): Rule(Action.MEETING_CORRECT),
    ("POST", "/api/v1/meetings"): Rule(Action.MEETING_CREATE),
    ("PUT", "/api/v1/meetings/{meeting_id}/agenda"): Rule(Action.MEETING_EDIT),
    ("POST", "/api/v1/meetings/{meeting_id}/items/{item_id}/votes"): Rule(
        Action.MEETING_VOTE, company=True
    ),
    ("POST", "/api/v1/meetings/{meeting_id}/items/{item_id}/reveal"): Rule(
        Action.MEETING_CHAIR, owner="partner"
    ),
    ("POST", "/api/v1/meetings/{meeting_id}/items/{item_id}/decision"): Rule(
        Action.MEETING_CHAIR, owner="partner"
    ),
    ("POST", "/api/v1/meetings/{meeting_id}/close"): Rule(Action.MEETING_CHAIR, owner="partner"),
}
# Demo ids stand in for users: only ownership compares them.
_ROLE_IDS = {"viewer": 1, "analyst": 2, "partner": 3, "admin": 4, "conflicted": 5}


def expected_roles(rule: Rule) -> set[str]:
    """The roles `pitchlab.permissions.can` lets through this rule."""
    allowed = set()
    for role, user_id in _ROLE_IDS.items():
        user = User(id=user_id, role="partner" if role == "conflicted" else role, is_active=True)
        owner_id = _ROLE_IDS[rule.owner] if rule.owner else None
        conflicted = role == "conflicted" and rule.company
        if can(user, rule.action, conflicted=conflicted, owner_id=owner_id):
            allowed.add(role)
    return allowed


# Reads that must be refused to a conflicted evaluator (and to anonymous visitors).
CONFLICT_READS = [
    "/companies/{company_id}/scores",
    "/companies/{company_id}/score/problem-space",
    "/companies/{company_id}/tech-debt",
    "/api/v1/companies/{company_id}/scorecards",
    "/prfaqs/{draft_id}",
    "/prfaqs/{draft_id}/export/docx",
    "/api/v1/prfaqs/{draft_id}",
    "/companies/{company_id}/worksheets",
    "/companies/{company_id}/worksheets/{kind}",
    "/companies/{company_id}/worksheets/{kind}/revisions/1",
    "/api/v1/companies/{company_id}/worksheets",
    "/api/v1/companies/{company_id}/worksheets/{kind}",
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
    analyst = find_user(session, DEMO_EMAILS["analyst"])
    comment = record_activity(
        session, company_id=company.id, kind="comment", actor_id=analyst.id, body="Mine"
    )
    assignment = Assignment(company_id=company.id, user_id=analyst.id, pack_id=pack.pack.id)
    view = SavedView(user_id=analyst.id, name="Mine", query="q=a")
    document = Document(
        company_id=company.id,
        kind="memo",  # the seeded demo deck is version 1 of the company's deck
        filename="memo.pdf",
        content_type="application/pdf",
        sha256="0" * 64,
        uploaded_by_id=analyst.id,
    )
    session.add_all([assignment, view, document])
    session.commit()
    meeting = _meeting(session, company)
    return {
        "meeting_id": meeting.id,
        "item_id": agenda(session, meeting.id)[0].id,
        "comment_id": comment.id,
        "assignment_id": assignment.id,
        "view_id": view.id,
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


def _meeting(session, company):
    """An open IC meeting the demo partner chairs, every demo user attending, the company on
    its agenda."""
    return save_test_meeting(
        session,
        chair_email=DEMO_EMAILS["partner"],
        company_ids=[company.id],
        attendee_emails=DEMO_EMAILS.values(),
    )


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
        kind="problem-space",
        anchor_id=1,
        comment_id=world["comment_id"],
        assignment_id=world["assignment_id"],
        view_id=world["view_id"],
        meeting_id=world["meeting_id"],
        item_id=world["item_id"],
    )


def _outcome(response, *, api: bool) -> str:
    if response.status_code >= 500:
        return f"server error {response.status_code}"
    if response.status_code in (401, 403) or (
        response.status_code == 303 and response.headers["location"].startswith("/login?next=")
    ):
        return "refused"
    return "allowed"


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, world, make_client, api_token):
    test_client, token = _client_for(role, make_client, api_token)
    wrong = []
    # Ending one's own sessions goes last: every later request would be anonymous.
    order = sorted(MATRIX.items(), key=lambda item: (item[0][1] == "/account/sessions/end", item))
    for (method, path), rule in order:
        api = path.startswith("/api/")
        url = _url(path, role, world)
        body = {"json": {}} if api else {"data": {}}
        response = test_client.request(
            method, url, headers=token if api else {}, follow_redirects=False, **body
        )
        expected = "allowed" if role in expected_roles(rule) else "refused"
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
