"""Upload a deck, read it beside the scorecard, cite a page by keyboard, follow the citation
from the scores page and compare's tooltip back to the page (issue 12)."""

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from pitchlab.documents.demo import load_decks
from pitchlab.documents.pdfdeck import deck_pdf
from pitchlab.models import Company
from pitchlab.paths import resource_dir

from .conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser


def test_upload_split_view_cite_by_keyboard_and_follow_citation(
    new_page, live_server, session, tmp_path
):
    company = session.exec(select(Company).where(Company.name == "Clausemint")).one()
    spec = next(
        d for d in load_decks(resource_dir("seeds") / "documents") if d.company == "Clausemint"
    )
    deck = tmp_path / "clausemint-2027.pdf"
    deck.write_bytes(deck_pdf(spec.slides, language="en"))
    page = new_page()
    log_in(page, live_server, "analyst@pitchlab.example")

    # Upload with the file picker; the list shows the new version and polls until it is read.
    page.goto(f"{live_server}/companies/{company.id}/documents")
    page.set_input_files("#document-file", str(deck))
    page.click("form[data-upload] button[type=submit]")
    row = page.locator("tr[data-document-id]", has_text="clausemint-2027.pdf")
    expect(row).to_contain_text("v2")
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "ready")
    document_id = row.get_attribute("data-document-id")

    # The scorecard opens beside the newest deck.
    page.goto(f"{live_server}/companies/{company.id}")
    page.click('.score-link[data-pack="problem-space"]')
    page.wait_for_url("**/scorecards/*")
    panel = page.locator("#deck-panel")
    expect(panel).to_contain_text("clausemint-2027.pdf")
    expect(page.locator("#deck-evidence")).to_contain_text("Not addressed in the deck")
    panel.locator("[data-next]").click()
    expect(panel).to_contain_text("Page 2 of 11")

    # Keyboard only: a level of the first criterion, then C cites the panel's page into it.
    first = page.locator("form[data-criterion]").first
    first.locator("input[type=radio]").first.focus()
    page.keyboard.press("3")
    page.keyboard.press("c")
    citation = f"doc:{document_id}@2#p2"
    expect(first.locator("textarea[name=evidence]")).to_have_value(f"The problem | {citation}")
    expect(first.locator(".save-state")).to_contain_text("Saved")
    page.wait_for_timeout(1000)  # the evidence autosaves after a pause
    save_screenshot(page, "split-view", tmp_path)
    for index in range(1, page.locator("form[data-criterion]").count()):
        criterion = page.locator("form[data-criterion]").nth(index)
        criterion.locator('input[type=radio][value="3"]').check()
        expect(criterion.locator(".save-state")).to_contain_text("Saved")
    page.click("#submit-scorecard")

    # The scores page links the citation to that page of that version.
    page.goto(f"{live_server}/companies/{company.id}/scores")
    page.click(f'a[href="/documents/{document_id}?page=2#page-2"]')
    expect(page.locator("#page-2")).to_contain_text("The problem")
    expect(page.locator("#page-citation")).to_have_text(citation)

    # Compare: the cell's tooltip links the same page; it shows on hover and the link follows.
    page.goto(f"{live_server}/compare?company={company.id}&pack=problem-space")
    link = page.locator(f'#compare-matrix .cell-cites a[data-citation="{citation}"]')
    expect(link).to_have_count(1)
    expect(link).to_be_hidden()
    cell = link.locator("xpath=ancestor::td[1]")
    cell.hover()
    expect(link).to_be_visible()
    link.click()
    expect(page.locator("#page-citation")).to_have_text(citation)
