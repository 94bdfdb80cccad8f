"""Valuations on the scorecard, insufficient evidence, and packs that do not apply (issue 15)."""

from bs4 import BeautifulSoup
from sqlmodel import select

from pitchlab.models import Company, Score
from pitchlab.rubrics.store import get_pack_version

PAYNE_KEYS = [
    "management-team",
    "opportunity-size",
    "product-technology",
    "competitive-environment",
    "marketing-sales-partnerships",
    "additional-investment-need",
    "other-factors",
]
BERKUS_KEYS = [
    "sound-idea",
    "prototype",
    "management-team",
    "strategic-relationships",
    "product-rollout",
]


def company(session, name: str) -> Company:
    return session.exec(select(Company).where(Company.name == name)).one()


def _summary(client, scorecard_id: int) -> BeautifulSoup:
    page = client.get(f"/scorecards/{scorecard_id}")
    assert page.status_code == 200
    return BeautifulSoup(page.text, "html.parser")


def test_payne_card_shows_what_is_missing_then_the_valuation(admin_client, session, fill_scorecard):
    dreamreel = company(session, "Dreamreel Labs")  # north-america, pre-seed: 6,000,000 USD
    levels = dict(zip(PAYNE_KEYS, [3, 2, 2, 2, 1, 1], strict=False))
    scorecard = fill_scorecard(admin_client, dreamreel.id, "payne-scorecard", levels)
    page = _summary(admin_client, scorecard)
    assert page.select_one("#valuation-value")["data-reason"] == "missing"
    assert page.select_one("#valuation-missing").get_text(strip=True) == "Other factors"

    # The last factor comes back in the save's out-of-band summary: the live valuation.
    other = get_pack_version(session, "payne-scorecard").criteria[-1]
    assert other.key == "other-factors"
    saved = admin_client.post(
        f"/scorecards/{scorecard}/criteria/{other.id}",
        data={"value": "2"},
        headers={"HX-Request": "true"},
    )
    fragment = BeautifulSoup(saved.text, "html.parser")
    # 0.30x1.0 + 0.25x0.75 + 0.15x0.75 + 0.10x0.75 + 0.10x0.5 + 0.05x0.5 + 0.05x0.75 = 0.7875
    value = fragment.select_one("#scorecard-summary #valuation-value")
    assert value.get_text(" ", strip=True) == "4,725,000 USD"
    anchor = fragment.select_one("#valuation-anchor").get_text(" ", strip=True)
    assert "North America" in anchor and "Pre-seed" in anchor and "6,000,000 USD" in anchor


def test_payne_card_without_a_kept_anchor_says_it_uses_the_packs_default(
    admin_client, session, fill_scorecard
):
    burrowline = company(session, "Burrowline Vision")  # north-america, series-c: none kept
    scorecard = fill_scorecard(
        admin_client, burrowline.id, "payne-scorecard", dict.fromkeys(PAYNE_KEYS, 3)
    )
    page = _summary(admin_client, scorecard)
    assert page.select_one("#valuation-value").get_text(" ", strip=True) == "2,000,000 USD"
    assert "no anchor is kept" in page.select_one("#valuation-anchor").get_text()


def test_berkus_card_values_a_pre_revenue_company(admin_client, session, fill_scorecard):
    dreamreel = company(session, "Dreamreel Labs")
    levels = dict(zip(BERKUS_KEYS, [2, 3, 3, 1, 1], strict=True))
    page = _summary(admin_client, fill_scorecard(admin_client, dreamreel.id, "berkus", levels))
    # 500,000 x (1/4 + 2/4 + 2/4 + 0 + 0) = 625,000
    assert page.select_one("#valuation-value").get_text(" ", strip=True) == "625,000 USD"
    assert "20 M USD" in page.select_one("#berkus-premise").get_text()


def test_berkus_card_refuses_a_company_with_revenue(admin_client, session, fill_scorecard):
    clausemint = company(session, "Clausemint")
    page = _summary(
        admin_client,
        fill_scorecard(admin_client, clausemint.id, "berkus", dict.fromkeys(BERKUS_KEYS, 5)),
    )
    value = page.select_one("#valuation-value")
    assert value["data-reason"] == "has-revenue"
    assert "has revenue" in value.get_text()


