"""Head-to-head pages (issue 14): create from ?company=, judge blind, rank beside the rubric."""

import pytest
from bs4 import BeautifulSoup
from sqlmodel import select

from pitchlab.auth.users import find_user
from pitchlab.models import Company, Conflict, PairwiseJudgement, PairwiseSession
from pitchlab.pairwise.data import load_board, session_ranking

from ..conftest import DEMO_EMAILS, log_in


def _company_ids(session, count: int = 4) -> list[int]:
    return list(session.exec(select(Company.id).order_by(Company.id).limit(count)).all())


def _create(client, ids, title="Finalists Q4") -> int:
    response = client.post(
        "/pairwise", data={"title": title, "company": [str(i) for i in ids]}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return int(response.headers["location"].split("/")[2])


def _pair(client, session_id) -> tuple[int, int] | None:
    page = BeautifulSoup(client.get(f"/pairwise/{session_id}/judge").text, "html.parser")
    form = page.select_one("#pairwise-judgement")
    if form is None:
        return None
    return int(form.select_one("[name=company_a]")["value"]), int(
        form.select_one("[name=company_b]")["value"]
    )


def test_new_form_prefilled_from_company_params(client, session):
    log_in(client, DEMO_EMAILS["partner"])
    ids = _company_ids(session, 3)
    page = client.get("/pairwise/new?" + "&".join(f"company={i}" for i in ids))
    assert page.status_code == 200
    chosen = BeautifulSoup(page.text, "html.parser").select("#pairwise-company option[selected]")
    assert sorted(int(option["value"]) for option in chosen) == sorted(ids)


def test_create_refuses_too_few_finalists_inline(client, session):
    log_in(client, DEMO_EMAILS["partner"])
    ids = _company_ids(session, 2)
    response = client.post("/pairwise", data={"title": "Two", "company": [str(i) for i in ids]})
    assert response.status_code == 422
    page = BeautifulSoup(response.text, "html.parser")
    assert page.select_one("#pairwise-company-error").text.strip()
    assert page.select_one("#pairwise-title")["value"] == "Two"
    session.rollback()
    assert session.exec(select(PairwiseSession)).all() == []


def test_judge_until_done_then_ranking(client, session):
    log_in(client, DEMO_EMAILS["partner"])
    ids = _company_ids(session, 3)
    session_id = _create(client, ids)
    judge_page = client.get(f"/pairwise/{session_id}/judge")
    assert "Which would you rather invest in" in judge_page.text
    assert "Weighted total" not in judge_page.text  # blind: no totals while judging
    seen = []
    while (pair := _pair(client, session_id)) is not None:
        seen.append(pair)
        answer = client.post(
            f"/pairwise/{session_id}/judgements",
            data={"company_a": pair[0], "company_b": pair[1], "outcome": "a"},
            headers={"HX-Request": "true"},
        )
        assert answer.status_code == 200
    assert len(seen) == 3 and len(set(seen)) == 3  # every pair once, then done
    session.rollback()
    stored = session.exec(select(PairwiseJudgement)).all()
    assert {(j.company_a_id, j.company_b_id) for j in stored} == {tuple(sorted(p)) for p in seen}
    page = BeautifulSoup(client.get(f"/pairwise/{session_id}").text, "html.parser")
    rows = page.select("#pairwise-ranking tbody tr")
    board = load_board(session, session_id)
    expected = session_ranking(session, board, find_user(session, DEMO_EMAILS["partner"]))
    assert [int(r["data-company"]) for r in rows] == list(expected.strengths["company_id"])
    assert "Judgements: 3 · judges: 1 · finalists: 3" in page.select_one("#pairwise-counts").text
    judge = page.select_one("#pairwise-judges tbody tr")
    partner = find_user(session, DEMO_EMAILS["partner"])
    assert int(judge["data-judge"]) == partner.id and partner.display_name in judge.text


def test_judging_twice_the_same_pair_is_refused(client, session):
    log_in(client, DEMO_EMAILS["partner"])
    session_id = _create(client, _company_ids(session, 3))
    a, b = _pair(client, session_id)
    data = {"company_a": a, "company_b": b, "outcome": "tie"}
    assert client.post(f"/pairwise/{session_id}/judgements", data=data).status_code == 200
    again = client.post(f"/pairwise/{session_id}/judgements", data={**data, "outcome": "b"})
    assert again.status_code == 422
    assert "already" in BeautifulSoup(again.text, "html.parser").select_one("#pairwise-error").text


def test_conflicted_judge_never_sees_the_company(client, session):
    log_in(client, DEMO_EMAILS["partner"])
    ids = _company_ids(session, 4)
    session_id = _create(client, ids)
    session.rollback()
    partner = find_user(session, DEMO_EMAILS["partner"])
    session.add(Conflict(user_id=partner.id, company_id=ids[0], reason="board seat"))
    session.commit()
    pairs = []
    while (pair := _pair(client, session_id)) is not None:
        pairs.append(pair)
        client.post(
            f"/pairwise/{session_id}/judgements",
            data={"company_a": pair[0], "company_b": pair[1], "outcome": "b"},
        )
    assert len(pairs) == 3 and all(ids[0] not in pair for pair in pairs)
    refused = client.post(
        f"/pairwise/{session_id}/judgements",
        data={"company_a": ids[0], "company_b": ids[1], "outcome": "a"},
    )
    assert refused.status_code == 422
    ranking = BeautifulSoup(client.get(f"/pairwise/{session_id}").text, "html.parser")
    shown = {int(r["data-company"]) for r in ranking.select("#pairwise-ranking tbody tr")}
    assert shown == set(ids[1:])


@pytest.mark.parametrize("who", ["analyst"])
def test_analysts_do_not_judge_or_create(client, session, who):
    log_in(client, DEMO_EMAILS["partner"])
    session_id = _create(client, _company_ids(session, 3))
    log_in(client, DEMO_EMAILS[who])
    assert client.get(f"/pairwise/{session_id}/judge").status_code == 403
    assert client.get("/pairwise/new").status_code == 403
    assert client.get(f"/pairwise/{session_id}").status_code == 200


def test_compare_selection_links_to_a_new_session(client, session):
    log_in(client, DEMO_EMAILS["partner"])
    ids = _company_ids(session, 3)
    page = client.get("/compare?" + "&".join(f"company={i}" for i in ids))
    link = BeautifulSoup(page.text, "html.parser").select_one("#compare-pairwise")
    assert link is not None
    prefilled = client.get(link["href"])
    chosen = BeautifulSoup(prefilled.text, "html.parser").select(
        "#pairwise-company option[selected]"
    )
    assert sorted(int(o["value"]) for o in chosen) == sorted(ids)


def test_close_stops_judging(client, session):
    log_in(client, DEMO_EMAILS["partner"])
    session_id = _create(client, _company_ids(session, 3))
    assert client.post(f"/pairwise/{session_id}/close", follow_redirects=False).status_code == 303
    assert _pair(client, session_id) is None
    assert "closed" in client.get(f"/pairwise/{session_id}/judge").text
