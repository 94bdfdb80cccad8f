"""The technical-debt share calculator page for a company."""

from sqlmodel import select

from pitchlab.models import TechDebtEstimate


def test_mostly_model_plan_is_flagged_and_saved(admin_client, session, company_id):
    response = admin_client.post(
        f"/companies/{company_id}/tech-debt",
        data={"ml-code": "60", "data-collection": "20", "serving-infrastructure": "20"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "The model is 60.0% of this plan" in response.text
    assert "Mostly model" in response.text and "<svg" in response.text
    session.rollback()
    estimate = session.exec(select(TechDebtEstimate)).one()
    assert estimate.efforts["ml-code"] == 60
    page = admin_client.get(f"/companies/{company_id}/tech-debt").text
    assert 'value="60"' in page


def test_balanced_plan_near_the_reference(admin_client, company_id):
    efforts = {
        "ml-code": "5",
        "data-collection": "30",
        "data-verification": "15",
        "monitoring": "20",
        "serving-infrastructure": "30",
    }
    response = admin_client.post(
        f"/companies/{company_id}/tech-debt", data=efforts, headers={"HX-Request": "true"}
    )
    assert "The model is 5.0% of this plan" in response.text and "Balanced" in response.text


def test_bad_effort_is_marked_and_nothing_saved(admin_client, session, company_id):
    response = admin_client.post(
        f"/companies/{company_id}/tech-debt", data={"ml-code": "lots", "monitoring": "-1"}
    )
    assert response.status_code == 422
    assert "Enter a number" in response.text and 'value="lots"' in response.text
    session.rollback()
    assert session.exec(select(TechDebtEstimate)).first() is None
