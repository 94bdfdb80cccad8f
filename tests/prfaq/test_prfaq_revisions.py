"""Revisions: history, compare, restore; two people on one draft; refused and unsafe input."""

import io
import re

from docx import Document

from pitchlab.prfaq.editing import SECTION_MAX_CHARS

from .conftest import HTMX, WEAK_EN, current_content, draft_by_title, draft_form, revisions

XSS = '<script>alert("x")</script> <img src=x onerror="alert(1)"> [click](javascript:alert(2))'


def _save(client, session, draft_id, **changes):
    answer = client.post(
        f"/prfaqs/{draft_id}", headers=HTMX, data=draft_form(session, draft_id, **changes)
    )
    assert answer.status_code == 200, answer.text
    return answer


def test_history_lists_every_revision_with_its_author(admin_client, session, make_client):
    draft = draft_by_title(session, WEAK_EN)
    _save(admin_client, session, draft.id, problem="Sellers write copy at night.")
    _save(make_client("partner"), session, draft.id, problem="Sellers write copy at midnight.")
    page = admin_client.get(f"/prfaqs/{draft.id}/history").text
    rows = re.findall(r'<tr id="revision-(\d+)">.*?<td>([^<]*)</td>\s*<td><time', page, re.DOTALL)
    assert rows == [("3", "Tobias Okafor"), ("2", "Mara Lindqvist"), ("1", "Priya Raman")]


def test_compare_shows_a_readable_diff(admin_client, session):
    draft = draft_by_title(session, WEAK_EN)
    _save(admin_client, session, draft.id, problem="Sellers write copy at night.")
    _save(
        admin_client,
        session,
        draft.id,
        problem="Sellers write product copy at midnight.",
        headline="Blurbcraft",
    )
    page = admin_client.get(f"/prfaqs/{draft.id}/compare?from=2&to=3").text
    assert "Revision 2 → revision 3" in page
    problem = page[page.index('id="diff-problem"') :]
    assert "write<ins> product</ins> copy at <del>night</del><ins>midnight</ins>." in problem
    assert 'id="diff-headline"' in page
    assert "Unchanged:" in page and "Solution" in page[page.index("Unchanged:") :]


def test_restore_adds_the_old_text_as_a_new_revision(admin_client, session):
    draft = draft_by_title(session, WEAK_EN)
    original = current_content(session, draft.id).sections["headline"]
    _save(admin_client, session, draft.id, headline="Second headline")
    restored = admin_client.post(
        f"/prfaqs/{draft.id}/revisions/1/restore",
        data={"base_revision": "2"},
        follow_redirects=False,
    )
    assert restored.status_code == 303
    assert [r.number for r in revisions(session, draft.id)] == [1, 2, 3]
    assert current_content(session, draft.id).sections["headline"] == original
    assert revisions(session, draft.id)[1].sections["headline"] == "Second headline"


def test_restore_from_a_stale_history_page_is_refused(admin_client, session):
    draft = draft_by_title(session, WEAK_EN)
    _save(admin_client, session, draft.id, headline="Second headline")
    refused = admin_client.post(
        f"/prfaqs/{draft.id}/revisions/1/restore", data={"base_revision": "1"}
    )
    assert refused.status_code == 409 and "nothing was restored" in refused.text
    assert current_content(session, draft.id).sections["headline"] == "Second headline"


def test_stale_save_is_refused_with_the_other_change_shown(make_client, session):
    draft = draft_by_title(session, WEAK_EN)
    analyst, partner = make_client("analyst"), make_client("partner")
    partners_form = draft_form(session, draft.id, problem="Partner's problem text")
    _save(analyst, session, draft.id, problem="Analyst's problem text", headline="Analyst headline")
    refused = partner.post(f"/prfaqs/{draft.id}", headers=HTMX, data=partners_form)
    assert refused.status_code == 409
    conflict = refused.text[refused.text.index('id="conflict"') :]
    assert "Priya Raman saved up to revision 2" in conflict
    assert "Analyst&#39;s problem text" in conflict and "Partner&#39;s problem text" in conflict
    assert "Analyst headline" in conflict
    assert re.search(
        r'id="error-problem"[^>]*>Someone else changed this since you started', refused.text
    )
    assert 'name="base_revision"' not in refused.text  # the stale form keeps its base
    # Nothing was overwritten.
    assert [r.number for r in revisions(session, draft.id)] == [1, 2]
    assert current_content(session, draft.id).sections["problem"] == "Analyst's problem text"


