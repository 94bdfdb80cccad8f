"""Deal terms on compare (issue 13): beside the matrix and in every export, exact, in their
own currency, at no extra SQL statement."""

import io

import openpyxl
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from sqlmodel import select

from pitchlab.bench import StatementCounter
from pitchlab.models import Company

# Pixelorchard's and Clausemint's demo terms (seeds/deals/demo.yaml); both owned by the partner.
PIXEL = {
    "Round": "series-a",
    "Amount raising": "12000000.00",
    "Pre-money valuation": "48000000.00",
    "Our check size": "2500000.00",
    "Currency": "EUR",
    "Lead investor": "Example Growth Partners",
    "Deal owner": "Tobias Okafor",
    "Next step": "Cohort churn data from the CFO",
}
DEAL_HEADERS = [
    "Round",
    "Amount raising",
    "Pre-money valuation",
    "Our check size",
    "Currency",
    "Lead investor",
    "Deal owner",
    "Next step",
    "Next step due",
]


@pytest.fixture
def deals(portfolio, session):
    """Pixelorchard (EUR), Clausemint (GBP) and a company without terms, each scored."""
    session.rollback()
    ids = {
        name: session.exec(select(Company.id).where(Company.name == name)).one()
        for name in ("Pixelorchard", "Clausemint")
    }
    ids["Termless"] = portfolio.company("Termless")
    keys = portfolio.criteria()
    for level, company_id in zip((5, 3, 1), ids.values(), strict=True):
        portfolio.scorecard(company_id, "partner", {key: level for key in keys})
    return ids


def _query(ids) -> str:
    return "&".join(f"company={company_id}" for company_id in ids.values())


def _download(client, ids, fmt: str, extra: str = "") -> bytes:
    response = client.get(f"/compare/export.{fmt}?{_query(ids)}{extra}")
    assert response.status_code == 200
    return response.content


def test_page_shows_deal_terms_in_their_own_currency(admin_client, deals):
    response = admin_client.get(f"/compare?{_query(deals)}")
    page = BeautifulSoup(response.text, "html.parser")
    table = page.select_one("#compare-deals #deals-table")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers == ["Company", *DEAL_HEADERS]
    rows = {
        tr.select_one("th").get_text(strip=True): [td.get_text(strip=True) for td in tr("td")]
        for tr in table.select("tbody tr")
    }
    assert list(rows) == ["Pixelorchard", "Clausemint", "Termless"]  # the matrix's rank order
    pixel = rows["Pixelorchard"]
    assert pixel[:7] == [
        "Series A",
        "€12,000,000.00",
        "€48,000,000.00",
        "€2,500,000.00",
        "EUR",
        "Example Growth Partners",
        "Tobias Okafor",
    ]
    assert pixel[7] == "Cohort churn data from the CFO"
    assert rows["Clausemint"][1:5] == ["£3,500,000.00", "£14,000,000.00", "£750,000.00", "GBP"]
    assert rows["Termless"][:4] == ["—", "—", "—", "—"]
    assert "€" not in page.select_one("#compare-deals").find("p").get_text()  # no total


def test_page_shows_deal_terms_in_chinese(admin_client, deals):
    admin_client.post("/locale", data={"locale": "zh", "next": "/compare"})
    page = BeautifulSoup(admin_client.get(f"/compare?{_query(deals)}").text, "html.parser")
    section = page.select_one("#compare-deals")
    assert section.select_one("h2").get_text(strip=True) == "交易条款"
    cell = section.select_one('tr[data-company] td[data-money="amount_raising"]')
    assert cell.get_text(strip=True) == "€12,000,000.00"


def test_csv_json_and_xlsx_carry_exact_deal_terms(admin_client, deals):
    csv = pd.read_csv(
        io.BytesIO(_download(admin_client, deals, "csv")), encoding="utf-8-sig", dtype=str
    )
    assert [column for column in csv.columns if column in DEAL_HEADERS] == DEAL_HEADERS
    pixel = csv.set_index("Company").loc["Pixelorchard"]
    assert {key: pixel[key] for key in PIXEL} == PIXEL
    assert pixel["Next step due"][:4].isdigit()  # an ISO date
    termless = csv.set_index("Company").loc["Termless"]
    assert termless[["Round", "Amount raising", "Deal owner"]].isna().all()

    summary = admin_client.get(f"/compare/export.json?{_query(deals)}").json()["tables"]["summary"]
    clause = next(row for row in summary if row["company_name"] == "Clausemint")
    assert (clause["amount_raising"], clause["check_size"], clause["currency"]) == (
        "3500000.00",
        "750000.00",
        "GBP",
    )
    assert clause["deal_owner"] == "Tobias Okafor" and clause["deal_round"] == "seed"

    workbook = openpyxl.load_workbook(io.BytesIO(_download(admin_client, deals, "xlsx")))
    sheet = list(workbook["Summary"].iter_rows(values_only=True))
    records = [dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]]
    pixel_row = next(row for row in records if row["Company"] == "Pixelorchard")
    assert {key: pixel_row[key] for key in PIXEL} == PIXEL


def test_anonymized_files_name_no_deal_owner(admin_client, deals):
    summary = admin_client.get(f"/compare/export.json?{_query(deals)}&anonymize=1").json()
    owners = {row["deal_owner"] for row in summary["tables"]["summary"]}
    assert owners == {None}


def test_deal_terms_cost_no_statement_per_company(app, admin_client, deals, portfolio):
    def count(url):
        counter = StatementCounter(app.state.engine)
        assert admin_client.get(url).status_code == 200
        return counter.count

    before = count(f"/compare?{_query(deals)}")
    keys = portfolio.criteria()
    more = {f"More {n}": portfolio.company(f"More {n}") for n in range(4)}
    for company_id in more.values():
        portfolio.scorecard(company_id, "partner", {key: 2 for key in keys})
    assert count(f"/compare?{_query({**deals, **more})}") == before
