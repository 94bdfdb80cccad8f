"""Worksheets in a real browser: typed by keyboard, the chart follows without a reload."""

import pytest
from playwright.sync_api import expect

from .conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser


def _company_url(page, base_url: str, name: str) -> str:
    page.goto(f"{base_url}/companies?q={name}")
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_url("**/companies/*")
    return page.url


def test_fill_cogs_by_keyboard_and_the_chart_updates_without_reload(page, live_server):
    log_in(page, live_server, "analyst@pitchlab.example")
    company = _company_url(page, live_server, "Tablevoice")
    page.goto(f"{company}/worksheets/ai-cogs")
    page.evaluate("window.__noReload = true")
    expect(page.locator("#ws-summary")).to_have_text("Not filled in yet.")
    expect(page.locator("figure.ws-chart")).to_have_count(0)
    page.focus("#ws-currency")
    page.keyboard.type("USD")  # a focused select picks the option typed
    for text in ["20", "t", "2000000", "3", "6", "30", "1.5", "20000", "10000"]:
        page.keyboard.press("Tab")
        page.keyboard.type(text)
    expect(page.locator("#ws-summary")).to_contain_text("Gross margin 40.0%; at 10× usage -365.0%")
    expect(page.locator("figure.ws-chart")).to_have_count(2)
    expect(page.locator('[data-margin="base"]')).to_have_text("40.0%")
    # A typo: the message appears beside the field and the chart goes until it is fixed.
    page.focus("#ws-price")
    page.keyboard.press("End")
    page.keyboard.type("x")
    expect(page.locator("#error-price")).to_contain_text("Enter a number")
    expect(page.locator("#ws-summary")).to_have_text("Fix the marked fields.")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.keyboard.type("6")  # price 6 per 1M tokens: inference 12, COGS 18, margin 10%
    expect(page.locator("#error-price")).to_have_text("")
    expect(page.locator('[data-margin="base"]')).to_have_text("10.0%")
    assert page.evaluate("window.__noReload") is True
    page.keyboard.press("Enter")  # submits the form: saved as a revision
    expect(page.locator(".notice.success")).to_contain_text("Saved as revision 1")
    expect(page.locator("#ws-history")).to_contain_text("worksheet:ai-cogs@1")
    expect(page.locator("#ws-price")).to_have_value("6")


def test_screenshots_of_two_demo_worksheets(page, live_server, tmp_path):
    log_in(page, live_server, "partner@pitchlab.example")
    page.set_viewport_size({"width": 1280, "height": 1400})  # the form and its charts
    company = _company_url(page, live_server, "Burrowline Vision")
    page.goto(f"{company}/worksheets/baseline-ladder")
    expect(page.locator("figure.ws-chart rect.ws-bar")).to_have_count(4)
    save_screenshot(page, "worksheet-baseline-ladder", tmp_path)
    company = _company_url(page, live_server, "栖语智能")
    page.goto(f"{company}/worksheets/ai-cogs")
    expect(page.locator("#ws-summary")).to_contain_text("Gross margin 74.6%")
    save_screenshot(page, "worksheet-ai-cogs", tmp_path)
