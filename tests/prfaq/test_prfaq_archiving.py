"""Archiving a draft hides it from the lists and freezes it; restoring undoes both. Nothing is
deleted, so exports and the citations in scores keep working."""

import re

import pytest

from pitchlab.auth.users import find_user
from pitchlab.models import utcnow
from pitchlab.rubrics.store import get_pack_version

from ..conftest import DEMO_EMAILS, log_in
from .conftest import (
    GOOD_EN,
    HTMX,
    OTHER_ANALYST_EMAIL,
    OTHER_ANALYST_PASSWORD,
    WEAK_EN,
    draft_by_title,
    draft_form,
    revisions,
)


def _archive(client, draft_id: int, *, restore: bool = False):
    return client.post(
        f"/prfaqs/{draft_id}/archive" + ("?restore=1" if restore else ""), follow_redirects=False
    )


def _company_fragment(client, company_id: int, **params) -> str:
    return client.get(f"/prfaqs/company/{company_id}", params=params).text


def test_archiving_hides_the_draft_until_the_archived_filter_is_ticked(admin_client, session):
    draft = draft_by_title(session, GOOD_EN)
    assert _archive(admin_client, draft.id).headers["location"] == f"/prfaqs/{draft.id}"
    stored = draft_by_title(session, GOOD_EN)
    assert stored.archived_by_id == find_user(session, DEMO_EMAILS["admin"]).id
    assert (utcnow() - stored.archived_at).total_seconds() < 60

    listed = admin_client.get("/prfaqs").text
    assert GOOD_EN not in listed and WEAK_EN in listed and "3 drafts" in listed
    archived = admin_client.get("/prfaqs", params={"archived": "1"}, headers=HTMX).text
    assert GOOD_EN in archived and WEAK_EN not in archived
    assert '<span class="badge">Archived' in archived
    page = admin_client.get("/prfaqs", params={"archived": "1"}).text
    assert 'name="archived" value="1" id="prfaq-archived" checked' in page

    assert GOOD_EN not in _company_fragment(admin_client, draft.company_id)
    shown = _company_fragment(admin_client, draft.company_id, archived="1")
    assert GOOD_EN in shown and 'id="company-prfaqs-archived" checked' in shown


def test_archived_draft_opens_read_only_with_a_banner(admin_client, viewer_client, session):
    draft = draft_by_title(session, GOOD_EN)
    _archive(admin_client, draft.id)
    page = admin_client.get(f"/prfaqs/{draft.id}").text
    banner = re.search(r'id="archived-banner">(.*?)</div>', page, re.DOTALL)[1]
    assert f"Archived on {utcnow():%Y-%m-%d} by Mara Lindqvist." in banner
    assert f'action="/prfaqs/{draft.id}/archive?restore=1"' in banner
    assert "<textarea" not in page and 'id="draft-form"' not in page
    assert 'id="rename-form"' not in page and 'id="archive-form"' not in page
    assert 'id="section-problem"' in page  # the text is there to read
    # Viewers see the banner but no way to restore.
    viewer_page = viewer_client.get(f"/prfaqs/{draft.id}").text
    assert "Archived on" in viewer_page and "restore=1" not in viewer_page
    history = admin_client.get(f"/prfaqs/{draft.id}/history").text
    assert 'id="restore-' not in history
    export = admin_client.get(f"/prfaqs/{draft.id}/export/md")
    assert export.status_code == 200 and export.text.startswith(f"# {GOOD_EN}\n")


def test_changing_an_archived_draft_is_refused_with_409(admin_client, session):
    draft = draft_by_title(session, GOOD_EN)
    form = draft_form(session, draft.id, headline="Written after archiving")
    _archive(admin_client, draft.id)
    autosave = admin_client.post(f"/prfaqs/{draft.id}", headers=HTMX, data=form)
    assert autosave.status_code == 409
    assert 'id="save-state"' in autosave.text and "is archived" in autosave.text
    posted = admin_client.post(f"/prfaqs/{draft.id}", data=form)
    assert posted.status_code == 409 and "cannot be changed until it is restored" in posted.text
    restored = admin_client.post(
        f"/prfaqs/{draft.id}/revisions/1/restore", data={"base_revision": "1"}
    )
    assert restored.status_code == 409
    renamed = admin_client.post(f"/prfaqs/{draft.id}/title", data={"title": "New"}, headers=HTMX)
    assert renamed.status_code == 409
    assert len(revisions(session, draft.id)) == 1
    assert draft_by_title(session, GOOD_EN).current_revision == 1


