"""Oversized fields never fail silently, in Chromium (issue 11): an over-limit rationale or
PR/FAQ section shows its inline error and no "Saved"; shortened, it saves and says so."""

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from pitchlab.models import Score
from pitchlab.prfaq.editing import SECTION_MAX_CHARS
from pitchlab.scoring.inputs import RATIONALE_MAX

from ..prfaq.conftest import WEAK_EN, current_content, draft_by_title
from .conftest import log_in

pytestmark = pytest.mark.browser

HUGE = 1024 * 1024 + 1  # past Starlette's default field limit: was a silent 400
OVER_BODY_LIMIT = 3 * 1024 * 1024  # past the app's body limit: refused before it is read


def _criterion(page, index: int):
    return page.locator("form[data-criterion]").nth(index)


def _type(locator, count: int) -> None:
    """Put `count` characters of prose in a text field as one input event (fill() of a MiB
    is slow, and one unbroken MiB-long word stalls the page's text layout)."""
    locator.evaluate(
        """(field, count) => {
            const line = "Pasted notes, line after line.\\n";
            field.value = line.repeat(count / line.length + 1).slice(0, count);
            field.dispatchEvent(new Event("input", {bubbles: true}));
        }""",
        count,
    )


def test_over_limit_rationale_shows_its_error_and_no_saved(page, live_server, company_id, session):
    log_in(page, live_server, "partner@pitchlab.example")
    page.goto(f"{live_server}/companies/{company_id}")
    page.click('.score-link[data-pack="problem-space"]')
    page.wait_for_url("**/scorecards/*")
    criterion = _criterion(page, 0)
    state, rationale = (
        criterion.locator(".save-state"),
        criterion.locator("textarea[name=rationale]"),
    )
    criterion.locator('input[type=radio][value="3"]').click()
    expect(state).to_have_text("Saved")

    for size in (RATIONALE_MAX + 1, HUGE):
        with page.expect_response(lambda response: "/criteria/" in response.url) as answer:
            _type(rationale, size)
        assert answer.value.status == 422
        expect(state).to_have_text("Not saved: fix the marked field.")
        expect(criterion.locator("small.error").nth(2)).to_have_text(
            f"At most {RATIONALE_MAX} characters."
        )

    _type(rationale, OVER_BODY_LIMIT)  # the server's 413, not a field error: still no "Saved"
    expect(state).to_have_text(
        "Not saved: this is more text than one save can carry; shorten it.", timeout=60_000
    )

    rationale.fill("Clear pull from legal operations teams")
    expect(state).to_have_text("Saved")
    expect(criterion.locator("small.error").nth(2)).to_have_text("")
    session.rollback()
    saved = session.exec(select(Score).where(Score.rationale.startswith("Clear pull"))).one()
    assert saved.rationale == "Clear pull from legal operations teams" and saved.value == 3


def test_over_limit_prfaq_section_shows_its_error_and_no_saved(page, live_server, session):
    draft = draft_by_title(session, WEAK_EN)
    log_in(page, live_server, "admin@pitchlab.example")
    page.goto(f"{live_server}/prfaqs/{draft.id}")
    state = page.locator("#save-state")
    expect(state).to_have_text("Changes save as you type.")

    too_long = f"This section is longer than {SECTION_MAX_CHARS:,} characters"
    for size in (SECTION_MAX_CHARS + 1, HUGE):
        with page.expect_response(lambda response: response.request.method == "POST") as answer:
            _type(page.locator("#s-problem"), size)
        assert answer.value.status == 422
        expect(state).to_have_text("Not saved: fix the parts marked below.")
        expect(page.locator("#error-problem")).to_contain_text(too_long)
        expect(state).not_to_have_text(re.compile("^Saved"))

    page.fill("#s-problem", "Contract review takes two hours a contract.")
    expect(state).to_have_text(re.compile(r"^Saved as revision \d+\.$"))
    expect(page.locator("#error-problem")).to_have_text("")
    assert current_content(session, draft.id).sections["problem"] == (
        "Contract review takes two hours a contract."
    )
