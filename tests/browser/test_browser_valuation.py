"""A Payne scorecard in the browser: the valuation follows the levels as they are chosen."""

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from pitchlab.models import Company

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_payne_valuation_updates_live_as_levels_change(new_page, live_server, session):
    dreamreel = session.exec(select(Company.id).where(Company.name == "Dreamreel Labs")).one()
    page = new_page()
    log_in(page, live_server, "partner@pitchlab.example")
    page.goto(f"{live_server}/companies/{dreamreel}")
    page.click('.score-link[data-pack="payne-scorecard"]')
    page.wait_for_url("**/scorecards/*")
    criteria = page.locator("form[data-criterion]")
    for index in range(6):
        criteria.nth(index).locator('input[type=radio][value="3"]').check()
        expect(criteria.nth(index).locator(".save-state")).to_contain_text("Saved")
    expect(page.locator("#valuation-missing")).to_have_text("Other factors")
    criteria.nth(6).locator('input[type=radio][value="3"]').check()
    # Every factor comparable to the average pre-seed deal in North America: the anchor itself.
    expect(page.locator("#valuation-value")).to_have_text("6,000,000 USD")
    criteria.nth(0).locator('input[type=radio][value="5"]').check()
    # The team (30%) at 150%: 6,000,000 x (1 + 0.30 x 0.5) = 6,900,000.
    expect(page.locator("#valuation-value")).to_have_text("6,900,000 USD")
    expect(page.locator("#valuation-anchor")).to_contain_text("North America")
