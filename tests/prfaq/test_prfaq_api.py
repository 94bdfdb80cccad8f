"""PR/FAQ drafts through the JSON API: the list the caller may see, one draft, its exports."""

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
    assert {"id", "company_id", "company_name", "language", "template_key",
            "current_revision"} <= set(item)


def test_list_leaves_out_conflicted_companies(client, api_token, conflicted_analyst):
    client.headers.update(api_token("analyst"))
    titles = [item["title"] for item in client.get("/api/v1/prfaqs").json()["items"]]
    assert GOOD_EN not in titles and WEAK_EN in titles


def test_read_as_json_carries_sections_and_findings(api, session):
    draft = draft_by_title(session, WEAK_EN)
    body = api.get(f"/api/v1/prfaqs/{draft.id}").json()
    assert body["title"] == WEAK_EN and body["revision"] == 1
    assert body["sections"]["problem"] == ""
    assert {"part": "problem", "kind": "empty", "severity": "missing",
            "message": "Problem is empty."} in body["findings"]
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
    admin_client.post(f"/prfaqs/{draft.id}", headers=HTMX,
                      data=draft_form(session, draft.id, headline="New"))
    assert api.get(f"/api/v1/prfaqs/{draft.id}").json()["sections"]["headline"] == "New"
    old = api.get(f"/api/v1/prfaqs/{draft.id}", params={"revision": 1}).json()
    assert old["revision"] == 1 and old["sections"]["headline"].startswith("Blurbcraft: AI-powered")
    assert api.get(f"/api/v1/prfaqs/{draft.id}", params={"revision": 9}).status_code == 404
    assert api.get(f"/api/v1/prfaqs/{draft.id}", params={"format": "pdf"}).status_code == 422