def test_insufficient_evidence_is_stored_apart_from_na_and_left_out_of_the_total(
    admin_client, session, fill_scorecard, company_id
):
    scorecard = fill_scorecard(
        admin_client,
        company_id,
        "problem-space",
        {"problem-clarity": 4, "problem-importance": "insufficient"},
    )
    session.rollback()  # a fresh snapshot: the pages wrote through their own connection
    stored = session.exec(select(Score).where(Score.evaluation_id == scorecard)).all()
    insufficient = [s for s in stored if s.is_insufficient]
    assert len(insufficient) == 1 and not insufficient[0].is_na and insufficient[0].value is None
    page = _summary(admin_client, scorecard)
    assert page.select_one("#insufficient-count")["data-count"] == "1"
    assert page.select_one("#live-total").get_text(" ", strip=True).startswith("4.00")
    checked = page.select_one("input[value=insufficient][checked]")
    assert checked is not None


def test_scorecard_of_a_pack_that_does_not_apply_says_so(admin_client, session, fill_scorecard):
    quantfern = company(session, "Quantfern")  # model strategy no-ml
    scorecard = fill_scorecard(admin_client, quantfern.id, "open-closed-moat", {})
    page = _summary(admin_client, scorecard)
    assert "does not apply to Quantfern" in page.select_one("#pack-does-not-apply").get_text()
    detail = BeautifulSoup(admin_client.get(f"/companies/{quantfern.id}").text, "html.parser")
    assert detail.select_one('[data-not-applicable="open-closed-moat"]') is not None
    clausemint = company(session, "Clausemint")
    page = BeautifulSoup(admin_client.get(f"/companies/{clausemint.id}").text, "html.parser")
    assert page.select_one("[data-not-applicable]") is None


def test_scores_page_counts_insufficient_evidence_apart_from_na(
    admin_client, session, fill_scorecard, company_id
):
    keys = [c.key for c in get_pack_version(session, "problem-space").criteria]
    fill_scorecard(
        admin_client,
        company_id,
        "problem-space",
        dict.fromkeys(keys, 4) | {keys[0]: "insufficient"},
        submit=True,
    )
    page = BeautifulSoup(admin_client.get(f"/companies/{company_id}/scores").text, "html.parser")
    counts = page.select_one("#answers-problem-space")
    assert (counts["data-insufficient"], counts["data-na"]) == ("1", "0")
    assert len(page.select("#pack-problem-space [data-insufficient]")) == 2  # line and cell


def test_company_form_sets_region_and_revenue(admin_client, session):
    dreamreel = company(session, "Dreamreel Labs")
    form = BeautifulSoup(admin_client.get(f"/companies/{dreamreel.id}/edit").text, "html.parser")
    values = {
        field["name"]: field.get("value", "")
        for field in form.select("#company-form input[name]")
        if field.get("type") != "checkbox"
    }
    values |= {
        select_["name"]: (select_.select_one("option[selected]") or {}).get("value", "")
        for select_ in form.select("#company-form select")
    }
    values |= {"region": "europe", "has_revenue": "on"}
    response = admin_client.post(f"/companies/{dreamreel.id}", data=values, follow_redirects=False)
    assert response.status_code == 303, response.text
    session.rollback()
    stored = session.get(Company, dreamreel.id)
    assert (stored.region, stored.has_revenue) == ("europe", True)
    page = BeautifulSoup(admin_client.get(f"/companies/{dreamreel.id}").text, "html.parser")
    assert page.select_one("#company-region").get_text(strip=True) == "Europe"
    assert page.select_one("#company-revenue").get_text(strip=True) == "Has revenue"
    values.pop("has_revenue")
    admin_client.post(f"/companies/{dreamreel.id}", data=values)
    session.rollback()
    assert session.get(Company, dreamreel.id).has_revenue is False


def test_start_page_of_a_pack_that_does_not_apply_says_so(admin_client, session):
    quantfern = company(session, "Quantfern")
    page = BeautifulSoup(
        admin_client.get(f"/companies/{quantfern.id}/score/open-closed-moat").text, "html.parser"
    )
    assert "does not apply to Quantfern" in page.select_one("#pack-does-not-apply").get_text()
