"""No WCAG 2.0-2.2 A/AA violation (axe-core) on any page, logged in and out, in English and
Chinese, and in the states an htmx swap leaves behind (issue 18)."""

import pytest
from playwright.sync_api import expect

from pitchlab.web.i18n import LOCALE_COOKIE

from .a11y import (
    AXE_SCRIPT,
    ERROR_SAMPLES,
    NOT_PAGES,
    PAGE_SAMPLES,
    READY_WHEN,
    audit,
    demo_sample_ids,
    page_routes,
)
from .conftest import log_in


def test_every_page_route_has_a_sample(app):
    """A new page cannot escape the audit: its route needs a sample URL or a reason."""
    routes = page_routes(app)
    missing = sorted(routes - set(PAGE_SAMPLES) - set(NOT_PAGES))
    assert missing == [], f"add sample URLs to tests/browser/a11y.py PAGE_SAMPLES: {missing}"


@pytest.fixture
def sample_ids(session) -> dict[str, int | str]:
    return demo_sample_ids(session)


def _sample_urls(app, ids) -> list[str]:
    routes = page_routes(app)
    urls = [
        url.format(**ids) for path, urls in PAGE_SAMPLES.items() if path in routes for url in urls
    ]
    return urls + ERROR_SAMPLES


def _audit_pages(page, base: str, urls: list[str], label: str) -> list[str]:
    """Audit each distinct page the URLs lead to (logged out, most lead to the login page)."""
    problems, seen = [], set()
    for url in urls:
        page.goto(base + url)
        page.wait_for_load_state("load")
        if url in READY_WHEN and "/login" not in page.url:
            page.wait_for_selector(READY_WHEN[url])
        if page.url in seen:
            continue
        seen.add(page.url)
        problems += audit(page, label)
    return problems


def _company_form_with_errors(page, base) -> list[str]:
    page.goto(f"{base}/companies/new")
    page.fill("#f-website", "not a web address")
    page.locator("#company-form button[type=submit]").click()
    expect(page.locator("#f-name")).to_have_attribute("aria-invalid", "true")
    # Focus goes to the first field in error, not back to <body> (issue 18).
    expect(page.locator("#f-name")).to_be_focused()
    return audit(page, "company form with errors")


def _saved_criterion_and_incomplete_submit(page, base, ids) -> list[str]:
    page.goto(f"{base}/companies/{ids['unscored']}/score/problem-space")
    page.click("#start-scorecard-button")
    page.wait_for_url("**/scorecards/*")
    first = page.locator("form[data-criterion]").first
    first.locator(".level-choice").nth(2).click()
    expect(first.locator(".save-state")).not_to_be_empty()
    problems = audit(page, "saved criterion")
    page.click("#submit-scorecard")
    expect(page.locator("#submit-error")).to_be_visible()
    return problems + audit(page, "incomplete submit")


def _compare_after_sort_and_pin(page, base) -> list[str]:
    page.goto(f"{base}/compare")
    page.locator("#compare-matrix thead a.sort").nth(1).click()  # by company name
    page.wait_for_url("**sort=name**")
    page.locator("#compare-matrix tbody .pin").first.click()
    page.wait_for_url("**pin=**")
    expect(page.locator("#compare-matrix tbody tr.pinned")).to_have_count(1)
    return audit(page, "compare after a sort and a pin")


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["en", "zh"])
def test_no_wcag_violation_on_any_page(app, browser, live_server, sample_ids, locale):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.add_init_script(path=str(AXE_SCRIPT))  # injected outside the page's CSP
    context.add_cookies([{"name": LOCALE_COOKIE, "value": locale, "url": live_server}])
    page = context.new_page()
    urls = _sample_urls(app, sample_ids)
    try:
        problems = _audit_pages(page, live_server, urls, f"[{locale}, logged out]")
        log_in(page, live_server, "admin@pitchlab.example")
        problems += _audit_pages(page, live_server, urls, f"[{locale}, admin]")
        problems += _company_form_with_errors(page, live_server)
        problems += _saved_criterion_and_incomplete_submit(page, live_server, sample_ids)
        problems += _compare_after_sort_and_pin(page, live_server)
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
