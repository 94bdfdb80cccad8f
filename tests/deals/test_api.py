"""The deal workflow's JSON API (issue 13): assignments, comments, activity, notifications."""

from datetime import date

from pitchlab.models import Conflict


def _pack_id(session):
    from pitchlab.rubrics.store import get_pack_version

    return get_pack_version(session, "problem-space").pack.id


def test_partner_assigns_and_the_assignee_lists_and_completes(
    client, api_token, session, company_named, user_id
):
    partner, analyst = api_token("partner"), api_token("analyst")
    company = company_named("Clausemint")
    created = client.post(
        "/api/v1/assignments",
        json={
            "company_ids": [company.id],
            "user_ids": [user_id("analyst")],
            "pack_id": _pack_id(session),
            "due_date": "2020-01-01",
        },
        headers=partner,
    )
    assert created.status_code == 201, created.text
    mine = client.get("/api/v1/assignments?assignee=me", headers=analyst).json()
    assert [(a["company_name"], a["state"], a["overdue"]) for a in mine] == [
        ("Clausemint", "assigned", True)
    ]
    done = client.post(f"/api/v1/assignments/{mine[0]['id']}/complete", headers=analyst)
    assert done.status_code == 200 and done.json()["state"] == "submitted"
    assert client.get("/api/v1/assignments?open=true", headers=analyst).json() == []


def test_assigning_is_refused_for_analysts_and_conflicted_people(
    client, api_token, session, company_named, user_id
):
    company = company_named("Clausemint")
    session.add(Conflict(company_id=company.id, user_id=user_id("analyst"), reason="Friend"))
    session.commit()
    body = {
        "company_ids": [company.id],
        "user_ids": [user_id("analyst")],
        "pack_id": _pack_id(session),
        "due_date": date(2030, 1, 1).isoformat(),
    }
    assert (
        client.post("/api/v1/assignments", json=body, headers=api_token("analyst")).status_code
        == 403
    )
    refused = client.post("/api/v1/assignments", json=body, headers=api_token("partner"))
    assert refused.status_code == 422 and "conflict of interest" in refused.json()["detail"]


def test_comments_activity_and_notifications(client, api_token, company_named):
    company = company_named("Pixelorchard")
    partner, analyst = api_token("partner"), api_token("analyst")
    posted = client.post(
        f"/api/v1/companies/{company.id}/comments",
        json={"body": "@analyst please look at *churn*"},
        headers=partner,
    )
    assert posted.status_code == 201, posted.text
    comment_id = posted.json()["id"]
    notes = client.get("/api/v1/notifications", headers=analyst).json()
    assert notes["unread"] == 1 and notes["items"][0]["reason"] == "mention"
    edited = client.patch(
        f"/api/v1/companies/{company.id}/comments/{comment_id}",
        json={"body": "Updated"},
        headers=partner,
    )
    assert edited.status_code == 200 and edited.json()["edited_at"] is not None
    assert (
        client.patch(
            f"/api/v1/companies/{company.id}/comments/{comment_id}",
            json={"body": "Not mine"},
            headers=analyst,
        ).status_code
        == 403
    )
    activity = client.get(
        f"/api/v1/companies/{company.id}/activity?kind=comment", headers=analyst
    ).json()
    assert [item["body"] for item in activity["items"]] == ["Updated"]
    assert (
        client.get(
            f"/api/v1/companies/{company.id}/activity?kind=bogus", headers=analyst
        ).status_code
        == 422
    )
    read = client.post("/api/v1/notifications/read", json={}, headers=analyst).json()
    assert read == {"marked": 1, "unread": 0}
    assert (
        client.delete(
            f"/api/v1/companies/{company.id}/comments/{comment_id}", headers=partner
        ).status_code
        == 204
    )
