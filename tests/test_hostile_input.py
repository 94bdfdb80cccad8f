"""A catalogue of hostile input on every form (issue 7): markup, bad numbers, odd sessions.

Markup typed into any field must come back as text wherever the app shows it. Uploads, huge
bodies, file names, locales, sessions and CSRF are in tests/test_hostile_uploads.py.
"""

import pytest
from markupsafe import escape
from sqlmodel import select

from pitchlab.companies.importing import ImportRow, sign_rows
from pitchlab.models import Company, PrfaqDraft, Score
from pitchlab.prfaq.library import find_template
from pitchlab.rubrics.editing import form_values
from pitchlab.rubrics.store import get_pack_version, to_pack_file

from .prfaq.conftest import draft_form

# Script, an event handler, a broken-out attribute, and a javascript: link in Markdown.
HOSTILE = (
    "<script>alert(1)</script><img src=x onerror=alert(2)>\"'><svg onload=alert(3)> "
    "[go](javascript:alert(4))"
)
RAW_MARKUP = ("<script>alert(1)", "<img src=x", "<svg onload", 'href="javascript:')
SHOWN = str(escape("<script>alert(1)</script>"))


def assert_inert(*pages: str, shown: bool = True) -> None:
    """No page carries the markup as markup, and (if shown) the last one shows it as text."""
    for html in pages:
        for raw in RAW_MARKUP:
            assert raw not in html, f"{raw!r} reached the page as markup"
    assert not shown or SHOWN in pages[-1], "the text typed was not shown back"


def _company_form(**overrides) -> dict:
    values = {
        "name": "Hostile Co",
        "stage": "seed",
        "status": "sourced",
        "modality": "text",
        "model_strategy": "fine-tuned-open",
    }
    return values | overrides


@pytest.mark.parametrize(
    "field",
    [
        "name",
        "one_liner",
        "website",
        "sector",
        "founders",
        "location",
        "founded_year",
        "tags",
        "customers",
        "notes",
    ],
)
def test_company_form_shows_markup_as_text(field, admin_client):
    answer = admin_client.post("/companies", data=_company_form(**{field: HOSTILE}))
    assert answer.status_code in (200, 422)
    pages = [answer.text]
    if answer.status_code == 200:  # stored: the list and its search show it too
        pages.insert(0, admin_client.get("/companies", params={"q": HOSTILE[:40]}).text)
        pages.insert(0, admin_client.get("/companies").text)
    assert_inert(*pages)


@pytest.mark.parametrize("path", ["/companies", "/prfaqs", "/compare"])
def test_search_box_echoes_markup_as_text(path, admin_client):
    answer = admin_client.get(path, params={"q": HOSTILE})
    assert answer.status_code == 200
    assert_inert(answer.text)


def _criterion_form(session, **changes) -> dict:
    document = to_pack_file(get_pack_version(session, "problem-space")).model_dump(
        mode="python", exclude_none=True
    )
    criterion = document["criteria"][0]
    return form_values(criterion) | {"replacing": criterion["key"]} | changes


@pytest.mark.parametrize(
    "field",
    [
        "title_en",
        "title_zh",
        "question_en",
        "level_1_en",
        "evidence_en",
        "section_en",
        "reference",
        "weight",
        "key",
    ],
)
def test_rubric_criterion_form_shows_markup_as_text(field, admin_client, session):
    form = _criterion_form(session, **{field: HOSTILE})
    if field == "key":
        del form["replacing"]
    answer = admin_client.post("/rubrics/problem-space/criteria", data=form)
    assert answer.status_code in (200, 422)
    pages = [answer.text]
    if answer.status_code == 200 and field.endswith("_zh"):  # the pack page in Chinese shows it
        admin_client.cookies.set("pitchlab_locale", "zh")
        pages.append(admin_client.get("/rubrics/problem-space").text)
    assert_inert(*pages)


@pytest.mark.parametrize(
    "field", ["pack_key", "pack_title_en", "pack_title_zh", "pack_summary_en", "pack_source_en"]
)
def test_new_pack_form_shows_markup_as_text(field, admin_client, session):
    form = _criterion_form(
        session,
        key="first-check",
        pack_key="hostile-pack",
        pack_kind="further",
        pack_title_en="Hostile",
        pack_title_zh="敌意",
        pack_summary_en="s",
        pack_summary_zh="s",
        pack_source_en="s",
        pack_source_zh="s",
    )
    del form["replacing"]
    form[field] = HOSTILE
    answer = admin_client.post("/rubrics/new/pack", data=form)
    assert answer.status_code in (200, 422)
    pages = [answer.text]
    if answer.status_code == 200 and field.endswith("_zh"):
        admin_client.cookies.set("pitchlab_locale", "zh")
        pages.append(admin_client.get("/rubrics").text)
    assert_inert(*pages)


def test_conflict_reason_shows_as_text(admin_client, company_id):
    answer = admin_client.post(f"/companies/{company_id}/conflicts", data={"reason": HOSTILE})
    assert answer.status_code == 200
    assert_inert(answer.text)


