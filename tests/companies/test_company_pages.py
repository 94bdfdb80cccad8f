"""The company pages as a user meets them: list, search, create, edit, archive."""

from sqlmodel import select

from pitchlab.models import Company


def _form(**overrides) -> dict:
    values = {
        "name": "Quillmind", "one_liner": "Contract review copilot", "website": "https://quill.example",
        "sector": "Legal", "stage": "seed", "status": "screening", "modality": "text",
        "model_strategy": "fine-tuned-open", "founders": "Ada Lee (CEO)", "location": "Berlin",
        "founded_year": "2023", "tags": "legal, LLM", "customers": "Law firms", "notes": "**Strong** team",
    }
    values.update(overrides)
    return values


def test_list_shows_seeded_companies(client):
    response = client.get("/companies")
    assert response.status_code == 200
    assert "12 companies" in response.text
    assert response.headers["vary"] == "HX-Request"


def test_search_as_you_type_returns_only_the_results_fragment(client):
    response = client.get("/companies", params={"q": "quality"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="result-count"' in response.text


def test_search_finds_by_tag_and_sector(client, session):
    client.post("/companies", data=_form(name="Tagged Co", tags="robotics-vision", sector="Factories"))
    by_tag = client.get("/companies", params={"q": "robotics-vision"}).text
    by_sector = client.get("/companies", params={"q": "factories"}).text
    assert "Tagged Co" in by_tag and "Tagged Co" in by_sector


def test_create_company_redirects_and_stores_it(client, session):
    response = client.post("/companies", data=_form(), follow_redirects=False)
    assert response.status_code == 303
    stored = session.exec(select(Company).where(Company.name == "Quillmind")).one()
    assert stored.tags == "legal,llm"
    assert stored.founded_year == 2023
    page = client.get(response.headers["location"]).text
    assert "<strong>Strong</strong> team" in page


def test_create_through_htmx_returns_notice_and_triggers_refresh(client):
    response = client.post("/companies", data=_form(), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.headers["hx-trigger"] == "companies-changed"
    assert "Quillmind" in response.text and "<html" not in response.text


def test_form_with_bad_fields_keeps_every_other_value(client, session):
    response = client.post("/companies", data=_form(
        name="", one_liner="x" * 10_000, website="not a url", founded_year="3000"))
    assert response.status_code == 422
    html = response.text
    assert 'id="e-name"' in html and "This field is required." in html
    assert 'id="e-one_liner"' in html and "At most 200 characters." in html
    assert 'id="e-website"' in html and 'id="e-founded_year"' in html
    assert "A founding year cannot be in the future." in html
    # The valid fields come back as typed.
    assert 'value="Legal"' in html and 'value="Berlin"' in html and "**Strong** team" in html
    assert session.exec(select(Company).where(Company.sector == "Legal")).first() is None


def test_duplicate_name_is_refused_case_insensitively(client):
    client.post("/companies", data=_form())
    response = client.post("/companies", data=_form(name="QUILLMIND"))
    assert response.status_code == 422
    assert "A company with this name already exists." in response.text


def test_injection_in_text_fields_is_shown_as_text(client):
    payload = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    created = client.post("/companies", data=_form(name=payload[:100], one_liner=payload,
                                                   notes=payload + "\n[x](javascript:alert(3))"))
    page = client.get(created.headers["location"] if "location" in created.headers else
                      created.url).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and 'href="javascript:' not in page


def test_missing_company_is_a_404_page(client):
    response = client.get("/companies/999999")
    assert response.status_code == 404
    assert "Not found" in response.text and "<html" in response.text


def test_edit_company_saves_changes(client, session):
    location = client.post("/companies", data=_form(), follow_redirects=False).headers["location"]
    company_id = int(location.rsplit("/", 1)[1])
    assert 'value="Quillmind"' in client.get(f"/companies/{company_id}/edit").text
    response = client.post(f"/companies/{company_id}", data=_form(status="diligence", name="Quill Mind"),
                           follow_redirects=False)
    assert response.status_code == 303
    session.expire_all()
    company = session.get(Company, company_id)
    assert (company.name, company.status) == ("Quill Mind", "diligence")


def test_archive_hides_company_from_pipeline_and_restore_brings_it_back(client):
    location = client.post("/companies", data=_form(), follow_redirects=False).headers["location"]
    client.post(f"{location}/archive")
    assert "Quillmind" not in client.get("/companies").text
    assert "Quillmind" in client.get("/companies", params={"archived": "1"}).text
    client.post(f"{location}/archive?restore=1")
    assert "Quillmind" in client.get("/companies").text


def test_filter_by_stage_and_status(client):
    client.post("/companies", data=_form(name="Growthy", stage="growth", status="invested"))
    html = client.get("/companies", params={"stage": "growth", "status": "invested"}).text
    assert "Growthy" in html
    assert "Quillmind" not in html


def test_list_is_paginated(client):
    for number in range(30):
        client.post("/companies", data=_form(name=f"Filler {number:02d}"))
    first = client.get("/companies", params={"q": "Filler"}).text
    assert "Page 1 of 2" in first and "Filler 00" in first and "Filler 29" not in first
    second = client.get("/companies", params={"q": "Filler", "page": 2}).text
    assert "Filler 29" in second


def test_post_without_csrf_token_is_refused(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as stranger:
        response = stranger.post("/companies", data=_form())
    assert response.status_code == 403
