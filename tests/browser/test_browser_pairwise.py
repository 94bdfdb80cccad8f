"""Head-to-head judging in Chromium (issue 14): a session from a prefilled link, answered
with the keyboard, then the ranking; no WCAG violation on the way, in English and Chinese."""

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from pitchlab.models import Company, PairwiseJudgement
from pitchlab.web.i18n import LOCALE_COOKIE

from .a11y import AXE_SCRIPT, audit
from .conftest import log_in


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["en", "zh"])
def test_judge_with_the_keyboard_then_see_the_ranking(app, browser, live_server, locale):
    with Session(app.state.engine) as session:
        ids = list(session.exec(select(Company.id).order_by(Company.id).limit(3)).all())
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.add_init_script(path=str(AXE_SCRIPT))
    context.add_cookies([{"name": LOCALE_COOKIE, "value": locale, "url": live_server}])
    page = context.new_page()
    try:
        log_in(page, live_server, "partner@pitchlab.example")
        page.goto(f"{live_server}/pairwise/new?" + "&".join(f"company={i}" for i in ids))
        problems = audit(page, "new session")
        page.fill("#pairwise-title", "Finalists")
        page.click("#pairwise-form button[type=submit]")
        page.wait_for_url("**/judge")
        problems += audit(page, "judging")
        for key in ("a", "b", "c"):
            before = page.locator("#pairwise-progress").inner_text()
            page.keyboard.press(key)
            expect(page.locator("#pairwise-progress")).not_to_have_text(before)
            # The next key waits for the swap to settle, as the script does.
            expect(page.locator(".htmx-settling")).to_have_count(0)
        expect(page.locator("#pairwise-finished")).to_be_visible()
        assert page.url.endswith("/judge")  # answered in place, by htmx
        problems += audit(page, "finished")
        page.goto(page.url.removesuffix("/judge"))
        expect(page.locator("#pairwise-ranking tbody tr")).to_have_count(3)
        problems += audit(page, "ranking")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
    with Session(app.state.engine) as session:
        outcomes = sorted(j.outcome for j in session.exec(select(PairwiseJudgement)))
    assert len(outcomes) == 3 and "tie" in outcomes
