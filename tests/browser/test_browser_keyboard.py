"""The scorecard and compare by keyboard alone: after every key, focus is somewhere on the
page, never dropped to <body> by an htmx swap (issue 18)."""

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from pitchlab.models import ScoreEvent

from .a11y import demo_sample_ids
from .conftest import log_in

pytestmark = pytest.mark.browser
# The scorecard saves an arrow-key choice once it has settled this long (static/js/scorecard.js).
SETTLE_MS = 600

FOCUSED_ID = "document.activeElement ? document.activeElement.id : ''"
FOCUS_ON_BODY = "!document.activeElement || document.activeElement === document.body"


@pytest.fixture
def ids(session):
    return demo_sample_ids(session)


def _press(page, key: str) -> None:
    page.keyboard.press(key)
    assert not page.evaluate(FOCUS_ON_BODY), f"focus fell to <body> after {key}"


def _settled(page, url_part: str) -> None:
    """Wait for the htmx swap that pushed url_part, then check where focus is."""
    page.wait_for_function("part => location.search.includes(part)", arg=url_part)
    page.wait_for_load_state("networkidle")
    assert not page.evaluate(FOCUS_ON_BODY), f"focus fell to <body> after {url_part}"


def test_compare_by_keyboard_keeps_focus_through_sort_pin_and_top(page, live_server, ids):
    log_in(page, live_server, "admin@pitchlab.example")
    page.goto(f"{live_server}/compare")
    page.focus("#sort-name")
    _press(page, "Enter")
    _settled(page, "sort=name")
    assert page.evaluate(FOCUSED_ID) == "sort-name"
    expect(page.locator("th:has(#sort-name)")).to_have_attribute("aria-sort", "ascending")
    _press(page, "Enter")
    _settled(page, "dir=desc")
    assert page.evaluate(FOCUSED_ID) == "sort-name"
    expect(page.locator("th:has(#sort-name)")).to_have_attribute("aria-sort", "descending")

    pin = f"#pin-{ids['company']}"
    expect(page.locator(pin)).to_have_accessible_name("Pin Clausemint to the top")
    page.focus(pin)
    _press(page, "Enter")
    _settled(page, f"pin={ids['company']}")
    expect(page.locator(pin)).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(FOCUSED_ID) == f"pin-{ids['company']}"
    _press(page, "Space")
    expect(page.locator(pin)).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(FOCUSED_ID) == f"pin-{ids['company']}"

    page.focus("#watch-top")
    _press(page, "ArrowDown")
    _settled(page, "top=")
    assert page.evaluate(FOCUSED_ID) == "watch-top"

    # One tab stop into the matrix; arrows move between cells and say what each holds.
    page.focus('#compare-matrix td.cell[tabindex="0"]')
    _press(page, "ArrowRight")
    _press(page, "ArrowDown")
    # The line above the table speaks for the focused cell: its statistics, or a dash if empty.
    has_stats = page.evaluate("() => Boolean(document.activeElement.dataset.stats)")
    expect(page.locator("#cell-detail")).to_contain_text("median" if has_stats else "—")
    for _ in range(6):
        _press(page, "Tab")


def test_fifth_radar_company_is_refused_with_a_reason(page, live_server, ids):
    log_in(page, live_server, "admin@pitchlab.example")
    page.goto(f"{live_server}/compare")
    fifth = page.locator("#radar-companies input").nth(4)
    fifth.focus()
    _press(page, "Space")
    expect(fifth).not_to_be_checked()
    expect(page.locator("#radar-limit")).to_contain_text("Up to four companies")
    expect(page.locator("#chart-data-totals tbody tr")).not_to_have_count(0)


def test_scorecard_by_keyboard_saves_a_settled_level_once(page, live_server, ids, session):
    log_in(page, live_server, "admin@pitchlab.example")
    page.goto(f"{live_server}/companies/{ids['unscored']}/score/problem-space")
    page.focus("#start-scorecard-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    scorecard = int(page.url.rsplit("/", 1)[1])
    expect(page).to_have_title("Problem-space definition · Tablevoice · pitchlab")

    first = page.locator("form[data-criterion]").first
    first.locator("input[type=radio]").first.focus()  # focus alone chooses nothing
    # Wait for the one save the settled choice makes, however slow the machine.
    with page.expect_response(
        lambda answer: "/criteria/" in answer.url and answer.request.method == "POST"
    ):
        for _ in range(4):
            _press(page, "ArrowDown")
    expect(first.locator(".save-state")).to_contain_text("Saved")
    expect(first.locator("input[type=radio]").nth(4)).to_be_checked()
    page.wait_for_timeout(SETTLE_MS * 2)  # a second save, if one came, has come by now
    page.wait_for_load_state("networkidle")
    session.rollback()
    events = session.exec(
        select(ScoreEvent).where(ScoreEvent.evaluation_id == scorecard, ScoreEvent.field == "value")
    ).all()
    assert [event.new["value"] for event in events] == [{"value": 5, "na": False}]

    # An incomplete submit comes back with focus on its error, which leads to what is missing.
    page.focus("#submit-scorecard")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#submit-error")).to_be_focused()
    _press(page, "Tab")
    assert page.evaluate(FOCUSED_ID) == "first-unanswered"
