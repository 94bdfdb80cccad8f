"""The deal workflow in Chromium (issue 13): assign, score, leave the queue; drag a card;
mention someone who is notified."""

import pytest
from playwright.sync_api import expect

from .conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser


def test_assigned_analyst_scores_from_the_home_page_and_the_item_leaves_the_queue(
    new_page, live_server, company_id, tmp_path
):
    partner, analyst = new_page(), new_page()
    log_in(partner, live_server, "partner@pitchlab.example")
    log_in(analyst, live_server, "analyst@pitchlab.example")
    partner.goto(f"{live_server}/companies/{company_id}")
    partner.click("#assignment-panel details summary")
    partner.select_option("#assign-users", label=["Priya Raman", "Tobias Okafor"])
    partner.fill("#assign-due", "2030-01-15")
    partner.click("#assign-form button[type=submit]")
    assigned = partner.locator('#assignment-panel tr[data-state="assigned"]')
    expect(assigned.filter(has_text="Priya Raman")).to_have_count(1)

    analyst.goto(f"{live_server}/")
    row = analyst.locator(f'#my-queue tr[data-company="{company_id}"]')
    expect(row).to_contain_text("Clausemint")
    expect(row).to_contain_text("2030-01-15")
    pack = row.get_attribute("data-pack")
    row.locator("a").click()
    analyst.click(f'.score-link[data-pack="{pack}"]')
    analyst.wait_for_url("**/scorecards/*")
    criteria = analyst.locator("form[data-criterion]")
    for index in range(criteria.count()):
        criterion = criteria.nth(index)
        criterion.locator('input[type=radio][value="3"]').check()
        expect(criterion.locator(".save-state")).to_contain_text("Saved")
    analyst.click("#submit-scorecard")
    expect(analyst.locator(".badge").first).to_contain_text("Submitted")
    analyst.goto(f"{live_server}/")
    expect(analyst.locator(f'#my-queue tr[data-company="{company_id}"]')).to_have_count(0)
    partner.goto(f"{live_server}/")
    expect(partner.locator(f'#my-queue tr[data-company="{company_id}"]')).to_have_count(1)
    expect(partner.locator("#pipeline svg g")).to_have_count(6)
    save_screenshot(partner, "home", tmp_path)


def _drag(page, card, column) -> None:
    box, target = card.bounding_box(), column.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 12)
    page.mouse.down()
    steps = [(box["x"] + 30, box["y"] + 30), (target["x"] + target["width"] / 2, target["y"] + 40)]
    for x, y in steps:
        page.mouse.move(x, y, steps=12)
    page.mouse.move(target["x"] + target["width"] / 2, target["y"] + target["height"] - 10, steps=8)
    page.mouse.up()


def test_partner_drags_a_card_and_an_analyst_cannot(new_page, live_server, company_id, tmp_path):
    partner, analyst = new_page(), new_page()
    log_in(partner, live_server, "partner@pitchlab.example")
    log_in(analyst, live_server, "analyst@pitchlab.example")
    partner.goto(f"{live_server}/board")
    card = partner.locator(f"#card-{company_id}")
    expect(card).to_be_visible()
    save_screenshot(partner, "board", tmp_path)
    target = partner.locator('.board-cards[data-status="invested"]')
    with partner.expect_response("**/board/move") as moved:
        _drag(partner, card, target)
    assert moved.value.status == 204
    partner.reload()
    expect(
        partner.locator(f'.board-cards[data-status="invested"] #card-{company_id}')
    ).to_be_visible()

    analyst.goto(f"{live_server}/board")
    expect(analyst.locator("#board")).to_have_attribute("data-may-move", "false")
    expect(analyst.locator(f"#card-{company_id} .move-form")).to_have_count(0)
    status = analyst.evaluate(
        """async (id) => {
            const token = JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRF-Token'];
            const body = new FormData();
            body.append('company_id', id);
            body.append('status', 'passed');
            const headers = {'X-CSRF-Token': token};
            const r = await fetch('/board/move', {method: 'POST', body, headers});
            return r.status; }""",
        str(company_id),
    )
    assert status == 403
    analyst.reload()
    expect(
        analyst.locator(f'.board-cards[data-status="invested"] #card-{company_id}')
    ).to_be_visible()


def test_mentioned_person_sees_an_unread_notification(new_page, live_server, company_id):
    partner, analyst = new_page(), new_page()
    log_in(partner, live_server, "partner@pitchlab.example")
    log_in(analyst, live_server, "analyst@pitchlab.example")
    partner.goto(f"{live_server}/companies/{company_id}")
    partner.fill("#comment-body", "Please check the churn numbers, @Priya")
    partner.click("#comment-form button[type=submit]")
    expect(partner.locator("#timeline .comment-body").first).to_contain_text("churn numbers")
    analyst.goto(f"{live_server}/companies")
    expect(analyst.locator("#nav-notifications [data-unread]")).to_have_text("1 unread")
    analyst.click("#nav-notifications")
    expect(analyst.locator("li[data-reason=mention]")).to_contain_text(
        "Tobias Okafor mentioned you on Clausemint"
    )
    analyst.click("li[data-reason=mention] button")
    expect(analyst.locator("#timeline")).to_contain_text("churn numbers")
    expect(analyst.locator("#nav-notifications [data-unread]")).to_have_count(0)
