"""The pipeline board (issue 13): columns by status, cards, moves by partners only."""

from sqlmodel import select

from pitchlab.models import Activity

from .conftest import soup


def test_board_shows_every_active_company_in_its_column(make_client, company_named, session):
    from sqlmodel import col, func

    from pitchlab.models import Company

    active = session.exec(
        select(func.count()).select_from(Company).where(col(Company.archived_at).is_(None))
    ).one()
    page = soup(make_client("analyst").get("/board"))
    columns = {
        column["data-status"]: [card["data-company"] for card in column.select(".board-card")]
        for column in page.select(".board-column")
    }
    assert sum(len(cards) for cards in columns.values()) == active
    assert str(company_named("Clausemint").id) in columns["ic"]
    # An analyst sees no way to move a card: no menu, no drag script.
    assert page.select(".move-form") == []
    assert page.select_one("#board")["data-may-move"] == "false"
    assert not page.select('script[src*="sortable"]')


def test_partner_moves_a_card_with_the_status_menu(make_client, company_named, session):
    partner = make_client("partner")
    company = company_named("Clausemint")
    page = soup(partner.get("/board"))
    form = page.select_one(f"#card-{company.id} .move-form")
    assert form is not None and page.select_one('script[src*="sortable"]') is not None
    response = partner.post(
        "/board/move",
        data={"company_id": str(company.id), "status": "invested"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert company_named("Clausemint").status == "invested"
    entry = session.exec(select(Activity).where(Activity.company_id == company.id)).one()
    assert entry.kind == "status" and entry.payload == {"from": "ic", "to": "invested"}
    column = soup(partner.get("/board")).select_one('.board-column[data-status="invested"]')
    assert str(company.id) in [card["data-company"] for card in column.select(".board-card")]


def test_analyst_cannot_move_a_card_and_bad_status_is_refused(make_client, company_named):
    company = company_named("Clausemint")
    analyst = make_client("analyst")
    refused = analyst.post("/board/move", data={"company_id": str(company.id), "status": "passed"})
    assert refused.status_code == 403
    assert company_named("Clausemint").status == "ic"
    partner = make_client("partner")
    bad = partner.post("/board/move", data={"company_id": str(company.id), "status": "nowhere"})
    assert bad.status_code == 422
