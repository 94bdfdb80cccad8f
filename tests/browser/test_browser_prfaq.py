"""Drafting a PR/FAQ in Chromium: start from a company, watch the preview follow the typing
without a reload, add an FAQ question, and download the Word file; rename a draft in place, and
an open editor told that someone archived the draft."""

import re

import pytest
from docx import Document
from playwright.sync_api import expect

from .conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser


def test_draft_a_prfaq_see_the_preview_update_and_download_docx(page, live_server, tmp_path):
    log_in(page, live_server, "analyst@pitchlab.example")
    page.goto(f"{live_server}/companies?q=Clausemint")
    page.click("#company-results a:text('Clausemint')")
    expect(page.locator("#company-prfaqs")).to_contain_text("Clausemint launch PR/FAQ")
    page.click("#start-prfaq")
    page.fill("#f-title", "Browser PR/FAQ")
    page.click("#create-prfaq")
    expect(page.locator("h1")).to_have_text("Browser PR/FAQ")
    expect(page.locator("#s-headline")).to_have_value("Clausemint")

    # A marker on window survives htmx swaps but not a page load.
    page.evaluate("window.__noReload = true")
    page.fill("#s-problem", "Legal teams lose **two hours** on every contract.")
    expect(page.locator("#preview-problem strong")).to_have_text("two hours")
    expect(page.locator("#save-state")).to_contain_text("Saved as revision 2.")
    expect(page.locator("#words-problem")).to_contain_text("8 words")
    expect(page.locator("#completeness")).to_contain_text("Problem has 8 words; aim for 40 to 200.")

    page.click("#add-external")
    page.fill("#q-external-0", "What does it cost?")
    page.fill("#a-external-0", "£300 per month for a team.")
    expect(page.locator("#preview-faq-external")).to_contain_text("£300 per month")
    expect(page.locator("#completeness")).not_to_contain_text("does not address Price")
    assert page.evaluate("window.__noReload") is True
    save_screenshot(page, "prfaq-editor", tmp_path)

    page.click("summary:has-text('Export')")
    with page.expect_download() as download_info:
        page.click("#export-docx")
    target = tmp_path / "draft.docx"
    download_info.value.save_as(target)
    texts = [paragraph.text for paragraph in Document(str(target)).paragraphs]
    assert texts[0] == "Browser PR/FAQ"
    assert "Legal teams lose two hours on every contract." in texts
    assert "What does it cost?" in texts


def test_rename_in_place_and_an_open_editor_hears_the_draft_was_archived(new_page, live_server):
    writer, partner = new_page(), new_page()
    log_in(writer, live_server, "analyst@pitchlab.example")
    log_in(partner, live_server, "partner@pitchlab.example")
    writer.goto(f"{live_server}/prfaqs?q=Clausemint")
    writer.click("#prfaq-results a:text('Clausemint launch PR/FAQ')")
    writer.evaluate("window.__noReload = true")

    writer.click("#draft-title summary")
    writer.fill("#draft-title-input", "Clausemint, renamed")
    writer.click("#rename-form button[type=submit]")
    expect(writer.locator("h1")).to_have_text("Clausemint, renamed")
    expect(writer).to_have_title(re.compile(r"^Clausemint, renamed · Clausemint"))
    writer.click("#draft-title summary")
    writer.fill("#draft-title-input", "   ")
    writer.click("#rename-form button[type=submit]")
    expect(writer.locator("#draft-title-error")).to_have_text("This field is required.")
    expect(writer.locator("h1")).to_have_text("Clausemint, renamed")

    partner.goto(writer.url)
    partner.click("#archive-form button")
    expect(partner.locator("#archived-banner")).to_contain_text("by Tobias Okafor")
    writer.fill("#s-problem", "Typed after someone archived the draft.")
    expect(writer.locator("#save-state")).to_contain_text("is archived")
    assert writer.evaluate("window.__noReload") is True

    partner.click("#restore-form button")
    expect(partner.locator("#draft-form")).to_be_visible()
    expect(partner.locator("#archived-banner")).to_have_count(0)
