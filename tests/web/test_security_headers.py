"""Protective headers on every page, and templates that a strict CSP can serve (issue 7).

The policy allows scripts and styles from the app's own origin only, with no 'unsafe-inline'
anywhere, so no template may carry inline code, inline event handlers or style attributes.
"""

import re

import pytest
from fastapi.routing import iter_route_contexts
from sqlmodel import select

from pitchlab.auth.users import find_user
from pitchlab.meetings.agenda import agenda
from pitchlab.models import Company, Document, PrfaqDraft
from pitchlab.pairwise.data import create_session
from pitchlab.paths import resource_dir
from pitchlab.rubrics.store import get_pack_version

from ..conftest import save_test_meeting

# GET routes not walked here, and why; a new GET route must be walked or listed.
NOT_WALKED = {
    "/openapi.json": "JSON, checked below with the API",
    "/setup/{token}": "needs a live one-time token; tests/auth/test_first_run.py checks it",
}
API_READS = [
    "/api/v1/companies",
    "/api/v1/companies/{company_id}",
    "/api/v1/rubrics",
    "/api/v1/prfaqs",
    "/openapi.json",
    "/healthz",
]


def _directives(policy: str) -> dict[str, list[str]]:
    found = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


def assert_protected(response) -> None:
    headers = response.headers
    policy = _directives(headers["content-security-policy"])
    for directive in ("script-src", "style-src"):
        assert policy.get(directive, policy.get("default-src")) == ["'self'"], policy
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert "unsafe-eval" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] in (
        "same-origin",
        "no-referrer",
        "strict-origin-when-cross-origin",
    )
    assert headers["x-frame-options"] == "DENY"


@pytest.fixture
def walk(admin_client, session, company_id, fill_scorecard):
    """Every GET route of the app with its parameters filled from the seeded data."""
    pack = get_pack_version(session, "problem-space")
    scorecard_id = fill_scorecard(
        admin_client, company_id, "problem-space", {pack.criteria[0].key: 3}
    )
    started = admin_client.post("/compare/exports?format=csv")
    job_id = re.search(r'id="export-job-([0-9a-f]{32})"', started.text).group(1)
    draft_id = session.exec(
        select(PrfaqDraft.id).where(PrfaqDraft.company_id == company_id)
    ).first()
    # Issue 14: a meeting with the company on its agenda, and a head-to-head session (written
    # in a transaction of their own: the reads above must not be upgraded into a write).
    session.rollback()
    others = session.exec(select(Company.id).where(Company.id != company_id).limit(2)).all()
    meeting = save_test_meeting(
        session, chair_email="admin@pitchlab.example", company_ids=[company_id, *others]
    )
    admin = find_user(session, "admin@pitchlab.example")
    values = {
        "company_id": company_id,
        "key": "problem-space",
        "pack_key": "problem-space",
        "criterion_key": pack.criteria[0].key,
        "evaluation_id": scorecard_id,
        "draft_id": draft_id,
        "number": 1,
        "job_id": job_id,
        "kind": "problem-space",  # worksheets (issue 16); the demo saved its revision 1
        # Documents (issue 12): the company's seeded demo deck, its questions as Markdown.
        "document_id": session.exec(
            select(Document.id).where(Document.company_id == company_id)
        ).first(),
        "extension": "md",
        "meeting_id": meeting.id,
        "item_id": agenda(session, meeting.id)[0].id,
        "session_id": create_session(
            session, title="Finalists", company_ids=[company_id, *others], user=admin
        ),
    }
    formats = {"/compare/export.{fmt}": "csv", "/prfaqs/{draft_id}/export/{fmt}": "html"}
    # Routes whose parameters differ from the names above, or that need a query string.
    urls = {
        "/prfaq-templates/{key}": "/prfaq-templates/ai-product",
        "/prfaq-templates/{key}/export": "/prfaq-templates/ai-product/export",
        "/prfaqs/new": f"/prfaqs/new?company_id={company_id}",
    }
    for context in iter_route_contexts(admin_client.app.routes):
        methods = getattr(context, "methods", None) or getattr(
            context.original_route, "methods", None
        )
        path = context.path
        if "GET" not in (methods or ()) or path in NOT_WALKED or path.startswith("/api/"):
            continue
        urls.setdefault(path, path.format(**values, fmt=formats.get(path, "")))
    return urls


def test_every_page_sends_the_protective_headers(walk, admin_client):
    assert len(walk) > 40, "the walk found too few pages"
    failures = []
    for _path, url in sorted(walk.items()):
        response = admin_client.get(url, follow_redirects=False)
        if response.status_code >= 400:
            failures.append(f"{url}: {response.status_code}")
            continue
        assert_protected(response)
    assert failures == []


@pytest.mark.parametrize(
    "url",
    [
        "/login",
        "/docs",
        "/companies",
        "/nope",
        "/static/js/docs.js",
        "/static/missing.js",
        "/companies/999999",
    ],
)
def test_anonymous_pages_and_errors_send_the_protective_headers(url, client):
    assert_protected(client.get(url, follow_redirects=False))


@pytest.mark.parametrize("url", API_READS)
def test_api_answers_send_the_protective_headers(url, client, api_token, company_id):
    response = client.get(url.format(company_id=company_id), headers=api_token("admin"))
    assert response.status_code == 200
    assert_protected(response)


def test_refusal_of_a_huge_body_sends_the_protective_headers(client, settings):
    response = client.post("/companies", content=b"x" * (settings.max_body_bytes + 1))
    assert response.status_code == 413
    assert_protected(response)


# -- Templates ------------------------------------------------------------------------------

TEMPLATES = sorted(resource_dir("templates").rglob("*.html"))
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\s(on[a-z]+|hx-on[:\w-]*)\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)


def _name(path) -> str:
    return str(path.relative_to(resource_dir("templates")))


@pytest.mark.parametrize("template", TEMPLATES, ids=_name)
def test_template_has_no_inline_script_or_handler(template):
    source = template.read_text(encoding="utf-8")
    for attributes, body in SCRIPT_TAG.findall(source):
        is_data = re.search(r'type="application/(ld\+)?json"', attributes)
        assert "src=" in attributes or is_data, f"inline script in {_name(template)}"
        assert not body.strip() or is_data, f"code inside a <script> in {_name(template)}"
    assert not EVENT_HANDLER.search(source), f"inline event handler in {_name(template)}"
    assert not STYLE_ATTRIBUTE.search(source), (
        f"style attribute (blocked by the CSP) in {_name(template)}"
    )
    assert "<style" not in source.lower(), f"inline <style> in {_name(template)}"
    assert "javascript:" not in source.lower(), f"javascript: URL in {_name(template)}"


def test_the_template_check_sees_every_template():
    assert len(TEMPLATES) > 50
