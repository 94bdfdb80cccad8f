"""Scorecards through the JSON API, under the same rules as the pages."""

from sqlmodel import select

from pitchlab.models import Score
from pitchlab.rubrics.store import get_pack_version


def _body(session, level=3, submit=False, pack="problem-space"):
    keys = [c.key for c in get_pack_version(session, pack).criteria]
    return {
        "pack_key": pack,
        "submit": submit,
        "scores": [
            {
                "criterion_key": key,
                "value": level,
                "confidence": "medium",
                "rationale": f"why {key}",
                "evidence": [{"label": "deck", "url": "https://x.example/deck"}],
            }
            for key in keys
        ],
    }


def test_create_submit_and_read_back(client, api_token, session, company_id):
    headers = api_token("partner")
    created = client.post(
        f"/api/v1/companies/{company_id}/scorecards",
        json=_body(session, submit=True),
        headers=headers,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["status"] == "submitted" and body["total"] == 3
    assert body["scores"][0]["evidence"][0]["url"] == "https://x.example/deck"
    listed = client.get(f"/api/v1/companies/{company_id}/scorecards", headers=headers).json()
    assert listed["total"] == 1 and listed["items"][0]["evaluator_name"] == "Tobias Okafor"


def test_blind_until_submitted_through_the_api(client, api_token, session, company_id):
    client.post(
        f"/api/v1/companies/{company_id}/scorecards",
        json=_body(session, submit=True),
        headers=api_token("partner"),
    )
    analyst = api_token("analyst")
    assert (
        client.get(f"/api/v1/companies/{company_id}/scorecards", headers=analyst).json()["total"]
        == 0
    )
    client.post(
        f"/api/v1/companies/{company_id}/scorecards",
        json=_body(session, 2, submit=True),
        headers=analyst,
    )
    seen = client.get(f"/api/v1/companies/{company_id}/scorecards", headers=analyst).json()
    assert {item["evaluator_name"] for item in seen["items"]} == {"Tobias Okafor", "Priya Raman"}


def test_one_bad_score_saves_nothing(client, api_token, session, company_id):
    body = _body(session)
    body["scores"][0]["value"] = 7
    body["scores"][1]["criterion_key"] = "not-a-criterion"
    response = client.post(
        f"/api/v1/companies/{company_id}/scorecards", json=body, headers=api_token("partner")
    )
    assert response.status_code == 422
    locations = [error["loc"] for error in response.json()["detail"]]
    assert ["body", "scores", 0, "value"] in locations
    assert ["body", "scores", 1, "criterion_key"] in locations
    assert session.exec(select(Score)).first() is None


def test_na_where_not_allowed_and_huge_rationale_are_422(client, api_token, session, company_id):
    body = _body(session)
    body["scores"][0] = {"criterion_key": body["scores"][0]["criterion_key"], "na": True}
    assert (
        client.post(
            f"/api/v1/companies/{company_id}/scorecards", json=body, headers=api_token("partner")
        ).status_code
        == 422
    )
    body = _body(session)
    body["scores"][0]["rationale"] = "x" * 1_000_000
    assert client.post(
        f"/api/v1/companies/{company_id}/scorecards", json=body, headers=api_token("partner")
    ).status_code in (413, 422)


def test_submit_incomplete_is_refused_but_keeps_scores(client, api_token, session, company_id):
    body = _body(session, submit=True)
    body["scores"] = body["scores"][:2]
    response = client.post(
        f"/api/v1/companies/{company_id}/scorecards", json=body, headers=api_token("partner")
    )
    assert response.status_code == 422
    assert len(session.exec(select(Score)).all()) == 2


def test_conflicted_and_viewer_tokens_are_refused(client, api_token, session, company_id):
    from pitchlab.auth.users import find_user
    from pitchlab.models import Conflict

    analyst = find_user(session, "analyst@pitchlab.example")
    session.add(Conflict(company_id=company_id, user_id=analyst.id, reason="Advisor"))
    session.commit()
    headers = api_token("analyst")
    assert (
        client.get(f"/api/v1/companies/{company_id}/scorecards", headers=headers).status_code == 403
    )
    assert (
        client.post(
            f"/api/v1/companies/{company_id}/scorecards", json=_body(session), headers=headers
        ).status_code
        == 403
    )
