"""Two evaluators score one company in two browsers: autosave, live total, blind review, undo."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from pitchlab.rubrics.packfile import load_pack_file

from .conftest import log_in, save_screenshot

ROOT = Path(__file__).resolve().parents[2]
PROBLEM_SPACE = len(load_pack_file(ROOT / "seeds/rubrics/problem-space.yaml")[0].criteria)

pytestmark = pytest.mark.browser


def _open_scorecard(page, base_url, company_id):
    page.goto(f"{base_url}/companies/{company_id}")
    page.click('.score-link[data-pack="problem-space"]')
    page.wait_for_url("**/scorecards/*")


def _choose(page, index, level):
    criterion = page.locator("form[data-criterion]").nth(index)
    criterion.locator(f'input[type=radio][value="{level}"]').check()
    expect(criterion.locator(".save-state")).to_contain_text("Saved")


def test_two_evaluators_score_blind_with_live_total_and_undo(
    new_page, live_server, company_id, tmp_path
):
    partner, analyst = new_page(), new_page()
    log_in(partner, live_server, "partner@pitchlab.example")
    log_in(analyst, live_server, "analyst@pitchlab.example")
    _open_scorecard(partner, live_server, company_id)
    _open_scorecard(analyst, live_server, company_id)
    partner.evaluate("window.__noReload = true")

    _choose(partner, 0, 4)
    _choose(analyst, 0, 2)
    # The first criterion alone: the total is its level, whatever its weight.
    expect(partner.locator("#live-total")).to_contain_text("4.00")
    expect(analyst.locator("#live-total")).to_contain_text("2.00")
    _choose(partner, 1, 2)
    weights = partner.evaluate("""() => [
        ...document.querySelectorAll('form[data-criterion] legend .muted')].slice(0, 2)
        .map(el => parseFloat(el.textContent.replace(/[^0-9.]/g, '')))""")
    expected = (weights[0] * 4 + weights[1] * 2) / (weights[0] + weights[1])
    expect(partner.locator("#live-total")).to_contain_text(f"{expected:.2f}")
    expect(partner.locator("#completion")).to_contain_text(f"2 of {PROBLEM_SPACE}")
    assert partner.evaluate("window.__noReload") is True

    # Text saves after a pause in typing, without a button.
    partner.locator("form[data-criterion]").nth(1).locator("textarea[name=rationale]").fill(
        "Strong pull from legal ops"
    )
    expect(partner.locator("form[data-criterion]").nth(1).locator(".save-state")).to_contain_text(
        "Saved"
    )
    partner.wait_for_timeout(1200)
    partner.reload()
    expect(
        partner.locator("form[data-criterion]").nth(1).locator("textarea[name=rationale]")
    ).to_have_value("Strong pull from legal ops")

    # Keyboard: focus a level of the third criterion, press 5.
    partner.locator("form[data-criterion]").nth(2).locator("input[type=radio]").first.focus()
    partner.keyboard.press("5")
    expect(
        partner.locator("form[data-criterion]").nth(2).locator('input[value="5"]')
    ).to_be_checked()
    expect(partner.locator("#completion")).to_contain_text(f"3 of {PROBLEM_SPACE}")

    # Undo restores the prior value of the last change.
    partner.click("#undo")
    expect(
        partner.locator("form[data-criterion]").nth(2).locator('input[value="5"]')
    ).not_to_be_checked()
    expect(partner.locator("#completion")).to_contain_text(f"2 of {PROBLEM_SPACE}")

    # Blind: neither sees the other's scores before submitting.
    analyst.goto(f"{live_server}/companies/{company_id}/scores")
    expect(analyst.locator("body")).not_to_contain_text("Tobias Okafor")
    for index in range(PROBLEM_SPACE):
        if not partner.locator("form[data-criterion]").nth(index).locator("input:checked").count():
            _choose(partner, index, 3)
    partner.click("#submit-scorecard")
    expect(partner.locator(".badge").first).to_contain_text("Submitted")
    save_screenshot(partner, "scorecard", tmp_path)
    analyst.goto(f"{live_server}/companies/{company_id}/scores")
    expect(analyst.locator("body")).to_contain_text("1 evaluator submitted.")
    expect(analyst.locator("body")).not_to_contain_text("Tobias Okafor")


def test_conflicted_user_is_refused(page, live_server, company_id):
    log_in(page, live_server, "analyst@pitchlab.example")
    page.goto(f"{live_server}/companies/{company_id}")
    page.click("#scoring-panel details summary")
    page.fill("#conflict-reason", "Former employer")
    page.click("#conflict-form button[type=submit]")
    expect(page.locator("#scoring-panel")).to_contain_text("You declared a conflict of interest")
    response = page.goto(f"{live_server}/companies/{company_id}/score/problem-space")
    assert response.status == 403
