"""The technical-debt maturity map page for a company (issue 15)."""

from bs4 import BeautifulSoup
from sqlmodel import select

from pitchlab.models import Company, TechDebtEstimate

AROUND = [
    "data-collection",
    "data-verification",
    "feature-extraction",
    "configuration",
    "serving-infrastructure",
    "monitoring",
    "analysis-tools",
    "process-management",
    "resource-management",
    "evaluation-harness",
    "retrieval-index",
    "guardrails",
    "human-review",
    "provider-fallback",
    "prompt-model-versioning",
]


def _form(states: dict, **efforts) -> dict:
    data = {f"state-{key}": states.get(key, "absent") for key in AROUND}
    data |= {f"owner-{key}": "Mei" for key in AROUND}
    return data | {key.replace("_", "-"): str(value) for key, value in efforts.items()}


def test_twelve_percent_at_a_seed_fine_tuner_is_within_its_band(admin_client, session, company_id):
    # Clausemint: seed, fine-tuned open model, band 10-40%.
    states = dict.fromkeys(AROUND, "automated") | {"evaluation-harness": "gated"}
    states |= dict.fromkeys(["retrieval-index", "human-review", "provider-fallback"], "not-needed")
    states |= {"analysis-tools": "manual", "configuration": "manual"}
    response = admin_client.post(
        f"/companies/{company_id}/tech-debt",
        data=_form(states, ml_code=12, data_collection=40, serving_infrastructure=48),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    page = BeautifulSoup(response.text, "html.parser")
    share = page.select_one("#share-reading")
    assert share["data-reading"] == "within"
    assert "12.0% of the effort, within the usual 10–40%" in share.get_text(" ", strip=True)
    assert "10 of the 12 components" in page.select_one("#maturity-reading").get_text()
    suggested = page.select_one("#suggested-level")
    assert suggested["data-level"] == "4"
    assert "two thirds" in suggested.get_text()
    session.rollback()
    estimate = session.exec(select(TechDebtEstimate)).one()
    assert estimate.efforts["ml-code"] == 12
    assert estimate.maturity["evaluation-harness"] == {"state": "gated", "owner": "Mei"}
    reloaded = BeautifulSoup(
        admin_client.get(f"/companies/{company_id}/tech-debt").text, "html.parser"
    )
    assert reloaded.select_one("#s-evaluation-harness option[selected]")["value"] == "gated"
    assert reloaded.select_one("#t-ml-code")["value"] == "12"


def test_a_demo_with_nothing_around_the_model_is_level_one(admin_client, session):
    dreamreel = session.exec(select(Company.id).where(Company.name == "Dreamreel Labs")).one()
    response = admin_client.post(
        f"/companies/{dreamreel}/tech-debt",
        data=_form({}, ml_code=90, data_collection=10),
        headers={"HX-Request": "true"},
    )
    page = BeautifulSoup(response.text, "html.parser")
    assert page.select_one("#suggested-level")["data-level"] == "1"
    # Own closed model at pre-seed: band 30-80%, 90% is above it.
    assert page.select_one("#share-reading")["data-reading"] == "above"


def test_the_page_cites_the_paper_accurately(admin_client, company_id):
    page = BeautifulSoup(admin_client.get(f"/companies/{company_id}/tech-debt").text, "html.parser")
    text = page.select_one("#sculley-citation").get_text()
    assert "at most 5% ML code and at least 95% glue code" in text
    assert "not a target" in text
    rows = [tr["data-component"] for tr in page.select("#maturity-map tr[data-component]")]
    assert rows[0] == "ml-code" and "provider-fallback" in rows


def test_bad_field_is_marked_and_nothing_saved(admin_client, session, company_id):
    response = admin_client.post(
        f"/companies/{company_id}/tech-debt",
        data={"ml-code": "lots", "state-monitoring": "sometimes"},
    )
    assert response.status_code == 422
    page = BeautifulSoup(response.text, "html.parser")
    assert "Enter a number" in page.select_one("#te-ml-code").get_text()
    assert "Choose a state" in page.select_one("#te-monitoring").get_text()
    assert page.select_one("#t-ml-code")["value"] == "lots"
    session.rollback()
    assert session.exec(select(TechDebtEstimate)).first() is None
