"""The compare page in Chromium: a weight slider re-ranks the matrix without a reload."""

import pytest
from playwright.sync_api import expect
from tests.portfolio import PortfolioWriter

from .conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def what_if(session):
    """Dune shines on problem clarity, frequency and payer; Elm is steady. Rubric weights put Elm
    first (3.00 against 52 / 20 = 2.60); problem clarity at weight 9 puts Dune first
    (82 / 26 = 3.15). Issue 15 gave problem-space ten criteria."""
    portfolio = PortfolioWriter(session)
    keys = portfolio.criteria()
    ids = {
        "Dune": portfolio.company("Dune", tags="whatif"),
        "Elm": portfolio.company("Elm", tags="whatif"),
    }
    for who in ("partner", "partner2", "analyst"):
        portfolio.scorecard(ids["Dune"], who, {k: 5 if k in keys[:3] else 1 for k in keys})
        portfolio.scorecard(ids["Elm"], who, {k: 3 for k in keys})
    return ids


def test_weight_slider_re_ranks_without_reload_and_reset_restores(
    page, live_server, what_if, tmp_path
):
    log_in(page, live_server, "admin@pitchlab.example")
    page.goto(f"{live_server}/compare?tag=whatif")
    first_company = page.locator("#compare-matrix tbody tr").first.locator("th.name-col")
    expect(first_company).to_have_text("Elm")
    expect(page.locator("#chart-totals")).to_be_visible()
    page.evaluate("window.__noReload = true")

    page.locator("details", has=page.locator('[id="cw-problem-space.problem-clarity"]')).locator(
        "summary"
    ).click()
    slider = page.locator('[id="cw-problem-space.problem-clarity"]')
    slider.focus()
    slider.press("End")  # to the slider's top, weight 9

    expect(first_company).to_have_text("Dune")
    expect(page.locator("#moved-count")).to_contain_text("2 companies changed rank")
    expect(page.locator(".delta.up")).to_have_text("▲1")
    assert page.evaluate("window.__noReload") is True
    assert "cw.problem-space.problem-clarity=9" in page.url
    save_screenshot(page, "compare", tmp_path)

    page.click("#reset-weights")
    expect(first_company).to_have_text("Elm")
    assert "cw." not in page.url


def test_sort_and_pin_swap_in_place_and_survive_a_slider_move(page, live_server, what_if):
    log_in(page, live_server, "admin@pitchlab.example")
    page.goto(f"{live_server}/compare?tag=whatif")
    page.evaluate("window.__noReload = true")
    rows = page.locator("#compare-matrix tbody th.name-col")
    page.click("#compare-matrix thead a.sort:has-text('Company')")  # by name, A to Z
    expect(rows).to_have_text(["Dune", "Elm"])
    page.locator(f"#row-{what_if['Elm']} .pin").click()
    expect(rows).to_have_text(["Elm", "Dune"])  # pinned on top, whatever the sort
    page.locator('[id="pw-problem-space"]').focus()
    page.locator('[id="pw-problem-space"]').press("ArrowLeft")
    expect(page.locator('[id="pw-problem-space"] + output')).to_have_text("0.75")
    expect(page.locator(f"#row-{what_if['Elm']}")).to_have_class("pinned")
    assert "sort=name" in page.url and f"pin={what_if['Elm']}" in page.url
    assert page.evaluate("window.__noReload") is True


def test_cells_get_their_tooltip_again_after_a_swap(page, live_server, what_if, session):
    """compare.js writes each cell's title from its data-stats: on load and after htmx swaps."""
    portfolio = PortfolioWriter(session)
    fir = portfolio.company("Fir", tags="whatif")
    for who, level in (("partner", 5), ("partner2", 4), ("analyst", 3)):
        portfolio.scorecard(fir, who, {key: level for key in portfolio.criteria()})
    log_in(page, live_server, "admin@pitchlab.example")
    page.goto(f"{live_server}/compare?tag=whatif")
    page.evaluate("window.__noReload = true")
    dune = page.locator(f"#row-{what_if['Dune']} td.cell").first
    expect(dune).to_have_attribute(
        "title", "Mean 5.00 · median 5.00 · SD 0.00 · range 5.00–5.00 · n = 3 · N/A: 0"
    )
    page.click("#compare-matrix thead a.sort:has-text('Company')")
    expect(page.locator("#compare-matrix tbody th.name-col")).to_have_text(["Dune", "Elm", "Fir"])
    expect(page.locator(f"#row-{fir} td.cell").first).to_have_attribute(
        "title",
        "Mean 4.00 · median 4.00 · SD 1.00 · range 3.00–5.00 · n = 3 · N/A: 0"
        " · Evaluators differ by two levels or more",
    )
    assert page.evaluate("window.__noReload") is True
