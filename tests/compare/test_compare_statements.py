"""The compare page and its downloads run the same number of SQL statements for any portfolio."""

import pytest

from pitchlab.bench import StatementCounter


def _statements(app, client, url: str) -> int:
    counter = StatementCounter(app.state.engine)
    response = client.get(url)
    assert response.status_code == 200, response.text
    return counter.count


def _grow(portfolio, companies: int) -> None:
    keys = portfolio.criteria()
    moat = portfolio.criteria("open-closed-moat")
    for number in range(companies):
        company = portfolio.company(f"Grown {number:03d}", tags="cmp,panel")
        for who in ("partner", "partner2", "analyst"):
            portfolio.scorecard(company, who, {key: 1 + (number + len(who)) % 5 for key in keys})
        portfolio.scorecard(company, "admin", {key: 3 for key in moat}, pack="open-closed-moat")
        if number % 7 == 0:
            portfolio.conflict(company, "analyst")


@pytest.mark.parametrize(
    "url",
    [
        "/compare?tag=panel",
        "/compare/export.csv?tag=panel",
        "/compare/export.xlsx?tag=panel&anon=1",
    ],
)
def test_statements_do_not_grow_with_the_portfolio(app, admin_client, panel, portfolio, url):
    before = _statements(app, admin_client, url)
    _grow(portfolio, 25)
    assert _statements(app, admin_client, url) == before


def test_blinded_evaluator_page_statements_do_not_grow(app, make_client, panel, portfolio):
    analyst = make_client("analyst")
    before = _statements(app, analyst, "/compare?tag=panel")
    _grow(portfolio, 10)
    assert _statements(app, analyst, "/compare?tag=panel") == before
