"""Oversized fields never fail silently (issue 11): a field larger than Starlette's 1 MiB part
limit gets the same inline 422 as one just over its own limit, and every htmx error answer is
a fragment the page's htmx config swaps in."""

import json
import re

import pytest
from sqlmodel import select

from pitchlab.companies.schemas import NOTES_MAX
from pitchlab.models import Score
from pitchlab.prfaq.editing import SECTION_MAX_CHARS
from pitchlab.rubrics.store import get_pack_version
from pitchlab.scoring.inputs import RATIONALE_MAX

from ..prfaq.conftest import HTMX, WEAK_EN, draft_by_title, draft_form

HUGE = 1024 * 1024 + 1  # one character past Starlette's default part limit


def _oob_text(html: str, element_id: str) -> str:
    """The words of an element (a save state keeps them in a child span, issue 18)."""
    found = re.search(rf'id="{element_id}"[^>]*>(?:<span[^>]*>)?(.*?)</', html, re.DOTALL)
    return " ".join(found.group(1).split()) if found else ""


@pytest.fixture
def criterion_url(admin_client, session, company_id):
    opened = admin_client.post(f"/companies/{company_id}/score/problem-space")
    scorecard = int(str(opened.url).rsplit("/", 1)[1])
    criterion = get_pack_version(session, "problem-space").criteria[0].id
    return f"/scorecards/{scorecard}/criteria/{criterion}", criterion


@pytest.mark.parametrize("size", [RATIONALE_MAX + 1, HUGE], ids=["just-over", "over-1-MiB"])
def test_oversized_rationale_gets_the_inline_422(admin_client, session, criterion_url, size):
    url, criterion = criterion_url
    answer = admin_client.post(url, data={"value": "3", "rationale": "r" * size}, headers=HTMX)
    assert answer.status_code == 422
    assert _oob_text(answer.text, f"error-{criterion}-rationale") == (
        f"At most {RATIONALE_MAX} characters."
    )
    assert _oob_text(answer.text, f"state-{criterion}") == "Not saved: fix the marked field."
    session.rollback()
    assert session.exec(select(Score).where(Score.criterion_id == criterion)).first() is None


@pytest.mark.parametrize("size", [SECTION_MAX_CHARS + 1, HUGE], ids=["just-over", "over-1-MiB"])
def test_oversized_prfaq_section_gets_the_inline_422(admin_client, session, size):
    draft = draft_by_title(session, WEAK_EN)
    form = draft_form(session, draft.id, problem="p" * size)
    answer = admin_client.post(f"/prfaqs/{draft.id}", headers=HTMX, data=form)
    assert answer.status_code == 422
    assert _oob_text(answer.text, "error-problem") == (
        f"This section is longer than {SECTION_MAX_CHARS:,} characters, so it was not saved; "
        "the rest of the draft was."
    )
    assert _oob_text(answer.text, "save-state") == "Not saved: fix the parts marked below."


def test_oversized_company_notes_get_the_field_error(admin_client):
    form = {
        "name": "Hazel Systems",
        "stage": "seed",
        "status": "sourced",
        "modality": "text",
        "model_strategy": "fine-tuned-open",
        "notes": "n" * HUGE,
    }
    answer = admin_client.post("/companies", data=form)
    assert answer.status_code == 422
    assert f"At most {NOTES_MAX} characters." in answer.text
    assert 'value="Hazel Systems"' in answer.text


def test_htmx_error_answer_is_a_fragment(admin_client):
    answer = admin_client.get("/companies/999999", headers=HTMX)
    assert answer.status_code == 404
    assert "<html" not in answer.text
    assert re.search(r'<section class="error-page" role="alert" data-status="404">', answer.text)
    full = admin_client.get("/companies/999999")
    assert "<html" in full.text and 'data-status="404"' in full.text


def _rule_for(rules: list[dict], status: int) -> dict:
    # As htmx does: the first rule whose code (a regular expression) is found in the status.
    return next(rule for rule in rules if re.search(rule["code"], str(status)))


@pytest.mark.parametrize("status", [400, 403, 404, 409, 413, 422, 429, 500, 503])
def test_htmx_config_swaps_every_error_answer(admin_client, status):
    page = admin_client.get("/companies").text
    config = json.loads(re.search(r'name="htmx-config" content=\'([^\']+)\'', page).group(1))
    assert _rule_for(config["responseHandling"], status)["swap"] is True
    assert _rule_for(config["responseHandling"], 204)["swap"] is False
