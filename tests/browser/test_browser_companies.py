"""The company pages in Chromium: htmx create without reload, and the language switch."""

import pytest
from playwright.sync_api import expect

from .conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser


def test_create_company_through_htmx_form_appears_without_reload(page, live_server, tmp_path):
    log_in(page, live_server, "admin@pitchlab.example")
    page.goto(f"{live_server}/companies")
    expect(page.locator("#result-count")).to_contain_text("15 companies")
    # A marker on window survives an htmx swap but not a full page load.
    page.evaluate("window.__noReload = true")
    page.click("#new-company")
    page.fill("#f-name", "Lanternfish Robotics")
    page.fill("#f-one_liner", "Vision models for warehouse picking")
    page.select_option("#f-stage", "series-a")
    page.select_option("#f-modality", "image")
    page.select_option("#f-model_strategy", "fine-tuned-open")
    page.click("#company-form button[type=submit]")
    expect(page.locator("#company-created")).to_contain_text("Lanternfish Robotics")
    expect(page.locator("#company-results")).to_contain_text("Lanternfish Robotics")
    expect(page.locator("#result-count")).to_contain_text("16 companies")
    assert page.evaluate("window.__noReload") is True
    save_screenshot(page, "companies", tmp_path)


def test_bad_field_shows_message_in_place_and_keeps_values(page, live_server):
    log_in(page, live_server, "analyst@pitchlab.example")
    page.goto(f"{live_server}/companies")
    page.click("#new-company")
    page.fill("#f-one_liner", "Kept value")
    page.fill("#f-founded_year", "3000")
    page.click("#company-form button[type=submit]")
    expect(page.locator("#e-name")).to_be_visible()
    expect(page.locator("#e-founded_year")).to_contain_text("future")
    expect(page.locator("#f-one_liner")).to_have_value("Kept value")


def test_search_filters_as_you_type(page, live_server):
    log_in(page, live_server, "partner@pitchlab.example")
    page.goto(f"{live_server}/companies")
    page.fill("#search", "zzz-no-such-company")
    expect(page.locator("#company-results")).to_contain_text("No company matches")
    assert "q=zzz-no-such-company" in page.url


def test_switch_language_to_chinese(page, live_server):
    log_in(page, live_server, "partner@pitchlab.example")
    page.goto(f"{live_server}/companies")
    page.select_option("#locale-select", "zh")
    page.click("form.locale button[type=submit]")
    expect(page.locator("h1")).to_have_text("公司")
    expect(page.locator("#new-company")).to_have_text("新建公司")
    page.goto(f"{live_server}/companies")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
