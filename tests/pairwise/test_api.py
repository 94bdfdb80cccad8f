"""The head-to-head API (issue 14): create, read, next pair for me, judgements, ranking."""

from sqlmodel import select

from pitchlab.auth.users import find_user
from pitchlab.models import Company, Conflict, PairwiseJudgement

from ..conftest import DEMO_EMAILS


def _ids(session, count=4) -> list[int]:
    return list(session.exec(select(Company.id).order_by(Company.id).limit(count)).all())


def test_session_judgements_and_ranking(client, session, api_token):
    partner = api_token("partner")
    ids = _ids(session)
    created = client.post(
        "/api/v1/pairwise", json={"title": "Q4 finalists", "company_ids": ids}, headers=partner
    )
    assert created.status_code == 201, created.text
    session_id = created.json()["id"]
    assert [f["id"] for f in created.json()["finalists"]] == ids
    judged = 0
    pair = client.get(f"/api/v1/pairwise/{session_id}/next", headers=partner).json()
    while pair["company_a"] is not None:
        answer = client.post(
            f"/api/v1/pairwise/{session_id}/judgements",
            json={
                "company_a_id": pair["company_a"]["id"],
                "company_b_id": pair["company_b"]["id"],
                # The finalist listed first always wins: it should come out on top.
                "outcome": "a"
                if pair["company_a"]["id"] == ids[0]
                else "b"
                if pair["company_b"]["id"] == ids[0]
                else "tie",
            },
            headers=partner,
        )
        assert answer.status_code == 201, answer.text
        judged += 1
        pair = answer.json()
    assert judged == 6 and pair["pairs_left_for_me"] == 0
    ranking = client.get(f"/api/v1/pairwise/{session_id}/ranking", headers=partner).json()
    assert ranking["n_judgements"] == 6
    name = find_user(session, DEMO_EMAILS["partner"]).display_name
    assert [(j["name"], j["judgements"]) for j in ranking["judges"]] == [(name, 6)]
    top = ranking["ranking"][0]
    assert top["company_id"] == ids[0] and top["rank"] == 1
    assert all(row["rank_low"] <= row["rank"] <= row["rank_high"] for row in ranking["ranking"])
    assert client.get(f"/api/v1/pairwise/{session_id}", headers=partner).json()["n_judgements"] == 6


def test_api_refusals_are_readable(client, session, api_token):
    partner = api_token("partner")
    ids = _ids(session)
    assert (
        client.post(
            "/api/v1/pairwise", json={"title": "Two", "company_ids": ids[:2]}, headers=partner
        ).status_code
        == 422
    )
    unknown = client.post(
        "/api/v1/pairwise", json={"title": "X", "company_ids": [*ids[:2], 999999]}, headers=partner
    )
    assert unknown.status_code == 422 and "999999" in unknown.json()["detail"]
    analyst = client.post(
        "/api/v1/pairwise", json={"title": "X", "company_ids": ids}, headers=api_token("analyst")
    )
    assert analyst.status_code == 403
    session_id = client.post(
        "/api/v1/pairwise", json={"title": "X", "company_ids": ids}, headers=partner
    ).json()["id"]
    url = f"/api/v1/pairwise/{session_id}/judgements"
    body = {"company_a_id": ids[0], "company_b_id": ids[1], "outcome": "a"}
    assert client.post(url, json=body, headers=partner).status_code == 201
    again = client.post(url, json=body, headers=partner)
    assert again.status_code == 409 and "already" in again.json()["detail"]
    # Given as (B, A) the same pair is the same pair.
    swapped = {"company_a_id": ids[1], "company_b_id": ids[0], "outcome": "b"}
    assert client.post(url, json=swapped, headers=partner).status_code == 409
    outsider = {"company_a_id": ids[0], "company_b_id": 999999, "outcome": "a"}
    assert client.post(url, json=outsider, headers=partner).status_code == 422
    assert client.post(url, json={**body, "outcome": "x"}, headers=partner).status_code == 422
    assert client.get("/api/v1/pairwise/999999", headers=partner).status_code == 404


def test_conflicted_judge_gets_no_pair_with_that_company(client, session, api_token):
    partner = api_token("partner")
    ids = _ids(session)
    session_id = client.post(
        "/api/v1/pairwise", json={"title": "X", "company_ids": ids}, headers=partner
    ).json()["id"]
    session.rollback()
    user = find_user(session, DEMO_EMAILS["partner"])
    session.add(Conflict(user_id=user.id, company_id=ids[2], reason="advisor"))
    session.commit()
    seen = []
    pair = client.get(f"/api/v1/pairwise/{session_id}/next", headers=partner).json()
    while pair["company_a"] is not None:
        seen.append({pair["company_a"]["id"], pair["company_b"]["id"]})
        pair = client.post(
            f"/api/v1/pairwise/{session_id}/judgements",
            json={
                "company_a_id": pair["company_a"]["id"],
                "company_b_id": pair["company_b"]["id"],
                "outcome": "tie",
            },
            headers=partner,
        ).json()
    assert len(seen) == 3 and all(ids[2] not in pair for pair in seen)
    refused = client.post(
        f"/api/v1/pairwise/{session_id}/judgements",
        json={"company_a_id": ids[2], "company_b_id": ids[0], "outcome": "a"},
        headers=partner,
    )
    assert refused.status_code == 403
    session.rollback()
    stored = session.exec(select(PairwiseJudgement)).all()
    assert len(stored) == 3 and all(ids[2] not in (j.company_a_id, j.company_b_id) for j in stored)
    ranking = client.get(f"/api/v1/pairwise/{session_id}/ranking", headers=partner).json()
    assert ids[2] not in {row["company_id"] for row in ranking["ranking"]}
