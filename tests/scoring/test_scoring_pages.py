"""Scorecards in the browser's terms: save as you go, live total, history, undo, submit."""

from markupsafe import escape
from sqlmodel import select

from pitchlab.models import Evaluation, Score, ScoreEvent
from pitchlab.rubrics.store import get_pack_version


def _criteria(session, pack="problem-space"):
    return get_pack_version(session, pack).criteria


def test_company_page_offers_every_pack_to_score(admin_client, company_id):
    page = admin_client.get(f"/companies/{company_id}").text
    assert f'action="/companies/{company_id}/score/problem-space"' in page
    assert f'action="/companies/{company_id}/score/technical-debt"' in page


def test_following_a_scoring_link_creates_nothing_until_the_user_starts(
    admin_client, session, company_id
):
    def scorecards():
        session.rollback()
        return session.exec(select(Evaluation).where(Evaluation.company_id == company_id)).all()

    before = len(scorecards())
    offer = admin_client.get(f"/companies/{company_id}/score/problem-space")
    assert offer.status_code == 200 and "Start my scorecard" in offer.text
    assert (
        f'<form method="post" action="/companies/{company_id}/score/problem-space">' in offer.text
    )
    assert len(scorecards()) == before
    started = admin_client.post(
        f"/companies/{company_id}/score/problem-space", follow_redirects=False
    )
    assert started.status_code == 303
    created = [s for s in scorecards() if f"/scorecards/{s.id}" == started.headers["location"]]
    assert len(created) == 1 and len(scorecards()) == before + 1
    # A second click, and the link, both lead to the same scorecard.
    again = admin_client.post(
        f"/companies/{company_id}/score/problem-space", follow_redirects=False
    )
    link = admin_client.get(f"/companies/{company_id}/score/problem-space", follow_redirects=False)
    assert again.headers["location"] == link.headers["location"] == started.headers["location"]
    assert len(scorecards()) == before + 1
    panel = admin_client.get(f"/companies/{company_id}").text
    assert (
        f'href="/scorecards/{created[0].id}" class="score-link" data-pack="problem-space"' in panel
    )


def test_unknown_pack_is_not_found(admin_client, company_id):
    for method in ("get", "post"):
        answer = getattr(admin_client, method)(f"/companies/{company_id}/score/no-such-pack")
        assert answer.status_code == 404
        assert "No rubric pack with this key" in answer.text


def test_scorecard_shows_question_and_every_level(
    admin_client, session, company_id, fill_scorecard
):
    scorecard_id = fill_scorecard(admin_client, company_id, "problem-space", {})
    page = admin_client.get(f"/scorecards/{scorecard_id}").text
    first = _criteria(session)[0]
    assert str(escape(first.question["en"])) in page
    for level in range(1, 6):
        assert str(escape(first.levels[str(level)]["en"])) in page


