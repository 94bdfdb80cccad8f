"""The admin page: people and roles, and the blind-review setting."""

from sqlmodel import select

from pitchlab.models import User


def test_admin_adds_a_person_and_bad_fields_are_marked(admin_client, session):
    response = admin_client.post(
        "/admin/users",
        data={
            "email": "not-an-email",
            "display_name": "Kim",
            "role": "analyst",
            "password": "short",
        },
    )
    assert response.status_code == 422
    assert 'id="ue-email"' in response.text and 'id="ue-password"' in response.text
    assert 'value="Kim"' in response.text
    created = admin_client.post(
        "/admin/users",
        data={
            "email": "kim@fund.example",
            "display_name": "Kim",
            "role": "analyst",
            "password": "a-long-password",
        },
        follow_redirects=False,
    )
    assert created.status_code == 303
    session.rollback()
    kim = session.exec(select(User).where(User.email == "kim@fund.example")).one()
    assert kim.role == "analyst" and kim.password_hash.startswith("$argon2")


def test_admin_changes_a_role_but_cannot_demote_themselves(admin_client, session):
    analyst = session.exec(select(User).where(User.email == "analyst@pitchlab.example")).one()
    admin = session.exec(select(User).where(User.email == "admin@pitchlab.example")).one()
    admin_client.post(f"/admin/users/{analyst.id}", data={"role": "partner", "active": "on"})
    refused = admin_client.post(f"/admin/users/{admin.id}", data={"role": "viewer", "active": "on"})
    assert refused.status_code == 422
    session.rollback()
    assert session.get(User, analyst.id).role == "partner"
    assert session.get(User, admin.id).role == "admin"


def test_admin_page_lists_people_and_is_admin_only(admin_client, make_client):
    page = admin_client.get("/admin").text
    assert "Priya Raman" in page and "陈思远" in page
    assert make_client("partner").get("/admin").status_code == 403
