"""The company pages as a user meets them: list, search, create, edit, archive."""

from sqlmodel import select

from pitchlab.models import Company


def _form(**overrides) -> dict:
    values = {
        "name": "Quillmind",
        "one_liner": "Contract review copilot",
        "website": "https://quill.example",
        "sector": "Legal",
        "stage": "seed",
        "status": "screening",
        "modality": "text",
        "model_strategy": "fine-tuned-open",
        "founders": "Ada Lee (CEO)",
        "location": "Berlin",
        "founded_year": "2023",
        "tags": "legal, LLM",
        "customers": "Law firms",
        "notes": "**Strong** team",
    }
    values.update(overrides)
    return values


def test_list_shows_seeded_companies(admin_client):
    response = admin_client.get("/companies")
    assert response.status_code == 200
    assert "15 companies" in response.text
    assert response.headers["vary"] == "HX-Request"


def test_search_as_you_type_returns_only_the_results_fragment(admin_client):
    response = admin_client.get(
        "/companies", params={"q": "quality"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="result-count"' in response.text


def test_search_finds_by_tag_and_sector(admin_client, session):
    admin_client.post(
        "/companies", data=_form(name="Tagged Co", tags="robotics-vision", sector="Factories")
    )
    by_tag = admin_client.get("/companies", params={"q": "robotics-vision"}).text
    by_sector = admin_client.get("/companies", params={"q": "factories"}).text
    assert "Tagged Co" in by_tag and "Tagged Co" in by_sector


def test_create_company_redirects_and_stores_it(admin_client, session):
    response = admin_client.post("/companies", data=_form(), follow_redirects=False)
    assert response.status_code == 303
    stored = session.exec(select(Company).where(Company.name == "Quillmind")).one()
    assert stored.tags == "legal,llm"
    assert stored.founded_year == 2023
    page = admin_client.get(response.headers["location"]).text
    assert "<strong>Strong</strong> team" in page


def test_create_through_htmx_returns_notice_and_triggers_refresh(admin_client):
    response = admin_client.post("/companies", data=_form(), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.headers["hx-trigger"] == "companies-changed"
    assert "Quillmind" in response.text and "<html" not in response.text


def test_form_with_bad_fields_keeps_every_other_value(admin_client, session):
    response = admin_client.post(
        "/companies",
        data=_form(name="", one_liner="x" * 10_000, website="not a url", founded_year="3000"),
    )
    assert response.status_code == 422
    html = response.text
    assert 'id="e-name"' in html and "This field is required." in html
    assert 'id="e-one_liner"' in html and "At most 200 characters." in html
    assert 'id="e-website"' in html and 'id="e-founded_year"' in html
    assert "A founding year cannot be in the future." in html
    # The valid fields come back as typed.
    assert 'value="Legal"' in html and 'value="Berlin"' in html and "**Strong** team" in html
    assert session.exec(select(Company).where(Company.sector == "Legal")).first() is None


def test_duplicate_name_is_refused_case_insensitively(admin_client):
    admin_client.post("/companies", data=_form())
    response = admin_client.post("/companies", data=_form(name="QUILLMIND"))
    assert response.status_code == 422
    assert "A company with this name already exists." in response.text


def test_injection_in_text_fields_is_shown_as_text(admin_client):
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    created = admin_client.post(
        "/companies",
        data=_form(
            name=payload[:100], one_liner=payload, notes=payload + "\n[x](javascript:alert(3))"
        ),
    )
    page = admin_client.get(
        created.headers["location"] if "location" in created.headers else created.url
    ).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and 'href="javascript:' not in page


def test_missing_company_is_a_404_page(admin_client):
    response = admin_client.get("/companies/999999")
    assert response.status_code == 404
    assert "Not found" in response.text and "<html" in response.text


def test_edit_company_saves_changes(admin_client, session):
    location = admin_client.post("/companies", data=_form(), follow_redirects=False).headers[
        "location"
    ]
    company_id = int(location.rsplit("/", 1)[1])
    assert 'value="Quillmind"' in admin_client.get(f"/companies/{company_id}/edit").text
    response = admin_client.post(
        f"/companies/{company_id}",
        data=_form(status="diligence", name="Quill Mind"),
        follow_redirects=False,
    )
    assert response.status_code == 303
    session.rollback()  # end the read snapshot to see the app's commits
    company = session.get(Company, company_id)
    assert (company.name, company.status) == ("Quill Mind", "diligence")


def test_archive_hides_company_from_pipeline_and_restore_brings_it_back(admin_client):
    location = admin_client.post("/companies", data=_form(), follow_redirects=False).headers[
        "location"
    ]
    admin_client.post(f"{location}/archive")
    assert "Quillmind" not in admin_client.get("/companies").text
    assert "Quillmind" in admin_client.get("/companies", params={"archived": "1"}).text
    admin_client.post(f"{location}/archive?restore=1")
    assert "Quillmind" in admin_client.get("/companies").text


def test_filter_by_stage_and_status(admin_client):
    admin_client.post("/companies", data=_form(name="Growthy", stage="growth", status="invested"))
    html = admin_client.get("/companies", params={"stage": "growth", "status": "invested"}).text
    assert "Growthy" in html
    assert "Quillmind" not in html


def test_list_is_paginated(admin_client):
    for number in range(30):
        admin_client.post("/companies", data=_form(name=f"Filler {number:02d}"))
    first = admin_client.get("/companies", params={"q": "Filler"}).text
    assert "Page 1 of 2" in first and "Filler 00" in first and "Filler 29" not in first
    second = admin_client.get("/companies", params={"q": "Filler", "page": 2}).text
    assert "Filler 29" in second


def test_post_without_csrf_token_is_refused(admin_client):
    del admin_client.headers["X-CSRF-Token"]
    response = admin_client.post("/companies", data=_form())
    assert response.status_code == 403


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/companies", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")


def test_analyst_cannot_decide_pipeline_status(make_client, session):
    analyst = make_client("analyst")
    response = analyst.post("/companies", data=_form(status="invested"))
    assert response.status_code == 422
    assert "Only partners and admins change the pipeline status." in response.text
    assert session.exec(select(Company).where(Company.name == "Quillmind")).first() is None
    assert (
        analyst.post("/companies", data=_form(status="sourced"), follow_redirects=False).status_code
        == 303
    )


def test_viewer_cannot_create_companies(make_client, session):
    from pitchlab.auth.users import create_user

    create_user(
        session,
        email="viewer@pitchlab.example",
        display_name="Vera",
        role="viewer",
        password="viewer-password-1",
    )
    viewer = make_client()
    viewer.post(
        "/login", data={"email": "viewer@pitchlab.example", "password": "viewer-password-1"}
    )
    assert "New company" not in viewer.get("/companies").text
    assert viewer.post("/companies", data=_form()).status_code == 403


def test_the_new_company_form_fills_in_no_stage_or_model_strategy(admin_client, session):
    # Issue 11: the form silently chose the first stage and a model strategy for the user.
    page = admin_client.get("/companies/new").text
    for field in ("stage", "modality", "model_strategy"):
        select_html = page[page.index(f'id="f-{field}"') :].split("</select>")[0]
        assert '<option value="" selected>' in select_html
        assert 'aria-required="true"' in select_html
    answer = admin_client.post(
        "/companies",
        data=_form(name="Unchosen", stage="", model_strategy=""),
        headers={"HX-Request": "true"},
    )
    assert answer.status_code == 422
    assert 'id="e-stage"' in answer.text and 'id="e-model_strategy"' in answer.text
    assert 'value="Unchosen"' in answer.text and "Ada Lee (CEO)" in answer.text  # kept
    session.rollback()
    assert session.exec(select(Company).where(Company.name == "Unchosen")).first() is None
