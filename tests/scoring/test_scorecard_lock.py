"""A submitted scorecard is locked: every change path needs Reopen first (issue 11)."""

from sqlmodel import func, select
from tests.html_text import elements, form_actions, text_by_id

from pitchlab.models import Evaluation, Score, ScoreEvent
from pitchlab.rubrics.store import get_pack_version

LOCKED = "This scorecard has been submitted. Reopen it to change it"


def _submitted(admin_client, session, company_id, fill_scorecard):
    criteria = get_pack_version(session, "problem-space").criteria
    scorecard_id = fill_scorecard(
        admin_client, company_id, "problem-space", {c.key: 3 for c in criteria}, submit=True
    )
    return scorecard_id, criteria


def _state(session, scorecard_id):
    session.rollback()  # see the app's latest commits
    scores = session.exec(select(Score).where(Score.evaluation_id == scorecard_id)).all()
    events = session.exec(
        select(func.count()).select_from(ScoreEvent).where(ScoreEvent.evaluation_id == scorecard_id)
    ).one()
    return sorted((s.criterion_id, s.value, s.is_na, s.rationale) for s in scores), events


def test_submitted_scorecard_refuses_undo_restore_and_save(
    admin_client, session, company_id, fill_scorecard
):
    scorecard_id, criteria = _submitted(admin_client, session, company_id, fill_scorecard)
    before = _state(session, scorecard_id)
    first_event = session.exec(
        select(ScoreEvent).where(ScoreEvent.evaluation_id == scorecard_id)
    ).first()

    undo = admin_client.post(f"/scorecards/{scorecard_id}/undo", follow_redirects=False)
    restore = admin_client.post(
        f"/scorecards/{scorecard_id}/events/{first_event.id}/restore", follow_redirects=False
    )
    save = admin_client.post(
        f"/scorecards/{scorecard_id}/criteria/{criteria[0].id}",
        data={"value": "1"},
        headers={"HX-Request": "true"},
    )
    assert (undo.status_code, restore.status_code, save.status_code) == (409, 409, 409)
    assert LOCKED in undo.text and LOCKED in restore.text
    assert LOCKED in text_by_id(save.text, f"state-{criteria[0].id}")
    assert _state(session, scorecard_id) == before
    assert session.get(Evaluation, scorecard_id).status == "submitted"


def test_submitted_scorecard_page_offers_no_change_buttons(
    admin_client, session, company_id, fill_scorecard
):
    scorecard_id, _criteria = _submitted(admin_client, session, company_id, fill_scorecard)
    page = admin_client.get(f"/scorecards/{scorecard_id}").text
    actions = form_actions(page)
    assert f"/scorecards/{scorecard_id}/reopen" in actions
    assert f"/scorecards/{scorecard_id}/undo" not in actions
    assert all(
        "disabled" in e["attrs"] for e in elements(page) if e["tag"] == "fieldset"
    )  # every criterion's inputs
    history = admin_client.get(f"/scorecards/{scorecard_id}/history").text
    assert not [a for a in form_actions(history) if a.endswith("/restore")]


def test_reopened_scorecard_can_change_again_and_history_stays_complete(
    admin_client, session, company_id, fill_scorecard
):
    scorecard_id, criteria = _submitted(admin_client, session, company_id, fill_scorecard)
    _scores, events = _state(session, scorecard_id)
    assert admin_client.post(f"/scorecards/{scorecard_id}/reopen").status_code == 200
    undone = admin_client.post(f"/scorecards/{scorecard_id}/undo", follow_redirects=False)
    assert undone.status_code == 303
    _scores, after = _state(session, scorecard_id)
    assert after == events + 1  # the undo is a change of its own, marked after submission
    newest = session.exec(
        select(ScoreEvent)
        .where(ScoreEvent.evaluation_id == scorecard_id)
        .order_by(ScoreEvent.id.desc())
    ).first()
    assert newest.after_submission and "undo_of" in newest.new


def test_api_refuses_to_change_a_submitted_scorecard(client, api_token, session, company_id):
    headers = api_token("partner")
    keys = [c.key for c in get_pack_version(session, "problem-space").criteria]
    body = {
        "pack_key": "problem-space",
        "submit": True,
        "scores": [{"criterion_key": key, "value": 3} for key in keys],
    }
    url = f"/api/v1/companies/{company_id}/scorecards"
    assert client.post(url, json=body, headers=headers).status_code == 201
    body["scores"][0]["value"] = 5
    changed = client.post(url, json={**body, "submit": False}, headers=headers)
    assert changed.status_code == 409
    assert "submitted" in changed.json()["detail"] and "reopen" in changed.json()["detail"]
    item = client.get(url, headers=headers).json()["items"][0]
    assert item["status"] == "submitted" and item["scores"][0]["value"] == 3
    assert item["total"] == 3
    # Sending the same scores again changes nothing, so it is not refused.
    body["scores"][0]["value"] = 3
    assert client.post(url, json=body, headers=headers).status_code == 200


def test_scores_page_never_shows_a_literal_none(admin_client, session, company_id, fill_scorecard):
    scorecard_id, criteria = _submitted(admin_client, session, company_id, fill_scorecard)
    # A scorecard submitted before the lock could hold an emptied level (issue 11).
    session.rollback()
    score = session.exec(
        select(Score).where(
            Score.evaluation_id == scorecard_id, Score.criterion_id == criteria[0].id
        )
    ).one()
    score.value = None
    session.add(score)
    session.commit()
    page = admin_client.get(f"/companies/{company_id}/scores").text
    cells = [e["text"].split() for e in elements(page) if e["tag"] == "strong"]
    assert ["None"] not in cells and ["—"] in cells


def test_save_refused_when_submitted_between_its_reads_and_its_write(
    app, admin_client, session, company_id, fill_scorecard, monkeypatch
):
    """The autosave reads the scorecard before it takes the write turn (issue 17); a submit
    from another tab in between must still lock it: 409, and nothing written."""
    from sqlmodel import Session

    from pitchlab.db import write
    from pitchlab.scoring import data, routes

    criteria = get_pack_version(session, "problem-space").criteria
    scorecard_id = fill_scorecard(
        admin_client, company_id, "problem-space", {c.key: 3 for c in criteria}
    )
    before = _state(session, scorecard_id)

    async def submit_first(request_session, work):
        with Session(app.state.engine) as other:  # the other tab's submit
            data.submit(other, other.get(Evaluation, scorecard_id))
        return await write(request_session, work)

    monkeypatch.setattr(routes, "write", submit_first)
    save = admin_client.post(
        f"/scorecards/{scorecard_id}/criteria/{criteria[0].id}",
        data={"value": "1"},
        headers={"HX-Request": "true"},
    )
    assert save.status_code == 409
    assert LOCKED in text_by_id(save.text, f"state-{criteria[0].id}")
    assert _state(session, scorecard_id) == before
