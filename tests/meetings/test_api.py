"""The meetings API (issue 14): create, read, agenda, hidden votes, reveal, decision, close."""

from pitchlab.meetings.record import cast_vote
from pitchlab.models import Company

from .conftest import AGENDA


def test_create_read_and_list(make_client, api_token, people, companies):
    client = make_client()
    body = {
        "title": "API IC",
        "held_on": "2027-02-01",
        "attendee_ids": [people["admin"].id],
        "company_ids": [companies[name].id for name in AGENDA],
    }
    created = client.post("/api/v1/meetings", json=body, headers=api_token("partner"))
    assert created.status_code == 201, created.text
    meeting = created.json()
    assert meeting["chair_id"] == people["partner"].id
    assert [item["company_name"] for item in meeting["agenda"]] == AGENDA
    read = client.get(f"/api/v1/meetings/{meeting['id']}", headers=api_token("analyst")).json()
    assert read == meeting
    listed = client.get("/api/v1/meetings", headers=api_token("analyst")).json()
    assert [(m["id"], m["agenda_items"]) for m in listed] == [(meeting["id"], 3)]


def test_readable_4xx(make_client, api_token, meeting, items, companies):
    client = make_client()
    analyst = client.post(
        "/api/v1/meetings",
        json={"title": "x", "held_on": "2027-01-01"},
        headers=api_token("analyst"),
    )
    assert analyst.status_code == 403
    unknown = client.post(
        "/api/v1/meetings",
        json={"title": "x", "held_on": "2027-01-01", "company_ids": [987654]},
        headers=api_token("partner"),
    )
    assert unknown.status_code == 422
    assert unknown.json()["detail"].startswith("companies:")
    missing = client.get("/api/v1/meetings/987654", headers=api_token("partner"))
    assert missing.status_code == 404
    wrong_item = client.post(
        f"/api/v1/meetings/{meeting.id}/items/987654/votes",
        json={"choice": "invest"},
        headers=api_token("partner"),
    )
    assert wrong_item.status_code == 404


def test_agenda_edit_keeps_votes_of_companies_kept(
    session, make_client, api_token, meeting, items, people, companies
):
    cast_vote(
        session, meeting, items["Pixelorchard"], user=people["admin"], choice="invest", note=""
    )
    order = [companies["Pixelorchard"].id, companies["Clausemint"].id]
    answer = make_client().put(
        f"/api/v1/meetings/{meeting.id}/agenda",
        json={"company_ids": order},
        headers=api_token("partner2"),
    )
    assert answer.status_code == 200, answer.text
    agenda = answer.json()["agenda"]
    assert [item["company_id"] for item in agenda] == order
    assert agenda[0]["votes_cast"] == 1


def test_votes_are_hidden_until_the_chair_reveals(
    session, make_client, api_token, meeting, items, people
):
    client = make_client()
    item = items["Clausemint"]
    base = f"/api/v1/meetings/{meeting.id}/items/{item.id}"
    mine = client.post(
        f"{base}/votes", json={"choice": "pass", "note": "NOTE-X"}, headers=api_token("admin")
    )
    assert mine.status_code == 200
    assert (mine.json()["my_vote"], mine.json()["tally"]) == ("pass", None)
    other = api_token("partner2")
    assert client.get(f"{base}/votes", headers=other).status_code == 409
    meeting_json = client.get(f"/api/v1/meetings/{meeting.id}", headers=other).text
    assert "NOTE-X" not in meeting_json and '"pass"' not in meeting_json
    assert client.post(f"{base}/reveal", headers=other).status_code == 403
    revealed = client.post(f"{base}/reveal", headers=api_token("partner"))
    assert revealed.json()["tally"] == {"invest": 0, "pass": 1, "more-diligence": 0}
    votes = client.get(f"{base}/votes", headers=other).json()
    assert [(v["user_id"], v["choice"], v["note"]) for v in votes] == [
        (people["admin"].id, "pass", "NOTE-X")
    ]
    late = client.post(f"{base}/votes", json={"choice": "invest"}, headers=api_token("partner2"))
    assert late.status_code == 409


def test_conflicted_attendee_cannot_vote(make_client, api_token, meeting, items, conflict):
    answer = make_client().post(
        f"/api/v1/meetings/{meeting.id}/items/{items['Clausemint'].id}/votes",
        json={"choice": "invest"},
        headers=api_token("partner2"),
    )
    assert answer.status_code == 403


def test_decision_then_close_then_nothing_changes(session, make_client, api_token, meeting, items):
    client = make_client()
    chair = api_token("partner")
    item = items["Clausemint"]
    base = f"/api/v1/meetings/{meeting.id}"
    decided = client.post(
        f"{base}/items/{item.id}/decision",
        json={"decision": "invest", "conditions": "Pro-rata rights"},
        headers=chair,
    )
    assert decided.json()["decision"] == "invest"
    assert decided.json()["company_status"] == "invested"
    session.rollback()
    assert session.get(Company, item.company_id).status == "invested"
    closed = client.post(f"{base}/close", headers=chair)
    assert closed.json()["status"] == "closed"
    again = client.post(
        f"{base}/items/{item.id}/decision", json={"decision": "pass"}, headers=chair
    )
    assert again.status_code == 409
    assert "closed" in again.json()["detail"]
    agenda = client.put(f"{base}/agenda", json={"company_ids": []}, headers=chair)
    assert agenda.status_code == 409
