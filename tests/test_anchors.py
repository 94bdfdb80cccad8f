"""Admins keep valuation anchors per region, stage and currency, each with date and source."""

from bs4 import BeautifulSoup
from sqlmodel import select

from pitchlab.models import Company, ValuationAnchor

GOOD = {
    "region": "greater-china",
    "stage": "pre-seed",
    "currency": "cny",
    "amount": "18,000,000.50",
    "as_of": "2026-11-30",
    "source": "Fund's own deal log, 2026 H2",
}


def test_admin_adds_an_anchor_with_exact_money(admin_client, session):
    response = admin_client.post("/admin/anchors", data=GOOD, follow_redirects=False)
    assert response.status_code == 303
    session.rollback()
    row = session.exec(
        select(ValuationAnchor).where(
            ValuationAnchor.region == "greater-china", ValuationAnchor.stage == "pre-seed"
        )
    ).one()
    assert (row.currency, row.amount_minor, row.source) == (
        "CNY",
        1_800_000_050,
        "Fund's own deal log, 2026 H2",
    )
    page = BeautifulSoup(admin_client.get("/admin/anchors").text, "html.parser")
    shown = page.select_one('tr[data-anchor="greater-china/pre-seed/CNY"]').get_text(
        " ", strip=True
    )
    assert "18,000,000.50 CNY" in shown and "2026-11-30" in shown


def test_saving_the_same_region_stage_and_currency_replaces_it(admin_client, session):
    admin_client.post("/admin/anchors", data=GOOD)
    admin_client.post("/admin/anchors", data=GOOD | {"amount": "20000000"})
    session.rollback()
    rows = session.exec(select(ValuationAnchor).where(ValuationAnchor.stage == "pre-seed")).all()
    china = [row for row in rows if row.region == "greater-china"]
    assert [row.amount_minor for row in china] == [2_000_000_000]


def test_bad_anchor_is_refused_beside_its_field_and_keeps_the_values(admin_client):
    response = admin_client.post(
        "/admin/anchors", data=GOOD | {"amount": "lots", "currency": "dollars", "source": ""}
    )
    assert response.status_code == 422
    page = BeautifulSoup(response.text, "html.parser")
    assert "at most two decimals" in page.select_one("#anchor-amount-error").get_text()
    assert "Three capital letters" in page.select_one("#anchor-currency-error").get_text()
    assert page.select_one("#anchor-source-error").get_text().startswith("Say where")
    assert page.select_one("#anchor-as_of")["value"] == "2026-11-30"


def test_only_admins_manage_anchors(make_client):
    partner = make_client("partner")
    assert partner.get("/admin/anchors").status_code == 403
    assert partner.post("/admin/anchors", data=GOOD).status_code == 403


def test_a_new_anchor_changes_the_card_and_the_company_page_says_which(
    admin_client, make_client, session, fill_scorecard
):
    company = session.exec(select(Company).where(Company.name == "Burrowline Vision")).one()
    keys = [
        "management-team",
        "opportunity-size",
        "product-technology",
        "competitive-environment",
        "marketing-sales-partnerships",
        "additional-investment-need",
        "other-factors",
    ]
    admin_client.post(
        "/admin/anchors",
        data=GOOD
        | {"region": "north-america", "stage": "series-c", "currency": "USD"}
        | {"amount": "90000000"},
    )
    fill_scorecard(admin_client, company.id, "payne-scorecard", dict.fromkeys(keys, 4), submit=True)
    page = BeautifulSoup(admin_client.get(f"/companies/{company.id}").text, "html.parser")
    item = page.select_one("#company-valuations li").get_text(" ", strip=True)
    # All factors one level better than the average deal: 1.25 x 90,000,000 USD.
    assert "112,500,000 USD" in item
    assert "North America" in item and "Series C" in item and "90,000,000 USD" in item