def _scorecard(client, session, company_id) -> tuple[int, int]:
    opened = client.post(f"/companies/{company_id}/score/problem-space", follow_redirects=False)
    criterion = get_pack_version(session, "problem-space").criteria[0]
    return int(opened.headers["location"].rsplit("/", 1)[1]), criterion.id


@pytest.mark.parametrize(
    ("field", "text"),
    [("rationale", HOSTILE), ("evidence", f"{HOSTILE} | https://example.com/deck")],
)
def test_scorecard_fields_show_markup_as_text(field, text, admin_client, session, company_id):
    scorecard_id, criterion_id = _scorecard(admin_client, session, company_id)
    saved = admin_client.post(
        f"/scorecards/{scorecard_id}/criteria/{criterion_id}",
        data={"value": "3", field: text},
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200
    for criterion in get_pack_version(session, "problem-space").criteria[1:]:
        admin_client.post(
            f"/scorecards/{scorecard_id}/criteria/{criterion.id}",
            data={"value": "3"},
            headers={"HX-Request": "true"},
        )
    assert admin_client.post(f"/scorecards/{scorecard_id}/submit").status_code == 200
    results = admin_client.get(f"/companies/{company_id}/scores").text
    assert_inert(saved.text, results, admin_client.get(f"/scorecards/{scorecard_id}").text)


@pytest.mark.parametrize("field", ["evidence", "confidence"])
def test_refused_scorecard_field_echoes_no_markup(field, admin_client, session, company_id):
    scorecard_id, criterion_id = _scorecard(admin_client, session, company_id)
    refused = admin_client.post(
        f"/scorecards/{scorecard_id}/criteria/{criterion_id}",
        data={"value": "3", field: HOSTILE},
        headers={"HX-Request": "true"},
    )
    assert refused.status_code == 422
    assert_inert(refused.text, admin_client.get(f"/scorecards/{scorecard_id}").text, shown=False)


def _draft_id(session, company_id) -> int:
    return session.exec(select(PrfaqDraft.id).where(PrfaqDraft.company_id == company_id)).first()


@pytest.mark.parametrize("part", ["section", "question", "answer"])
def test_prfaq_sections_and_faq_show_markup_as_text(part, admin_client, session, company_id):
    draft_id = _draft_id(session, company_id)
    form = draft_form(session, draft_id, **({"problem": HOSTILE} if part == "section" else {}))
    if part != "section":
        form["faq-external-question"] = list(form["faq-external-question"]) + [
            HOSTILE if part == "question" else "Why now?"
        ]
        form["faq-external-answer"] = list(form["faq-external-answer"]) + [
            HOSTILE if part == "answer" else "Because."
        ]
    saved = admin_client.post(f"/prfaqs/{draft_id}", data=form)
    assert saved.status_code == 200
    exported = admin_client.get(f"/prfaqs/{draft_id}/export/html").text
    assert_inert(saved.text, exported, admin_client.get(f"/prfaqs/{draft_id}").text)


def test_prfaq_title_shows_as_text(admin_client, session, company_id):
    template_id = find_template(session, "ai-product").id
    created = admin_client.post(
        f"/prfaqs/new?company_id={company_id}",
        data={"template": str(template_id), "language": "en", "title": HOSTILE},
    )
    assert created.status_code == 200
    assert_inert(admin_client.get("/prfaqs").text, created.text)


@pytest.mark.parametrize("field", ["ml-code", "monitoring"])
def test_tech_debt_inputs_show_markup_as_text(field, admin_client, company_id):
    answer = admin_client.post(f"/companies/{company_id}/tech-debt", data={field: HOSTILE})
    assert answer.status_code == 422
    assert_inert(answer.text)


@pytest.mark.parametrize("field", ["display_name", "email"])
def test_admin_user_form_shows_markup_as_text(field, admin_client):
    form = {
        "email": "hostile@pitchlab.example",
        "display_name": "Hostile",
        "role": "analyst",
        "password": "a-long-enough-password",
    } | {field: HOSTILE}
    answer = admin_client.post("/admin/users", data=form)
    assert answer.status_code in (200, 422)
    assert_inert(answer.text)


@pytest.mark.parametrize("field", ["email", "next"])
def test_login_form_shows_markup_as_text(field, client):
    form = {"email": "nobody@pitchlab.example", "password": "wrong-password", "next": "/"} | {
        field: HOSTILE
    }
    answer = client.post("/login", data=form)
    assert answer.status_code == 422
    for raw in RAW_MARKUP:
        assert raw not in answer.text
    if field == "email":
        assert SHOWN in answer.text


SCORE_VALUES = [
    "0",
    "6",
    "-1",
    "99999999999999999999",
    "3.5",
    "1e3",
    "abc",
    "²",
    "٣٣",
    "nan",
    " ",
    "na",
]


@pytest.mark.parametrize("value", SCORE_VALUES)
def test_out_of_range_or_non_numeric_score_is_refused(value, admin_client, session, company_id):
    scorecard_id, criterion_id = _scorecard(admin_client, session, company_id)
    answer = admin_client.post(
        f"/scorecards/{scorecard_id}/criteria/{criterion_id}",
        data={"value": value, "revision": value},
        headers={"HX-Request": "true"},
    )
    assert answer.status_code in (200, 422)
    session.rollback()
    stored = session.exec(select(Score).where(Score.evaluation_id == scorecard_id)).first()
    assert stored is None or stored.value in (None, 1, 2, 3, 4, 5)


@pytest.mark.parametrize("value", [0, 6, -1, 2**63, "3", 3.5, None])
def test_out_of_range_score_is_refused_by_the_api(value, client, api_token, company_id):
    body = {
        "pack_key": "problem-space",
        "scores": [{"criterion_key": "problem-clarity", "value": value}],
    }
    answer = client.post(
        f"/api/v1/companies/{company_id}/scorecards", json=body, headers=api_token("admin")
    )
    assert answer.status_code in (200, 201, 422)
    if answer.status_code != 422:
        assert all(score["value"] in (None, 3) for score in answer.json()["scores"])


@pytest.mark.parametrize("weight", ["abc", "nan", "inf", "-inf", "1e309", "-2", "0"])
def test_bad_weight_is_refused(weight, admin_client, session):
    keys = [c.key for c in get_pack_version(session, "problem-space").criteria]
    answer = admin_client.post("/rubrics/problem-space/weights", data={f"weight_{keys[0]}": weight})
    assert answer.status_code == 422
    session.rollback()
    assert all(
        0 < c.weight < float("inf") for c in get_pack_version(session, "problem-space").criteria
    )


@pytest.mark.parametrize("effort", ["nan", "inf", "-inf", "1e309", "-1", "100001", "1,2,3"])
def test_bad_tech_debt_effort_is_refused(effort, admin_client, company_id):
    answer = admin_client.post(f"/companies/{company_id}/tech-debt", data={"ml-code": effort})
    assert answer.status_code == 422 and "Enter a number" in answer.text


# Numbers no id column can hold: each was a 500 on SQLite (OverflowError) before issue 7.
HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "url",
    [
        f"/companies/{HUGE}",
        f"/companies?page={HUGE}",
        f"/admin?page={HUGE}",
        f"/prfaqs?page={HUGE}",
        f"/prfaqs/{HUGE}",
        "/prfaqs/{draft}/revisions/" + HUGE,
        "/prfaqs/{draft}/history?page=" + HUGE,
        f"/rubrics/problem-space?version={HUGE}",
        f"/rubrics/problem-space/export?version={HUGE}",
        f"/prfaq-templates/ai-product?version={HUGE}",
        f"/scorecards/{HUGE}",
        f"/prfaqs/new?company_id={HUGE}",
    ],
)
def test_huge_numbers_in_urls_are_not_server_errors(url, admin_client, session, company_id):
    answer = admin_client.get(url.format(draft=_draft_id(session, company_id)))
    assert answer.status_code in (200, 404, 422)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/companies?page=" + HUGE,
        "/api/v1/companies/" + HUGE,
        "/api/v1/prfaqs/" + HUGE,
        "/api/v1/prfaqs/{draft}?revision=" + HUGE,
        "/api/v1/rubrics/problem-space?version=" + HUGE,
        "/api/v1/prfaqs?company_id=" + HUGE,
        "/api/v1/comparison?company=" + HUGE,
        "/api/v1/companies?q=a%00b",
        "/api/v1/prfaqs?q=%00",
        "/api/v1/comparison?q=%00&format=csv",
    ],
)
def test_fuzzer_findings_stay_fixed(url, client, api_token, session, company_id):
    answer = client.get(
        url.format(draft=_draft_id(session, company_id)), headers=api_token("admin")
    )
    assert answer.status_code in (200, 404, 422)


def test_nul_character_in_a_name_is_dropped_not_a_server_error(client, api_token, session):
    answer = client.post(
        "/api/v1/companies", json={"name": "Nul\x00Co"}, headers=api_token("admin")
    )
    assert answer.status_code == 201
    session.rollback()
    assert session.exec(select(Company).where(Company.name == "NulCo")).one()


@pytest.mark.parametrize("field", ["revision", "user_id", "line"])
def test_unicode_digits_in_number_fields_are_not_server_errors(
    field, admin_client, session, company_id, settings
):
    # "²".isdigit() is true but int("²") raises: each of these fields was a 500 before issue 7.
    scorecard_id, criterion_id = _scorecard(admin_client, session, company_id)
    url = {
        "revision": f"/scorecards/{scorecard_id}/criteria/{criterion_id}",
        "user_id": f"/companies/{company_id}/conflicts",
        "line": "/companies/import/confirm",
    }[field]
    rows = sign_rows(settings.secret_key, [ImportRow(line=2, values={"name": "Squared Co"})])
    answer = admin_client.post(
        url, data={field: "²", "value": "3", "reason": "Advisor", "rows": rows}
    )
    assert answer.status_code in (200, 422)
    assert "Squared Co" not in answer.text  # line "²" picked no row