def test_keeping_my_changes_replaces_only_what_i_changed(make_client, session):
    draft = draft_by_title(session, WEAK_EN)
    analyst, partner = make_client("analyst"), make_client("partner")
    partners_form = draft_form(session, draft.id, problem="Partner's problem text")
    _save(analyst, session, draft.id, problem="Analyst's problem text", headline="Analyst headline")
    kept = partner.post(
        f"/prfaqs/{draft.id}", headers=HTMX, data={**partners_form, "keep_mine_over": "2"}
    )
    assert kept.status_code == 200 and "Saved as revision 3." in kept.text
    sections = current_content(session, draft.id).sections
    assert sections["problem"] == "Partner's problem text"
    assert sections["headline"] == "Analyst headline"


def test_keep_mine_over_an_older_revision_is_refused_again(make_client, session):
    draft = draft_by_title(session, WEAK_EN)
    analyst, partner = make_client("analyst"), make_client("partner")
    partners_form = draft_form(session, draft.id, problem="Partner's problem text")
    _save(analyst, session, draft.id, problem="First")
    _save(analyst, session, draft.id, problem="Second")
    again = partner.post(
        f"/prfaqs/{draft.id}", headers=HTMX, data={**partners_form, "keep_mine_over": "2"}
    )
    assert again.status_code == 409 and "saved up to revision 3" in again.text
    assert current_content(session, draft.id).sections["problem"] == "Second"


def test_stale_plain_post_gives_the_page_back_with_my_text(make_client, session):
    draft = draft_by_title(session, WEAK_EN)
    analyst, partner = make_client("analyst"), make_client("partner")
    partners_form = draft_form(session, draft.id, problem="Partner draft of the problem")
    _save(analyst, session, draft.id, problem="Analyst draft")
    page = partner.post(f"/prfaqs/{draft.id}", data=partners_form)
    assert page.status_code == 409
    assert ">Partner draft of the problem</textarea>" in page.text
    assert 'id="keep-mine"' in page.text


def test_oversized_section_is_refused_and_the_rest_kept(admin_client, session):
    draft = draft_by_title(session, WEAK_EN)
    before = current_content(session, draft.id).sections["problem"]
    huge = "a" * 1_000_000
    form = draft_form(session, draft.id, problem=huge, headline="Kept headline")
    answer = admin_client.post(f"/prfaqs/{draft.id}", headers=HTMX, data=form)
    assert answer.status_code == 422
    error = re.search(
        r'id="error-problem" role="alert" hx-swap-oob="true">([^<]*)</p>', answer.text
    )
    assert error and f"longer than {SECTION_MAX_CHARS:,} characters" in error[1]
    assert "Saved as revision 2, except the parts marked below." in answer.text
    assert huge not in answer.text
    sections = current_content(session, draft.id).sections
    assert sections["headline"] == "Kept headline" and sections["problem"] == before


def test_markup_in_a_section_is_shown_as_text_in_preview_page_and_exports(admin_client, session):
    draft = draft_by_title(session, WEAK_EN)
    saved = admin_client.post(
        f"/prfaqs/{draft.id}", headers=HTMX, data=draft_form(session, draft.id, problem=XSS)
    )
    preview = re.search(
        r'id="preview-problem" hx-swap-oob="true">(.*?)</div>', saved.text, re.DOTALL
    )[1]
    assert "&lt;script&gt;" in preview and "<script" not in preview
    assert "<img" not in preview and 'href="javascript' not in preview
    page = admin_client.get(f"/prfaqs/{draft.id}").text
    assert "<script>alert" not in page and "<img src=x" not in page
    html = admin_client.get(f"/prfaqs/{draft.id}/export/html").text
    assert "&lt;script&gt;" in html and "<script" not in html
    assert "<img" not in html and 'href="javascript' not in html
    markdown = admin_client.get(f"/prfaqs/{draft.id}/export/md").text
    assert XSS in markdown  # a Markdown file is text; whoever renders it must escape it
    docx = Document(io.BytesIO(admin_client.get(f"/prfaqs/{draft.id}/export/docx").content))
    assert any('<script>alert("x")</script>' in p.text for p in docx.paragraphs)
