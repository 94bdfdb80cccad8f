"""Deal terms on a company (issue 13): forms, page, API, import; money stays exact."""

from bs4 import BeautifulSoup
from sqlmodel import select

from pitchlab.auth.users import find_user
from pitchlab.deals.money import format_money, totals_by_currency
from pitchlab.models import Company

from .conftest import EMAILS as DEMO_EMAILS
from .conftest import soup


def _company(session, name="Clausemint") -> Company:
    session.rollback()
    return session.exec(select(Company).where(Company.name == name)).one()


def _edit_form(admin_client, company_id) -> dict:
    page = BeautifulSoup(admin_client.get(f"/companies/{company_id}/edit").text, "html.parser")
    form = page.select_one("#company-form")
    values = {field["name"]: field.get("value", "") for field in form.select("input")}
    for select_ in form.select("select"):
        chosen = select_.select_one("option[selected]")
        values[select_["name"]] = chosen["value"] if chosen else ""
    values["notes"] = form.select_one("textarea").text
    return values


def test_deal_terms_are_saved_exactly_and_shown_in_their_currency(
    admin_client, session, company_id
):
    partner = find_user(session, DEMO_EMAILS["partner"])
    values = _edit_form(admin_client, company_id)
    values.update(
        deal_round="bridge",
        currency="CNY",
        amount_raising="25,000,000.10",
        pre_money="100000000",
        check_size="3000000",
        lead_investor="Example Capital",
        source="referral",
        referrer="A founder we backed",
        owner_id=str(partner.id),
        next_step="Reference calls",
        next_step_due="2026-12-20",
        first_contact="2026-10-01",
    )
    response = admin_client.post(f"/companies/{company_id}", data=values, follow_redirects=False)
    assert response.status_code == 303, response.text
    company = _company(session)
    assert company.amount_raising == 2_500_000_010 and company.currency == "CNY"
    assert company.owner_id == partner.id and company.deal_round == "bridge"
    page = BeautifulSoup(admin_client.get(f"/companies/{company_id}").text, "html.parser")
    assert page.select_one('[data-money="amount_raising"]').text == "CN¥25,000,000.10"
    assert page.select_one("[data-owner]").text == "Tobias Okafor"
    # The edit form gives the amount back in major units, ready to save again.
    assert _edit_form(admin_client, company_id)["amount_raising"] == "25000000.10"


def test_bad_amount_and_analyst_owner_are_refused_beside_their_fields(
    admin_client, session, company_id
):
    analyst = find_user(session, DEMO_EMAILS["analyst"])
    values = _edit_form(admin_client, company_id)
    values.update(currency="JPY", amount_raising="1000.5", owner_id=str(analyst.id))
    response = admin_client.post(f"/companies/{company_id}", data=values)
    assert response.status_code == 422
    page = BeautifulSoup(response.text, "html.parser")
    assert "decimals" in page.select_one("#e-amount_raising").text
    assert "partner or admin" in page.select_one("#e-owner_id").text
    assert page.select_one("#f-lead_investor") is not None


def test_api_reads_and_patches_deal_terms_in_the_company_currency(
    client, api_token, company_id, session
):
    token = api_token("admin")
    response = client.patch(
        f"/api/v1/companies/{company_id}",
        json={"currency": "EUR", "amount_raising": "1500000.50", "deal_round": "seed"},
        headers=token,
    )
    assert response.status_code == 200, response.text
    assert response.json()["amount_raising"] == "1500000.50"
    refused = client.patch(
        f"/api/v1/companies/{company_id}",
        json={"currency": "JPY"},
        headers=token,
    )
    assert refused.status_code == 422  # 1500000.50 euros has no exact yen amount
    assert _company(session).amount_raising == 150_000_050
    bad_owner = client.patch(
        f"/api/v1/companies/{company_id}", json={"owner_id": 999999}, headers=token
    )
    assert bad_owner.status_code == 422


