"""Text that only looks different is the same name (issue 11): invisible characters and
full-width letters never make a second "Clausemint", and a name of invisible characters only
is no name at all, on the form, through the API and in an import."""

import re

import pytest
from sqlmodel import func, select

from pitchlab.companies.names import display_name, name_key
from pitchlab.models import Company

LOOKALIKES = {
    "zero-width space": "Clausemint\u200b",
    "zero-width joiner": "Clause\u200dmint",
    "byte order mark": "\ufeffClausemint",
    "soft hyphen": "Clause\u00admint",
    "full-width letters": "Ｃｌａｕｓｅｍｉｎｔ",
    "right-to-left override": "\u202eClausemint",
    "word joiner and NBSP": "Clausemint\u2060\u00a0",
}
INVISIBLE_ONLY = {
    "zero-width space": "\u200b",
    "joiner, BOM and soft hyphen": "\u200d\ufeff\u00ad",
    "Hangul filler": "\u3164\u3164",
    "controls": "\x01\x7f",
}
FORM = {
    "stage": "seed",
    "status": "sourced",
    "modality": "text",
    "model_strategy": "fine-tuned-open",
}


def _companies_named(session, key: str) -> int:
    session.rollback()
    statement = select(func.count()).select_from(Company).where(Company.name_key == key)
    return session.exec(statement).one()


def _count(session) -> int:
    session.rollback()
    return session.exec(select(func.count()).select_from(Company)).one()


@pytest.fixture
def api(client, api_token):
    client.headers.update(api_token("admin"))
    return client


@pytest.mark.parametrize("name", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_lookalike_name_is_a_duplicate_on_the_form(admin_client, session, name):
    assert _companies_named(session, "clausemint") == 1  # the demo company
    response = admin_client.post("/companies", data={**FORM, "name": name})
    assert response.status_code == 422
    assert "A company with this name already exists." in response.text
    assert _companies_named(session, "clausemint") == 1


@pytest.mark.parametrize("name", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_lookalike_name_is_a_duplicate_through_the_api(api, session, name):
    before = _count(session)
    assert api.post("/api/v1/companies", json={"name": name}).status_code == 409
    other = api.post("/api/v1/companies", json={"name": "Rowan Analytics"}).json()["id"]
    patched = api.patch(f"/api/v1/companies/{other}", json={"name": name})
    assert patched.status_code == 409
    assert _count(session) == before + 1


@pytest.mark.parametrize("name", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_lookalike_name_is_a_duplicate_in_an_import(admin_client, name):
    csv = f"name,stage\n{name},seed\nClausemint Two,seed\n".encode()
    html = admin_client.post(
        "/companies/import/preview", files={"file": ("c.csv", csv, "text/csv")}
    ).text
    line = re.search(r'<tr id="line-2".*?</tr>', html, re.DOTALL).group(0)
    assert "A company with this name already exists." in line


@pytest.mark.parametrize("name", INVISIBLE_ONLY.values(), ids=INVISIBLE_ONLY.keys())
def test_invisible_only_name_is_refused_everywhere(admin_client, api, session, name):
    before = _count(session)
    form = admin_client.post("/companies", data={**FORM, "name": name})
    assert form.status_code == 422 and "This field is required." in form.text
    created = api.post("/api/v1/companies", json={"name": name})
    assert created.status_code == 422
    assert created.json()["detail"][0]["loc"][-1] == "name"
    csv = f"name,stage\n{name},seed\n".encode()
    html = admin_client.post(
        "/companies/import/preview", files={"file": ("c.csv", csv, "text/csv")}
    ).text
    assert "The name is missing." in html
    assert _count(session) == before


def test_stored_name_drops_invisible_characters_but_keeps_letters(api, session):
    body = api.post("/api/v1/companies", json={"name": "\u200bＲｏｗａｎ\u202e  Labs\ufeff"}).json()
    assert body["name"] == "Ｒｏｗａｎ Labs"
    session.rollback()
    stored = session.get(Company, body["id"])
    assert (stored.name, stored.name_key) == ("Ｒｏｗａｎ Labs", "rowan labs")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Nightjar  Labs", "nightjar labs"),
        ("Zürich Robotics", "zürich robotics"),
        ("Zu\u0308rich Robotics", "zürich robotics"),  # decomposed ü composes
        ("深度求索", "深度求索"),
        ("👩\u200d💻 Labs", "👩💻 labs"),
    ],
)
def test_name_key_of_ordinary_names(name, key):
    assert name_key(name) == key
    assert name_key(display_name(name)) == key
