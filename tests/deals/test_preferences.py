"""The chosen interface language is kept on the account (issue 13)."""

from fastapi.testclient import TestClient

from ..conftest import echo_csrf
from .conftest import soup


def test_language_choice_is_saved_and_used_at_the_next_login(app, make_client):
    analyst = make_client("analyst")
    analyst.post("/locale", data={"locale": "zh", "next": "/"})
    fresh = TestClient(app)  # another browser: no language cookie
    fresh.get("/healthz")
    echo_csrf(fresh)
    fresh.post(
        "/login",
        data={"email": "analyst@pitchlab.example", "password": "pitchlab-demo", "next": "/"},
    )
    page = soup(fresh.get("/companies"))
    assert page.html["lang"] == "zh-Hans"


def test_confidence_label_is_translated_on_the_results(
    make_client, company_named, fill_scorecard, session
):
    from pitchlab.rubrics.store import get_pack_version

    partner = make_client("partner2")  # Chinese by the demo seed
    company = company_named("Pixelorchard")
    criteria = get_pack_version(session, "problem-space").criteria
    scorecard = fill_scorecard(partner, company.id, "problem-space", {c.key: 4 for c in criteria})
    first = criteria[0]
    partner.post(
        f"/scorecards/{scorecard}/criteria/{first.id}",
        data={"value": "4", "confidence": "high", "rationale": "x"},
        headers={"HX-Request": "true"},
    )
    partner.post(f"/scorecards/{scorecard}/submit")
    page = partner.get(f"/companies/{company.id}/scores").text
    assert "(高)" in page and "(high)" not in page
