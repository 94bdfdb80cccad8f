"""Drafting a PR/FAQ in the browser's terms: start from a template, save, preview, FAQ rows."""

import re

from markupsafe import escape
from sqlmodel import select

from pitchlab.models import Company, PrfaqDraft
from pitchlab.prfaq.library import find_template

from .conftest import (
    GOOD_EN,
    GOOD_ZH,
    HTMX,
    WEAK_EN,
    current_content,
    draft_by_title,
    draft_form,
    revisions,
)


def _company(session, name="Clausemint") -> Company:
    return session.exec(select(Company).where(Company.name == name)).one()


def _start(
    client, session, company_id, *, template_key="ai-product", language="en", title="Launch PR"
):
    assert client.get(f"/prfaqs/new?company_id={company_id}").status_code == 200
    template_id = find_template(session, template_key).id
    return client.post(
        f"/prfaqs/new?company_id={company_id}",
        follow_redirects=False,
        data={"template": str(template_id), "language": language, "title": title},
    )


def test_start_draft_prefills_sections_from_company(admin_client, session):
    company = _company(session)
    created = _start(admin_client, session, company.id)
    assert created.status_code == 303
    page = admin_client.get(created.headers["location"])
    assert page.status_code == 200 and "Launch PR" in page.text
    draft = draft_by_title(session, "Launch PR")
    sections = current_content(session, draft.id).sections
    assert sections["headline"] == company.name
    assert sections["sub-headline"] == company.one_liner
    assert sections["problem"] == company.customers
    assert sections["solution"] == "Modality: Text. Model strategy: Fine-tuned open model."
    assert sections["customer-quote"] == ""  # nothing to pre-fill from
    assert f">{escape(company.one_liner)}</textarea>" in page.text


def test_chinese_draft_prefills_choices_in_chinese(admin_client, session):
    company = _company(session)
    _start(admin_client, session, company.id, language="zh", title="中文稿")
    sections = current_content(session, draft_by_title(session, "中文稿").id).sections
    assert sections["solution"] == "模态：文本。模型策略：微调开源模型。"


def test_new_draft_without_title_shows_error_and_creates_nothing(admin_client, session):
    company = _company(session)
    before = len(session.exec(select(PrfaqDraft)).all())
    answer = admin_client.post(
        f"/prfaqs/new?company_id={company.id}",
        data={"template": "999", "language": "fr", "title": " "},
    )
    assert answer.status_code == 422
    assert "Choose a template." in answer.text and "This field is required." in answer.text
    assert len(session.exec(select(PrfaqDraft)).all()) == before


def test_each_changed_save_is_a_revision_and_an_unchanged_one_is_not(admin_client, session):
    draft = draft_by_title(session, WEAK_EN)
    saved = admin_client.post(
        f"/prfaqs/{draft.id}",
        headers=HTMX,
        data=draft_form(session, draft.id, problem="Sellers lose **hours**."),
    )
    assert saved.status_code == 200 and "Saved as revision 2." in saved.text
    again = admin_client.post(
        f"/prfaqs/{draft.id}", headers=HTMX, data=draft_form(session, draft.id)
    )
    assert "no changes since revision 2" in again.text
    assert [r.number for r in revisions(session, draft.id)] == [1, 2]
    assert current_content(session, draft.id).sections["problem"] == "Sellers lose **hours**."


def test_save_answers_previews_word_counts_and_completeness_out_of_band(admin_client, session):
    draft = draft_by_title(session, WEAK_EN)
    saved = admin_client.post(
        f"/prfaqs/{draft.id}",
        headers=HTMX,
        data=draft_form(session, draft.id, problem="Sellers lose **hours**."),
    )
    preview = re.search(
        r'id="preview-problem" hx-swap-oob="true">(.*?)</div>', saved.text, re.DOTALL
    )
    assert preview and "<strong>hours</strong>" in preview[1]
    assert re.search(
        r'id="words-problem" hx-swap-oob="true">\s*3 words · aim for 40–200', saved.text
    )
    assert 'id="completeness"' in saved.text and "Problem is empty." not in saved.text
    assert "Problem has 3 words; aim for 40 to 200." in saved.text
    assert 'id="base-revision" name="base_revision" value="2"' in saved.text
    assert "<textarea" not in saved.text  # the field being typed in is never swapped


def test_plain_form_post_redirects_to_the_draft(admin_client, session):
    draft = draft_by_title(session, WEAK_EN)
    saved = admin_client.post(
        f"/prfaqs/{draft.id}",
        follow_redirects=False,
        data=draft_form(session, draft.id, headline="Blurbcraft for shops"),
    )
    assert saved.status_code == 303 and saved.headers["location"] == f"/prfaqs/{draft.id}"
    assert "Blurbcraft for shops" in admin_client.get(f"/prfaqs/{draft.id}").text


def test_faq_questions_can_be_added_reordered_and_removed(admin_client, session):
    draft = draft_by_title(session, WEAK_EN)

    def act(action, **faq):
        form = draft_form(session, draft.id)
        form.update(faq)
        answer = admin_client.post(
            f"/prfaqs/{draft.id}", headers=HTMX, data={**form, "faq_action": action}
        )
        assert answer.status_code == 200, answer.text
        return answer

    added = act("add:external")
    assert 'id="faq-part-external"' in added.text and "Question 3" in added.text
    # The new third row is filled in and moved up in the same save, as the page posts it.
    act(
        "up:external:2",
        **{
            "faq-external-question": ["Which languages?", "Can I edit?", "What does it cost?"],
            "faq-external-answer": ["English.", "", "$49 per month."],
        },
    )
    act("remove:external:0")
    act("down:external:0")
    rows = current_content(session, draft.id).faqs["external"]
    assert [row["question"] for row in rows] == ["Can I edit?", "What does it cost?"]
    assert rows[1]["answer"] == "$49 per month."


def test_template_prompts_can_be_added_as_questions(admin_client, session):
    draft = draft_by_title(session, WEAK_EN)
    act = {**draft_form(session, draft.id), "faq_action": "prompts:internal"}
    admin_client.post(f"/prfaqs/{draft.id}", headers=HTMX, data=act)
    questions = [row["question"] for row in current_content(session, draft.id).faqs["internal"]]
    assert questions[0] == "How big is the market?" and len(questions) > 3
    assert len(questions) == len(set(questions))


def test_completeness_panel_on_seeded_good_and_weak_drafts(admin_client, session):
    good = admin_client.get(f"/prfaqs/{draft_by_title(session, GOOD_EN).id}").text
    assert "Nothing missing or weak" in good
    weak = admin_client.get(f"/prfaqs/{draft_by_title(session, WEAK_EN).id}").text
    panel = weak[weak.index('id="completeness"') :]
    for message in (
        "Problem is empty.",
        "No customer named in Sub-headline",
        "No measurable benefit in Sub-headline",
        "External FAQ (customers) does not address Price.",
        "External FAQ (customers) does not address Customer data.",
        "Internal FAQ (stakeholders) does not address Cost and margin.",
        "Internal FAQ (stakeholders) does not address Dependencies.",
    ):
        assert message in panel
    assert 'href="#section-problem"' in panel and 'href="#section-faq-internal"' in panel


def test_chinese_draft_page_speaks_the_drafts_language(admin_client, session):
    page = admin_client.get(f"/prfaqs/{draft_by_title(session, GOOD_ZH).id}").text
    assert "副标题" in page and "外部 FAQ（客户）" in page
    assert "Nothing missing or weak" in page
