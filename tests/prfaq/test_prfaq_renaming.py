"""Renaming a draft from its page: in place with htmx, or as a plain form; the title rule."""

import re

import pytest

from .conftest import GOOD_EN, HTMX, WEAK_EN, draft_by_title

HOSTILE = '<script>alert("x")</script> & co'


def _title_error(html: str) -> str:
    return re.search(r'id="draft-title-error" role="alert">(.*?)</p>', html, re.DOTALL)[1]


def test_draft_page_offers_the_rename_form_with_its_csrf_token(admin_client, session):
    draft = draft_by_title(session, WEAK_EN)
    page = admin_client.get(f"/prfaqs/{draft.id}").text
    form = re.search(r'<form method="post" action="/prfaqs/\d+/title".*?</form>', page, re.DOTALL)[
        0
    ]
    assert f'hx-post="/prfaqs/{draft.id}/title"' in form
    assert 'name="csrf_token" value="' in form and f'value="{WEAK_EN}"' in form


def test_rename_in_place_swaps_the_title_and_escapes_it(admin_client, session):
    draft = draft_by_title(session, WEAK_EN)
    answer = admin_client.post(
        f"/prfaqs/{draft.id}/title", headers=HTMX, data={"title": f"  {HOSTILE}  "}
    )
    assert answer.status_code == 200
    assert answer.text.lstrip().startswith("<title>")  # htmx retitles the browser tab
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co"
    assert f"<h1>{escaped}</h1>" in answer.text and "<script>" not in answer.text
    assert draft_by_title(session, HOSTILE).id == draft.id  # trimmed, stored as typed
    listed = admin_client.get("/prfaqs").text
    assert escaped in listed and "<script>alert" not in listed


def test_rename_without_javascript_goes_back_to_the_draft(admin_client, session):
    draft = draft_by_title(session, WEAK_EN)
    longest = "T" * 200
    answer = admin_client.post(
        f"/prfaqs/{draft.id}/title", data={"title": longest}, follow_redirects=False
    )
    assert answer.status_code == 303 and answer.headers["location"] == f"/prfaqs/{draft.id}"
    assert f"<h1>{longest}</h1>" in admin_client.get(f"/prfaqs/{draft.id}").text
    assert draft_by_title(session, longest).id == draft.id


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("   ", "This field is required."),
        ("x" * 201, "At most 200 characters."),
    ],
)
def test_bad_title_is_shown_again_with_its_problem(admin_client, session, typed, message):
    draft = draft_by_title(session, WEAK_EN)
    fragment = admin_client.post(f"/prfaqs/{draft.id}/title", headers=HTMX, data={"title": typed})
    assert fragment.status_code == 422
    assert _title_error(fragment.text) == message
    assert f'value="{typed}"' in fragment.text and '<details class="rename" open>' in fragment.text
    page = admin_client.post(f"/prfaqs/{draft.id}/title", data={"title": typed})
    assert page.status_code == 422 and _title_error(page.text) == message
    assert 'id="draft-form"' in page.text  # the whole draft page, editor included
    assert draft_by_title(session, WEAK_EN).id == draft.id


def test_typed_title_given_back_escaped(admin_client, session):
    draft = draft_by_title(session, WEAK_EN)
    typed = '"><img src=x onerror=alert(1)>' + "x" * 200
    fragment = admin_client.post(f"/prfaqs/{draft.id}/title", headers=HTMX, data={"title": typed})
    assert fragment.status_code == 422
    assert "<img" not in fragment.text and 'value="&#34;&gt;&lt;img src=x' in fragment.text


def test_viewer_and_conflicted_user_cannot_rename(
    conflicted_analyst, viewer_client, make_client, session
):
    draft = draft_by_title(session, GOOD_EN)
    assert 'id="rename-form"' not in viewer_client.get(f"/prfaqs/{draft.id}").text
    url = f"/prfaqs/{draft.id}/title"
    assert viewer_client.post(url, data={"title": "Viewer's"}).status_code == 403
    assert make_client("analyst").post(url, data={"title": "Conflicted"}).status_code == 403
    assert draft_by_title(session, GOOD_EN).id == draft.id
