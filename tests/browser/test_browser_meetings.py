"""An IC meeting in Chromium (issue 14): a partner creates and runs it: presenter view, the
keyboard between items, a hidden vote (another attendee sees a count, not the vote), reveal,
decision, tally and status, and the IC memo that carries the decision."""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from tests.reports.pdf_text import compact, pdf_text

from pitchlab.paths import resource_dir
from pitchlab.scoring.seeding import seed_scorecards
from pitchlab.seeding import SeedReport

from .conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser
# The form lists companies by name; the agenda starts in that order.
AGENDA = ["Burrowline Vision", "Clausemint", "Pixelorchard"]


def _create_meeting(partner, base: str) -> None:
    partner.goto(f"{base}/meetings")
    partner.click("#new-meeting")
    partner.fill("#f-title", "IC December")
    partner.fill("#f-held_on", "2026-12-09")
    for name in ("Mara Lindqvist", "陈思远"):
        partner.locator("#f-attendees label", has_text=name).locator("input").check()
    for name in AGENDA:
        partner.locator("#f-companies label", has_text=name).locator("input").check()
    partner.click("#meeting-form button[type=submit]")
    partner.wait_for_url("**/meetings/*")
    expect(partner.locator("#agenda ol.agenda > li")).to_have_count(3)


def test_a_partner_runs_a_meeting(new_page, live_server, session, tmp_path):
    # The demo scorecards, so the presenter view has the panel's numbers to show.
    seed_scorecards(session, resource_dir("seeds") / "scorecards", SeedReport())
    session.commit()
    partner, admin = new_page(), new_page()
    log_in(partner, live_server, "partner@pitchlab.example")
    log_in(admin, live_server, "admin@pitchlab.example")
    _create_meeting(partner, live_server)
    meeting_url = partner.url

    partner.click("#start-presenting")
    title = partner.locator("#dossier h1")
    expect(title).to_have_text(AGENDA[0])
    expect(partner.locator("#weighted-total")).not_to_have_text("—")
    expect(partner.locator("#dossier-disagreements table").first).to_be_visible()
    first_item = partner.url
    partner.keyboard.press("ArrowRight")
    expect(title).to_have_text(AGENDA[1])
    partner.keyboard.press("j")
    expect(title).to_have_text(AGENDA[2])
    partner.keyboard.press("k")
    expect(title).to_have_text(AGENDA[1])
    partner.keyboard.press("ArrowLeft")
    expect(title).to_have_text(AGENDA[0])
    assert partner.url == first_item

    # Typing a note does not move to another company.
    partner.locator('#vote-form input[value="invest"]').check()
    partner.fill("#f-vote-note", "jk")
    partner.click("#vote-form button[type=submit]")
    expect(partner.locator("#my-vote")).to_have_attribute("data-choice", "invest")
    expect(partner.locator("#votes-cast")).to_have_attribute("data-count", "1")

    admin.goto(first_item)
    expect(admin.locator("#votes-cast")).to_have_attribute("data-count", "1")
    expect(admin.locator("#votes")).not_to_contain_text("Invest 1")
    assert 'data-choice="invest"' not in admin.content()
    admin.locator('#vote-form input[value="more-diligence"]').check()
    admin.click("#vote-form button[type=submit]")
    expect(admin.locator("#votes-cast")).to_have_attribute("data-count", "2")
    expect(admin.locator("#reveal-votes")).to_be_visible()  # an admin may act as chair

    partner.reload()
    expect(partner.locator("#votes-cast")).to_have_attribute("data-count", "2")
    assert 'data-choice="more-diligence"' not in partner.content()
    partner.click("#reveal-votes")
    tally = partner.locator("#votes .tally-counts")
    expect(tally.locator('[data-choice="invest"]')).to_have_attribute("data-count", "1")
    expect(tally.locator('[data-choice="more-diligence"]')).to_have_attribute("data-count", "1")
    partner.select_option("#f-decision", "invest")
    partner.fill("#f-conditions", "Pro-rata rights in the next round")
    partner.fill("#f-minutes", "Strong pull from legal teams.")
    partner.click("#record-decision")
    expect(partner.locator("#decision")).to_have_attribute("data-decision", "invest")
    expect(partner.locator("#decision")).to_contain_text("Invested")
    save_screenshot(partner, "presenter-view", tmp_path)

    # The memo carries the decision just recorded.
    with partner.expect_download() as download:
        partner.click("#memo-pdf")
    memo = compact(pdf_text(Path(download.value.path()).read_bytes()))
    assert compact(AGENDA[0]) in memo
    assert compact("Pro-rata rights in the next round") in memo

    partner.goto(meeting_url)
    expect(partner.locator('#record [data-decision="invest"]')).to_have_count(1)
    expect(partner.locator("#agenda li").first.locator("[data-status]")).to_have_attribute(
        "data-status", "invested"
    )
