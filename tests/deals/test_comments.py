"""Comments, @mentions, notifications and the timeline (issue 13)."""

from sqlmodel import select

from pitchlab.models import Activity, Conflict

from .conftest import soup


def _comment(client, company_id, body, **headers):
    return client.post(
        f"/companies/{company_id}/comments",
        data={"body": body},
        headers=headers,
        follow_redirects=False,
    )


def test_mention_notifies_that_person_with_an_unread_count(make_client, company_named):
    company = company_named("Clausemint")
    partner, analyst = make_client("partner"), make_client("analyst")
    assert _comment(partner, company.id, "Can you check churn, @Priya?").status_code == 303
    count = soup(analyst.get("/notifications/count")).select_one("[data-unread]")
    assert count["data-unread"] == "1"
    notes = soup(analyst.get("/notifications")).select("li[data-reason]")
    assert [note["data-reason"] for note in notes] == ["mention"]
    assert "Tobias Okafor mentioned you on Clausemint" in notes[0].text
    note_id = notes[0]["data-notification"]
    analyst.post("/notifications/read", data={"id": note_id})
    assert soup(analyst.get("/notifications/count")).select_one("[data-unread]") is None
    # The author is not notified of their own comment.
    assert soup(partner.get("/notifications/count")).select_one("[data-unread]") is None


def test_comment_markdown_is_sanitised_and_only_the_author_edits_it(
    make_client, company_named, session
):
    company = company_named("Clausemint")
    partner, admin = make_client("partner"), make_client("admin")
    _comment(partner, company.id, "**Strong** <script>alert(1)</script>")
    session.rollback()
    entry = session.exec(select(Activity).where(Activity.kind == "comment")).one()
    page = soup(partner.get(f"/companies/{company.id}"))
    body = page.select_one(f"#activity-{entry.id} .comment-body")
    assert body.select_one("strong").text == "Strong" and body.select_one("script") is None
    assert (
        admin.post(
            f"/companies/{company.id}/comments/{entry.id}", data={"body": "hijack"}
        ).status_code
        == 403
    )
    partner.post(f"/companies/{company.id}/comments/{entry.id}", data={"body": "Edited text"})
    page = soup(partner.get(f"/companies/{company.id}"))
    assert page.select_one(f"#activity-{entry.id} .comment-body").text.strip() == "Edited text"
    assert page.select_one(f"#activity-{entry.id} .edited") is not None
    partner.post(f"/companies/{company.id}/comments/{entry.id}/delete")
    page = soup(partner.get(f"/companies/{company.id}"))
    assert "Edited text" not in page.select_one("#timeline").text


def test_empty_comment_is_refused_beside_the_field(make_client, company_named):
    company = company_named("Clausemint")
    response = _comment(make_client("partner"), company.id, "   ", **{"HX-Request": "true"})
    assert response.status_code == 422
    assert soup(response).select_one("#comment-error").text == "Write something first."


def test_timeline_is_newest_first_and_filters_by_kind(make_client, company_named, session):
    company = company_named("Clausemint")
    partner = make_client("partner")
    _comment(partner, company.id, "First")
    partner.post("/board/move", data={"company_id": str(company.id), "status": "passed"})
    kinds = [
        li["data-kind"]
        for li in soup(partner.get(f"/companies/{company.id}/activity")).select("li[data-kind]")
    ]
    assert kinds == ["status", "comment"]  # newest first
    only = soup(partner.get(f"/companies/{company.id}/activity?kind=comment"))
    assert [li["data-kind"] for li in only.select("li[data-kind]")] == ["comment"]


def test_conflicted_user_sees_no_score_related_activity(
    make_client, company_named, session, user_id
):
    company = company_named("Clausemint")
    partner = make_client("partner")
    from pitchlab.rubrics.store import get_pack_version

    pack = get_pack_version(session, "problem-space").pack.id
    partner.post(
        f"/companies/{company.id}/assignments",
        data={"user_id": [str(user_id("analyst"))], "pack_id": str(pack)},
    )
    _comment(partner, company.id, "Visible to all")
    session.add(Conflict(company_id=company.id, user_id=user_id("partner2"), reason="Investor"))
    session.commit()
    conflicted = make_client("partner2")
    page = soup(conflicted.get(f"/companies/{company.id}"))
    assert [li["data-kind"] for li in page.select("#timeline li[data-kind]")] == ["comment"]
    assert page.select_one("#assignment-panel") is None
    seen = soup(partner.get(f"/companies/{company.id}"))
    assert {li["data-kind"] for li in seen.select("#timeline li[data-kind]")} == {
        "comment",
        "assignment",
    }


def test_prfaq_autosaves_fold_into_one_timeline_entry(make_client, company_named, session):
    from pitchlab.auth.users import find_user
    from pitchlab.models import PrfaqDraft
    from pitchlab.prfaq.store import Content, latest_revision, save_revision

    company = company_named("Clausemint")
    draft = session.exec(select(PrfaqDraft).where(PrfaqDraft.company_id == company.id)).first()
    author = find_user(session, "analyst@pitchlab.example")
    for text in ("One", "Two"):
        current = latest_revision(session, draft)
        content = Content(sections={**current.sections, "headline": text}, faqs=current.faqs)
        assert save_revision(session, draft, base=current.number, content=content, author=author)
    entries = session.exec(select(Activity).where(Activity.kind == "prfaq_revision")).all()
    assert len(entries) == 1 and entries[0].payload["draft_id"] == draft.id