def test_save_answers_with_live_total_out_of_band(
    admin_client, session, company_id, fill_scorecard
):
    scorecard_id = fill_scorecard(admin_client, company_id, "problem-space", {})
    first, second = _criteria(session)[:2]
    admin_client.post(
        f"/scorecards/{scorecard_id}/criteria/{first.id}",
        data={"value": "4"},
        headers={"HX-Request": "true"},
    )
    response = admin_client.post(
        f"/scorecards/{scorecard_id}/criteria/{second.id}",
        data={"value": "2", "confidence": "high", "rationale": "Thin **moat**"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    expected = (first.weight * 4 + second.weight * 2) / (first.weight + second.weight)
    assert f"{expected:.2f}" in response.text
    assert 'id="scorecard-summary"' in response.text and 'hx-swap-oob="true"' in response.text
    assert f"2 of {len(_criteria(session))} criteria answered" in response.text
    session.rollback()
    score = session.exec(select(Score).where(Score.criterion_id == second.id)).one()
    assert (score.value, score.confidence, score.rationale) == (2, "high", "Thin **moat**")


def test_bad_values_are_refused_and_nothing_is_saved(
    admin_client, session, company_id, fill_scorecard
):
    scorecard_id = fill_scorecard(admin_client, company_id, "problem-space", {})
    criterion = _criteria(session)[0]
    url = f"/scorecards/{scorecard_id}/criteria/{criterion.id}"
    for bad in (
        {"value": "9"},
        {"value": "three"},
        {"value": "na"},
        {"value": "3", "rationale": "x" * 1_000_000},
        {"value": "3", "evidence": "javascript:alert(1)"},
        {"value": "3", "confidence": "certain"},
    ):
        response = admin_client.post(url, data=bad, headers={"HX-Request": "true"})
        assert response.status_code == 422, bad
        assert "Not saved" in response.text
    session.rollback()
    assert session.exec(select(Score).where(Score.criterion_id == criterion.id)).first() is None


def test_criterion_of_another_pack_is_404(admin_client, session, company_id, fill_scorecard):
    scorecard_id = fill_scorecard(admin_client, company_id, "problem-space", {})
    foreign = _criteria(session, "open-closed-moat")[0]
    response = admin_client.post(
        f"/scorecards/{scorecard_id}/criteria/{foreign.id}", data={"value": "3"}
    )
    assert response.status_code == 404


def test_another_users_scorecard_is_refused(
    admin_client, make_client, company_id, fill_scorecard, session
):
    scorecard_id = fill_scorecard(admin_client, company_id, "problem-space", {"problem-clarity": 3})
    partner = make_client("partner")
    criterion = _criteria(session)[0]
    assert partner.get(f"/scorecards/{scorecard_id}").status_code == 403
    assert (
        partner.post(
            f"/scorecards/{scorecard_id}/criteria/{criterion.id}", data={"value": "1"}
        ).status_code
        == 403
    )
    session.rollback()  # end the read snapshot to see the app's commits
    assert session.exec(select(Score).where(Score.criterion_id == criterion.id)).one().value == 3


def test_every_change_is_an_event_and_undo_restores_the_prior_value(
    admin_client, session, company_id, fill_scorecard
):
    key = _criteria(session)[0].key
    scorecard_id = fill_scorecard(admin_client, company_id, "problem-space", {key: 2})
    fill_scorecard(admin_client, company_id, "problem-space", {key: 5})
    session.rollback()
    events = session.exec(
        select(ScoreEvent).where(
            ScoreEvent.evaluation_id == scorecard_id, ScoreEvent.field == "value"
        )
    ).all()
    assert [e.new["value"]["value"] for e in events] == [2, 5]
    admin_client.post(f"/scorecards/{scorecard_id}/undo")
    session.rollback()  # end the read snapshot to see the app's commits
    score = session.exec(select(Score).where(Score.evaluation_id == scorecard_id)).one()
    assert score.value == 2
    # Each undo goes one step further back: first the rationale typed with the 2, then the 2.
    admin_client.post(f"/scorecards/{scorecard_id}/undo")
    session.rollback()  # end the read snapshot to see the app's commits
    assert (session.get(Score, score.id).value, session.get(Score, score.id).rationale) == (2, "")
    admin_client.post(f"/scorecards/{scorecard_id}/undo")
    session.rollback()
    assert session.get(Score, score.id).value is None
    history = admin_client.get(f"/scorecards/{scorecard_id}/history").text
    assert history.count("undo") >= 2


def test_restore_brings_back_an_earlier_value(admin_client, session, company_id, fill_scorecard):
    key = _criteria(session)[0].key
    scorecard_id = fill_scorecard(admin_client, company_id, "problem-space", {key: 1})
    fill_scorecard(admin_client, company_id, "problem-space", {key: 4})
    session.rollback()
    first_event = session.exec(
        select(ScoreEvent)
        .where(ScoreEvent.evaluation_id == scorecard_id, ScoreEvent.field == "value")
        .order_by(ScoreEvent.id)
    ).first()
    admin_client.post(f"/scorecards/{scorecard_id}/events/{first_event.id}/restore")
    session.rollback()  # end the read snapshot to see the app's commits
    assert session.exec(select(Score).where(Score.evaluation_id == scorecard_id)).one().value == 1


def test_submit_needs_every_criterion_then_changes_after_reopen_are_marked(
    admin_client, session, company_id, fill_scorecard
):
    criteria = _criteria(session)
    scorecard_id = fill_scorecard(admin_client, company_id, "problem-space", {criteria[0].key: 3})
    refused = admin_client.post(f"/scorecards/{scorecard_id}/submit")
    assert refused.status_code == 422 and "before submitting" in refused.text
    fill_scorecard(
        admin_client, company_id, "problem-space", {c.key: 3 for c in criteria}, submit=True
    )
    session.rollback()  # end the read snapshot to see the app's commits
    assert session.get(Evaluation, scorecard_id).status == "submitted"
    admin_client.post(f"/scorecards/{scorecard_id}/reopen")
    fill_scorecard(admin_client, company_id, "problem-space", {criteria[0].key: 5})
    session.rollback()
    late = session.exec(
        select(ScoreEvent)
        .where(ScoreEvent.evaluation_id == scorecard_id)
        .order_by(ScoreEvent.id.desc())
    ).first()
    assert late.after_submission is True
    assert "after submission" in admin_client.get(f"/scorecards/{scorecard_id}/history").text


def test_stale_tab_is_told_and_last_write_wins(admin_client, session, company_id, fill_scorecard):
    criterion = _criteria(session)[0]
    scorecard_id = fill_scorecard(admin_client, company_id, "problem-space", {criterion.key: 2})
    url = f"/scorecards/{scorecard_id}/criteria/{criterion.id}"
    # Both tabs loaded revision 1; the first saves, then the second saves on top of it.
    admin_client.post(url, data={"value": "3", "revision": "1"}, headers={"HX-Request": "true"})
    second = admin_client.post(
        url, data={"value": "4", "revision": "1"}, headers={"HX-Request": "true"}
    )
    assert "changed in another tab" in second.text
    session.rollback()  # end the read snapshot to see the app's commits
    assert session.exec(select(Score).where(Score.criterion_id == criterion.id)).one().value == 4
    fresh = admin_client.get(f"/scorecards/{scorecard_id}/freshness", params={"seen": 1})
    assert "changed in another tab or window" in fresh.text


def test_na_is_accepted_where_allowed(admin_client, session, company_id, fill_scorecard):
    allowed = next(c for c in _criteria(session, "technical-debt") if c.na_allowed)
    scorecard_id = fill_scorecard(admin_client, company_id, "technical-debt", {allowed.key: "na"})
    session.rollback()
    score = session.exec(select(Score).where(Score.evaluation_id == scorecard_id)).one()
    assert score.is_na and score.value is None
    page = admin_client.get(f"/scorecards/{scorecard_id}").text
    assert "1 N/A, left out of the total and its weights" in page


def test_rationale_and_evidence_are_shown_as_text(
    admin_client, make_client, session, company_id, fill_scorecard
):
    criteria = _criteria(session)
    scorecard_id = fill_scorecard(
        admin_client, company_id, "problem-space", {c.key: 3 for c in criteria}
    )
    admin_client.post(
        f"/scorecards/{scorecard_id}/criteria/{criteria[0].id}",
        data={
            "value": "3",
            "rationale": "<script>alert(1)</script> <img src=x onerror=alert(2)>",
            "evidence": '<b>deck</b> | https://clausemint.example/deck?x="><script>',
        },
    )
    admin_client.post(f"/scorecards/{scorecard_id}/submit")
    page = admin_client.get(f"/companies/{company_id}/scores").text
    assert (
        "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    )
    assert "<img src=x" not in page and "<b>deck</b>" not in page
