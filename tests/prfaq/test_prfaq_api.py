"""PR/FAQ drafts through the JSON API: the list the caller may see, one draft, its exports;
renaming, archiving and restoring with PATCH."""

import io

import pytest
from docx import Document

from .conftest import GOOD_EN, GOOD_ZH, WEAK_EN, draft_by_title


@pytest.fixture
def api(client, api_token):
    client.headers.update(api_token("admin"))
    return client


def test_list_is_paginated_and_newest_first(api):
    first = api.get("/api/v1/prfaqs", params={"page_size": 3}).json()
    assert first["total"] == 4 and first["pages"] == 2 and len(first["items"]) == 3
    second = api.get("/api/v1/prfaqs", params={"page_size": 3, "page": 2}).json()
    titles = [item["title"] for item in first["items"] + second["items"]]
    assert sorted(titles) == sorted([GOOD_EN, WEAK_EN, GOOD_ZH, "Dreamreel 1.0 announcement"])
    item = first["items"][0]
    assert {
        "id",
        "company_id",
        "company_name",
        "language",
        "template_key",
        "current_revision",
    } <= set(item)


def test_list_leaves_out_conflicted_companies(client, api_token, conflicted_analyst):
    client.headers.update(api_token("analyst"))
    titles = [item["title"] for item in client.get("/api/v1/prfaqs").json()["items"]]
    assert GOOD_EN not in titles and WEAK_EN in titles


def test_read_as_json_carries_sections_and_findings(api, session):
    draft = draft_by_title(session, WEAK_EN)
    body = api.get(f"/api/v1/prfaqs/{draft.id}").json()
    assert body["title"] == WEAK_EN and body["revision"] == 1
    assert body["sections"]["problem"] == ""
    assert {
        "part": "problem",
        "kind": "empty",
        "severity": "missing",
        "message": "Problem is empty.",
    } in body["findings"]
    assert body["faqs"]["external"][0]["question"] == "Which languages does it support?"


def test_exports_in_the_drafts_language(api, session):
    draft = draft_by_title(session, GOOD_ZH)
    markdown = api.get(f"/api/v1/prfaqs/{draft.id}", params={"format": "md"})
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith(f"# {GOOD_ZH}\n") and "## 副标题" in markdown.text
    html = api.get(f"/api/v1/prfaqs/{draft.id}", params={"format": "html"})
    assert html.headers["content-type"].startswith("text/html")
    assert '<html lang="zh-Hans">' in html.text and "@media print" in html.text
    docx = api.get(f"/api/v1/prfaqs/{draft.id}", params={"format": "docx"})
    assert docx.headers["content-disposition"] == f'attachment; filename="prfaq-{draft.id}-r1.docx"'
    document = Document(io.BytesIO(docx.content))
    assert document.core_properties.language == "zh-CN"
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == GOOD_ZH and "副标题" in texts and "多少钱？怎么计费？" in texts


def test_an_older_revision_can_be_read(api, session, admin_client):
    from .conftest import HTMX, draft_form

    draft = draft_by_title(session, WEAK_EN)
    admin_client.post(
        f"/prfaqs/{draft.id}", headers=HTMX, data=draft_form(session, draft.id, headline="New")
    )
    assert api.get(f"/api/v1/prfaqs/{draft.id}").json()["sections"]["headline"] == "New"
    old = api.get(f"/api/v1/prfaqs/{draft.id}", params={"revision": 1}).json()
    assert old["revision"] == 1 and old["sections"]["headline"].startswith("Blurbcraft: AI-powered")
    assert api.get(f"/api/v1/prfaqs/{draft.id}", params={"revision": 9}).status_code == 404
    assert api.get(f"/api/v1/prfaqs/{draft.id}", params={"format": "pdf"}).status_code == 422


def test_patch_renames_archives_and_restores(api, session):
    draft = draft_by_title(session, WEAK_EN)
    url = f"/api/v1/prfaqs/{draft.id}"
    renamed = api.patch(url, json={"title": "  Blurbcraft, second try  "})
    assert renamed.status_code == 200
    assert renamed.json()["title"] == "Blurbcraft, second try"
    assert renamed.json()["archived"] is False
    archived = api.patch(url, json={"archived": True}).json()
    assert archived["archived"] is True and archived["archived_at"] is not None
    stored = draft_by_title(session, "Blurbcraft, second try")
    assert stored.archived_at is not None and stored.archived_by_id is not None
    listed = [item["title"] for item in api.get("/api/v1/prfaqs").json()["items"]]
    assert "Blurbcraft, second try" not in listed and len(listed) == 3
    only_archived = api.get("/api/v1/prfaqs", params={"archived": "true"}).json()["items"]
    assert [(item["title"], item["archived"]) for item in only_archived] == [
        ("Blurbcraft, second try", True)
    ]
    assert api.get(url).json()["archived"] is True  # still readable, and says so

    refused = api.patch(url, json={"title": "Renamed while archived"})
    assert refused.status_code == 409 and "archived" in refused.json()["detail"]
    back = api.patch(url, json={"archived": False, "title": "Blurbcraft, third try"}).json()
    assert (back["title"], back["archived"], back["archived_at"]) == (
        "Blurbcraft, third try",
        False,
        None,
    )
    assert draft_by_title(session, "Blurbcraft, third try").archived_by_id is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": None}, "title"),
        ({"title": 7}, "title"),
        ({"archived": "yes"}, "archived"),
        ({"archived": None}, "archived"),
        ({"titel": "Typo"}, "titel"),
    ],
)
def test_patch_refuses_bad_input_naming_the_field(api, session, body, field):
    draft = draft_by_title(session, WEAK_EN)
    answer = api.patch(f"/api/v1/prfaqs/{draft.id}", json=body)
    assert answer.status_code == 422
    assert [error["loc"] for error in answer.json()["detail"]] == [["body", field]]
    stored = draft_by_title(session, WEAK_EN)
    assert stored.archived_at is None


def test_patch_permissions(client, api_token, session, other_analyst, viewer_client):
    draft = draft_by_title(session, GOOD_EN)  # written by the demo analyst
    url = f"/api/v1/prfaqs/{draft.id}"
    viewer = api_token("viewer@pitchlab.example")
    assert client.patch(url, json={"title": "Viewer's"}, headers=viewer).status_code == 403
    other = api_token(other_analyst.email)
    # Any evaluator renames; only the author, partners and admins archive.
    assert client.patch(url, json={"archived": True}, headers=other).status_code == 403
    retitled = client.patch(url, json={"title": "Retitled by a colleague"}, headers=other)
    assert retitled.status_code == 200
    author = api_token("analyst")
    assert client.patch(url, json={"archived": True}, headers=author).json()["archived"] is True
    assert client.patch(url, json={"archived": False}, headers=other).status_code == 403
    partner = api_token("partner")
    assert client.patch(url, json={"archived": False}, headers=partner).status_code == 200
    assert client.patch(url, json={"title": "No token"}).status_code == 401
    assert draft_by_title(session, "Retitled by a colleague").archived_at is None


def test_patch_refuses_a_conflicted_caller(client, api_token, session, conflicted_analyst):
    draft = draft_by_title(session, GOOD_EN)
    answer = client.patch(
        f"/api/v1/prfaqs/{draft.id}", json={"archived": True}, headers=api_token("analyst")
    )
    assert answer.status_code == 403 and "conflict of interest" in answer.json()["detail"]
    assert draft_by_title(session, GOOD_EN).archived_at is None
