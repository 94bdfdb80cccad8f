"""The home page (issue 13): my queue by due date, overdue, changes, disagreement, pipeline."""

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import col, func, select

from pitchlab.deals.assignments import today
from pitchlab.models import Company, User, utcnow

from .conftest import soup


def _assign(client, company_id, user_id, pack_id, due=""):
    return client.post(
        f"/companies/{company_id}/assignments",
        data={"user_id": [str(user_id)], "pack_id": str(pack_id), "due_date": due},
        follow_redirects=False,
    )


def _all_threes(session, key="problem-space") -> dict:
    from pitchlab.rubrics.store import get_pack_version

    return {criterion.key: 3 for criterion in get_pack_version(session, key).criteria}


def _pack_id(session, key="problem-space"):
    from pitchlab.rubrics.store import get_pack_version

    session.rollback()
    return get_pack_version(session, key).pack.id


def test_assigned_company_is_in_the_queue_until_its_scorecard_is_submitted(
    make_client, session, company_named, user_id, fill_scorecard
):
    partner, analyst = make_client("partner"), make_client("analyst")
    clausemint, burrow = company_named("Clausemint"), company_named("Burrowline Vision")
    late = (today() - timedelta(days=2)).isoformat()
    soon = (today() + timedelta(days=5)).isoformat()
    pack = _pack_id(session)
    assert _assign(partner, burrow.id, user_id("analyst"), pack, soon).status_code == 303
    assert _assign(partner, clausemint.id, user_id("analyst"), pack, late).status_code == 303
    page = soup(analyst.get("/"))
    queue = [row["data-company"] for row in page.select("#my-queue tbody tr")]
    assert queue == [str(clausemint.id), str(burrow.id)]  # soonest due first
    first = page.select_one("#my-queue tbody tr")
    assert first.select_one("[data-overdue]") is not None
    assert str(clausemint.id) in {li["data-company"] for li in page.select("#overdue li")}
    fill_scorecard(analyst, clausemint.id, "problem-space", _all_threes(session), submit=True)
    queue = [row["data-company"] for row in soup(analyst.get("/")).select("#my-queue tbody tr")]
    assert queue == [str(burrow.id)]
    panel = soup(partner.get(f"/companies/{clausemint.id}")).select_one("#assignment-panel")
    assert panel.select_one("tr[data-state]")["data-state"] == "submitted"


def test_a_conflicted_evaluator_cannot_be_assigned(make_client, session, company_named, user_id):
    from pitchlab.models import Conflict

    company = company_named("Clausemint")
    session.add(Conflict(company_id=company.id, user_id=user_id("analyst"), reason="Advisor"))
    session.commit()
    partner = make_client("partner")
    response = _assign(partner, company.id, user_id("analyst"), _pack_id(session))
    assert response.status_code == 422
    assert "conflict of interest" in soup(response).select_one("#assign-errors").text
    analyst = make_client("analyst")
    assert soup(analyst.get("/")).select("#my-queue tbody tr") == []


def test_analyst_cannot_assign(make_client, session, company_named, user_id):
    analyst = make_client("analyst")
    company = company_named("Clausemint")
    assert _assign(analyst, company.id, user_id("analyst"), _pack_id(session)).status_code == 403


def test_home_shows_pipeline_counts_and_changes_since_the_last_visit(
    make_client, company_named, session
):
    partner, admin = make_client("partner"), make_client("admin")
    partner.get("/")  # the first visit
    # Leave the sitting: the next visit counts changes from the one before.
    session.rollback()
    session.exec(update(User).values(last_visit_at=utcnow() - timedelta(hours=2)))
    session.commit()
    company = company_named("Pixelorchard")
    admin.post(f"/companies/{company.id}/comments", data={"body": "Call the founders"})
    page = soup(partner.get("/"))
    changed = {li["data-company"] for li in page.select("#changed li")}
    assert str(company.id) in changed
    bars = {g["data-status"]: int(g["data-count"]) for g in page.select("#pipeline g")}
    active = session.exec(
        select(func.count()).select_from(Company).where(col(Company.archived_at).is_(None))
    ).one()
    assert sum(bars.values()) == active and bars["diligence"] >= 1


def test_partner_assigns_several_companies_to_several_people_at_once(
    make_client, session, company_named, user_id
):
    partner = make_client("partner")
    first, second = company_named("Clausemint"), company_named("Pixelorchard")
    response = partner.post(
        "/assignments",
        data={
            "company_id": [str(first.id), str(second.id)],
            "user_id": [str(user_id("analyst")), str(user_id("admin"))],
            "pack_id": str(_pack_id(session)),
            "due_date": "2031-03-01",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    rows = soup(partner.get("/assignments")).select("table.assignments tbody tr")
    pairs = {(row["data-company"], row["data-assignee"]) for row in rows}
    assert len(pairs) == 4
    assert make_client("analyst").get("/assignments").status_code == 403


def test_home_lists_deal_breakers_in_red_with_the_reason(
    admin_client, make_client, session, fill_scorecard
):
    # Issue 15: a panel median at or below the gate flags the company, whatever its average.
    from pitchlab.rubrics.store import get_pack_version

    clausemint = session.exec(select(Company.id).where(Company.name == "Clausemint")).one()
    keys = [c.key for c in get_pack_version(session, "data-centric-ai").criteria]
    for who in ("partner", "analyst"):
        levels = {key: 5 for key in keys} | {"data-rights-provenance": 1}
        fill_scorecard(make_client(who), clausemint, "data-centric-ai", levels, submit=True)
    home = soup(admin_client.get("/"))
    assert home.select_one("#disagreement")["hx-get"] == "/home/disagreement"
    panel = soup(admin_client.get("/home/disagreement")).select_one("#deal-breakers")
    items = panel.select("li.deal-breaker")
    assert [item["data-company"] for item in items] == [str(clausemint)]
    link = items[0].select_one("a")
    assert (link.get_text(), link["href"]) == ("Clausemint", f"/companies/{clausemint}")
    reason = items[0].select_one('[data-criterion="data-rights-provenance"]').get_text()
    title = next(
        c.title["en"]
        for c in get_pack_version(session, "data-centric-ai").criteria
        if c.key == "data-rights-provenance"
    )
    assert reason == f"{title}: panel median 1, at or below the gate of 1"
    assert "#deal-breakers" in admin_client.get("/static/css/pitchlab.css").text


def test_home_has_no_deal_breaker_when_the_median_is_above_the_gate(
    admin_client, make_client, session, fill_scorecard
):
    from pitchlab.rubrics.store import get_pack_version

    clausemint = session.exec(select(Company.id).where(Company.name == "Clausemint")).one()
    keys = [c.key for c in get_pack_version(session, "data-centric-ai").criteria]
    for who, gated in (("partner", 1), ("analyst", 2), ("partner2", 3)):
        levels = {key: 1 for key in keys} | {"data-rights-provenance": gated}
        fill_scorecard(make_client(who), clausemint, "data-centric-ai", levels, submit=True)
    panel = soup(admin_client.get("/home/disagreement")).select_one("#deal-breakers")
    assert not panel.select(f'li[data-company="{clausemint}"]')