def test_restore_brings_the_draft_back_to_the_lists_and_the_editor(admin_client, session):
    draft = draft_by_title(session, GOOD_EN)
    _archive(admin_client, draft.id)
    assert _archive(admin_client, draft.id, restore=True).status_code == 303
    stored = draft_by_title(session, GOOD_EN)
    assert stored.archived_at is None and stored.archived_by_id is None
    page = admin_client.get(f"/prfaqs/{draft.id}").text
    assert 'id="archived-banner"' not in page and 'id="draft-form"' in page
    assert GOOD_EN in admin_client.get("/prfaqs").text
    saved = admin_client.post(
        f"/prfaqs/{draft.id}",
        headers=HTMX,
        data=draft_form(session, draft.id, headline="Back at work"),
    )
    assert saved.status_code == 200 and len(revisions(session, draft.id)) == 2


@pytest.mark.parametrize("who", ["analyst", "partner", "admin"])
def test_author_partners_and_admins_may_archive(make_client, session, who):
    draft = draft_by_title(session, GOOD_EN)  # written by the demo analyst
    client = make_client(who)
    assert 'id="archive-form"' in client.get(f"/prfaqs/{draft.id}").text
    assert _archive(client, draft.id).status_code == 303
    assert draft_by_title(session, GOOD_EN).archived_at is not None
    assert _archive(client, draft.id, restore=True).status_code == 303
    assert draft_by_title(session, GOOD_EN).archived_at is None


@pytest.fixture
def refused_client(request, make_client, session):
    """A viewer, an analyst who did not write the draft, or its author with a conflict."""
    if request.param == "conflicted author":
        request.getfixturevalue("conflicted_analyst")
        return make_client("analyst")
    if request.param == "viewer":
        return request.getfixturevalue("viewer_client")
    request.getfixturevalue("other_analyst")
    return log_in(make_client(), OTHER_ANALYST_EMAIL, OTHER_ANALYST_PASSWORD)


@pytest.mark.parametrize(
    "refused_client", ["viewer", "other analyst", "conflicted author"], indirect=True
)
def test_others_may_not_archive_or_restore(refused_client, admin_client, session):
    draft = draft_by_title(session, GOOD_EN)
    assert 'id="archive-form"' not in refused_client.get(f"/prfaqs/{draft.id}").text
    assert _archive(refused_client, draft.id).status_code == 403
    assert draft_by_title(session, GOOD_EN).archived_at is None
    _archive(admin_client, draft.id)
    assert _archive(refused_client, draft.id, restore=True).status_code == 403
    assert draft_by_title(session, GOOD_EN).archived_at is not None


def test_citation_of_an_archived_draft_still_resolves_on_the_scorecard(
    make_client, admin_client, session, fill_scorecard
):
    draft = draft_by_title(session, GOOD_EN)
    analyst = make_client("analyst")
    pack = get_pack_version(session, "prfaq-quality")
    scorecard = fill_scorecard(
        analyst, draft.company_id, "prfaq-quality", {c.key: 4 for c in pack.criteria}
    )
    analyst.post(
        f"/scorecards/{scorecard}/criteria/{pack.criteria[1].id}",
        headers=HTMX,
        data={"value": "4", "evidence": f"The problem | prfaq:{draft.id}@1#problem"},
    )
    submitted = analyst.post(f"/scorecards/{scorecard}/submit", follow_redirects=False)
    assert submitted.status_code == 303
    _archive(admin_client, draft.id)
    results = admin_client.get(f"/companies/{draft.company_id}/scores").text
    link = f"/prfaqs/{draft.id}/revisions/1#section-problem"
    assert f'<a href="{link}">The problem</a>' in results
    cited = admin_client.get(link.split("#")[0])
    assert cited.status_code == 200 and 'id="section-problem"' in cited.text
    assert 'id="archived-banner"' in cited.text
    # New citations are no longer offered from the archived draft beside a scorecard.
    aside = admin_client.get(
        f"/prfaqs/company/{draft.company_id}/scorecard-aside", params={"pack": "prfaq-quality"}
    )
    assert aside.status_code == 200 and f"prfaq:{draft.id}@" not in aside.text