def test_money_formats_per_locale_and_never_sums_across_currencies():
    assert format_money(123456789, "USD", "en") == "$1,234,567.89"
    assert format_money(5000, "JPY", "zh") == "JP¥5,000"
    assert totals_by_currency([(100, "USD"), (50, "EUR"), (1, "USD"), (None, "CNY")]) == {
        "EUR": 50,
        "USD": 101,
    }


def test_csv_import_reads_deal_terms_in_major_units(admin_client, company_named):
    csv_text = (
        "name,deal_round,currency,amount_raising,pre_money,check_size,source,referrer,"
        "next_step,next_step_due,first_contact\n"
        'Nightjar Labs,bridge,EUR,"1,200,000.50",9000000,250000,referral,Ana,Call,'
        "2026-12-24,2026-11-02\n"
    )
    preview = admin_client.post(
        "/companies/import/preview",
        files={"file": ("deals.csv", csv_text.encode(), "text/csv")},
    )
    assert preview.status_code == 200 and "1 row can be imported" in preview.text, preview.text
    token = soup(preview).select_one('input[name="rows"]')["value"]
    done = admin_client.post("/companies/import/confirm", data={"rows": token, "line": ["2"]})
    assert done.status_code == 200
    company = company_named("Nightjar Labs")
    assert (company.currency, company.amount_raising, company.pre_money) == (
        "EUR",
        120_000_050,
        900_000_000,
    )
    assert company.next_step_due.isoformat() == "2026-12-24" and company.source == "referral"


def test_exported_csv_and_xlsx_carry_deal_terms_and_import_again(admin_client, company_named):
    import csv
    import io

    import openpyxl

    csv_file = admin_client.get("/companies/export.csv?q=Clausemint")
    assert csv_file.status_code == 200
    rows = list(csv.DictReader(io.StringIO(csv_file.content.decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == ["Clausemint"]
    assert (rows[0]["currency"], rows[0]["amount_raising"]) == ("GBP", "3500000.00")
    assert rows[0]["owner_email"] == "partner@pitchlab.example"
    workbook = openpyxl.load_workbook(
        io.BytesIO(admin_client.get("/companies/export.xlsx?status=ic").content)
    )
    sheet = list(workbook.active.values)
    assert sheet[0][:2] == ("name", "one_liner") and len(sheet) == 3  # header + two at IC
    # Renamed, the exported row imports as a new company with the same terms.
    rows[0]["name"] = "Clausemint Two"
    # The import's CSV sniffer misreads a quoted "" inside long notes (reported): left out here.
    rows[0]["notes"] = ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerow(rows[0])
    preview = admin_client.post(
        "/companies/import/preview",
        files={"file": ("again.csv", buffer.getvalue().encode(), "text/csv")},
    )
    assert "1 row can be imported" in preview.text, soup(preview).select_one("#line-2")
    token = soup(preview).select_one('input[name="rows"]')["value"]
    admin_client.post("/companies/import/confirm", data={"rows": token, "line": ["2"]})
    copy = company_named("Clausemint Two")
    assert (copy.currency, copy.amount_raising, copy.deal_round) == ("GBP", 350_000_000, "seed")


def test_compare_filters_by_round_and_currency(admin_client, session):
    from starlette.datastructures import QueryParams

    from pitchlab.compare.loading import load_portfolio
    from pitchlab.compare.selection import selection_from_query

    chosen = selection_from_query(QueryParams("round=bridge&currency=usd"))
    assert (chosen.deal_round, chosen.currency) == ("bridge", "USD")
    assert ("round", "bridge") in chosen.query_items()
    candidates = load_portfolio(session, chosen, user=None).candidates
    assert list(candidates["company_name"]) == ["Slidewarden"]  # the demo's one bridge round
    page = soup(admin_client.get("/compare?round=bridge&currency=USD"))
    assert page.select_one('select[name="round"] option[selected]').text == "Bridge"
    ignored = selection_from_query(QueryParams("round=series-z&currency=Q1"))
    assert (ignored.deal_round, ignored.currency) == (None, None)
