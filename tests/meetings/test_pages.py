"""Meeting pages (issue 14): the form's inline errors, the agenda, the presenter view, hidden
votes that never reach another reader's HTML, reveal, decision and a closed meeting."""

from sqlmodel import select

from pitchlab.dossier import company_dossier
from pitchlab.meetings.record import cast_vote, close
from pitchlab.models import Company, Meeting

from .conftest import AGENDA, soup


def test_a_partner_creates_a_meeting(session, make_client, people, companies):
    partner = make_client("partner")
    form = {
        "title": "IC January",
        "held_on": "2027-01-12",
        "chair_id": str(people["partner"].id),
        "attendees": [str(people["admin"].id)],
        "companies": [str(companies[name].id) for name in AGENDA],
    }
    answer = partner.post("/meetings", data=form, follow_redirects=False)
    assert answer.status_code == 303
    page = soup(partner.get(answer.headers["location"]))
    assert page.h1.get_text(strip=True) == "IC January"
    agenda = [li.a.get_text(strip=True) for li in page.select("#agenda ol.agenda > li")]
    assert sorted(agenda) == sorted(AGENDA)
    attendees = {li.get_text(strip=True) for li in page.select("#attendees li")}
    assert attendees == {people["admin"].display_name, people["partner"].display_name}


def test_bad_input_shows_beside_its_field_and_keeps_the_rest(make_client, people, companies):
    partner = make_client("partner")
    form = {
        "title": "Kept title",
        "held_on": "not a date",
        "chair_id": str(people["partner"].id),
        "companies": [str(companies["Clausemint"].id)],
    }
    answer = partner.post("/meetings", data=form)
    assert answer.status_code == 422
    page = soup(answer)
    assert page.select_one("#f-held_on")["aria-invalid"] == "true"
    assert page.select_one("#e-held_on").get_text(strip=True)
    assert page.select_one("#f-title")["value"] == "Kept title"
    checked = [box["value"] for box in page.select("input[name=companies][checked]")]
    assert checked == [str(companies["Clausemint"].id)]


def test_analysts_may_not_create_meetings(make_client):
    analyst = make_client("analyst")
    assert analyst.get("/meetings/new", follow_redirects=False).status_code == 403
    page = soup(analyst.get("/meetings"))
    assert page.select_one("#new-meeting") is None


def test_the_navigation_has_meetings(admin_client):
    links = [a["href"] for a in soup(admin_client.get("/")).select("nav[aria-label] a")]
    assert "/meetings" in links


def test_hidden_votes_never_reach_another_readers_page(
    session, make_client, meeting, items, people
):
    item = items["Clausemint"]
    cast_vote(session, meeting, item, user=people["admin"], choice="pass", note="PRIVATE-NOTE-7")
    url = f"/meetings/{meeting.id}/items/{item.id}"
    for who in ("partner", "partner2", "analyst"):
        reader = make_client(who)
        for address in (url, f"{url}/votes", f"/meetings/{meeting.id}"):
            html = reader.get(address).text
            assert "PRIVATE-NOTE-7" not in html
            assert 'data-choice="pass"' not in html
        page = soup(reader.get(url))
        assert page.select_one("#votes-cast")["data-count"] == "1"
    mine = soup(make_client("admin").get(url))
    assert mine.select_one("#my-vote")["data-choice"] == "pass"


def test_the_chair_reveals_and_the_tally_shows(session, make_client, meeting, items, people):
    item = items["Clausemint"]
    cast_vote(session, meeting, item, user=people["admin"], choice="pass", note="")
    cast_vote(session, meeting, item, user=people["partner2"], choice="invest", note="")
    partner2 = make_client("partner2")
    base = f"/meetings/{meeting.id}/items/{item.id}"
    assert partner2.post(f"{base}/reveal").status_code == 403
    chair = make_client("partner")
    panel = soup(chair.post(f"{base}/reveal", headers={"HX-Request": "true"}))
    counts = {s["data-choice"]: s["data-count"] for s in panel.select(".tally-counts span")}
    assert counts == {"invest": "1", "pass": "1", "more-diligence": "0"}
    assert panel.select_one("#vote-form") is None


def test_the_decision_moves_the_status_and_shows(session, make_client, meeting, items):
    item = items["Burrowline Vision"]
    chair = make_client("partner")
    base = f"/meetings/{meeting.id}/items/{item.id}"
    bad = chair.post(f"{base}/decision", data={"decision": ""}, headers={"HX-Request": "true"})
    assert bad.status_code == 422
    assert soup(bad).select_one("#f-decision")["aria-invalid"] == "true"
    answer = chair.post(
        f"{base}/decision", data={"decision": "pass", "minutes": "Too early"}, follow_redirects=True
    )
    assert soup(answer).select_one("#decision")["data-decision"] == "pass"
    session.rollback()
    assert session.get(Company, item.company_id).status == "passed"
    timeline = soup(chair.get(f"/companies/{item.company_id}"))
    assert timeline.select_one('[data-kind="ic_decision"]') is not None


def test_the_presenter_view_shows_the_dossier_and_keys(
    session, make_client, meeting, items, people
):
    item = items["Pixelorchard"]
    page = soup(make_client("partner").get(f"/meetings/{meeting.id}/items/{item.id}"))
    dossier = company_dossier(session, people["partner"], item.company_id)
    assert page.h1.get_text(strip=True) == dossier.company.name
    assert dossier.terms.amount_raising in page.select_one("#dossier-terms").get_text()
    assert page.select_one("#previous-item")["aria-keyshortcuts"] == "ArrowLeft k"
    assert page.select_one("#next-item")["href"].endswith(f"/items/{items['Burrowline Vision'].id}")
    assert page.find("script", src=lambda src: src and "presenter.js" in src)


def test_a_conflicted_attendee_sees_no_scores_and_no_vote_form(
    make_client, meeting, items, conflict
):
    page = soup(
        make_client("partner2").get(f"/meetings/{meeting.id}/items/{items['Clausemint'].id}")
    )
    assert page.select_one("#scores-hidden") is not None
    assert page.select_one("#dossier-disagreements") is None
    assert page.select_one("#vote-form") is None
    assert page.select_one("#no-vote-conflict") is not None


def test_the_meeting_links_its_head_to_head_ranking(admin_client, meeting, companies):
    link = soup(admin_client.get(f"/meetings/{meeting.id}")).select_one("#pairwise-link a")
    wanted = "&".join(f"company={companies[name].id}" for name in AGENDA)
    assert link["href"] == f"/pairwise/new?{wanted}"


def test_reorder_buttons_move_an_item(make_client, meeting, items):
    partner = make_client("partner")
    item = items["Pixelorchard"]
    partner.post(f"/meetings/{meeting.id}/items/{item.id}/move", data={"direction": "up"})
    page = soup(partner.get(f"/meetings/{meeting.id}"))
    names = [li.a.get_text(strip=True) for li in page.select("#agenda ol.agenda > li")]
    assert names == ["Pixelorchard", "Clausemint", "Burrowline Vision"]


def test_a_closed_meeting_refuses_every_change(session, make_client, meeting, items, people):
    close(session, meeting, user=people["partner"])
    chair = make_client("partner")
    item = items["Clausemint"]
    base = f"/meetings/{meeting.id}"
    attempts = [
        (f"{base}/items/{item.id}/vote", {"choice": "invest"}),
        (f"{base}/items/{item.id}/reveal", {}),
        (f"{base}/items/{item.id}/decision", {"decision": "invest"}),
        (f"{base}/items/{item.id}/move", {"direction": "down"}),
        (f"{base}/close", {}),
        (
            base,
            {"title": "Renamed", "held_on": "2026-12-09", "chair_id": str(people["partner"].id)},
        ),
    ]
    for url, data in attempts:
        assert chair.post(url, data=data, follow_redirects=False).status_code == 409, url
    assert chair.get(f"{base}/edit").status_code == 409
    page = soup(chair.get(base))
    assert page.select_one("#closed-note") is not None
    assert page.select_one("#edit-meeting") is None
    answer = chair.post(f"{base}/corrections", data={"body": ""})
    assert answer.status_code == 422
    chair.post(f"{base}/corrections", data={"body": "Minutes amended", "item_id": str(item.id)})
    page = soup(chair.get(base))
    assert "Minutes amended" in page.select_one("#corrections").get_text()
    session.rollback()
    assert session.exec(select(Meeting.title)).all() == ["IC December"]


def test_the_polled_count_never_holds_the_vote_form(session, make_client, meeting, items, people):
    """The presenter view reloads the count alone, so a note being typed is never replaced."""
    item = items["Clausemint"]
    cast_vote(session, meeting, item, user=people["admin"], choice="pass", note="")
    url = f"/meetings/{meeting.id}/items/{item.id}/votes"
    partner = make_client("partner")
    fragment = soup(partner.get(url, headers={"HX-Request": "true"}))
    assert fragment.select_one("#votes-cast")["data-count"] == "1"
    assert fragment.select_one("#votes-count")["hx-trigger"] == "every 10s"
    assert fragment.select_one("form") is None
    partner.post(f"/meetings/{meeting.id}/items/{item.id}/reveal")
    fragment = soup(partner.get(url, headers={"HX-Request": "true"}))
    assert fragment.select_one('.tally-counts [data-choice="pass"]')["data-count"] == "1"
    assert not fragment.select_one("#votes-count").has_attr("hx-get")


def test_oversized_texts_come_back_beside_their_field(make_client, meeting, items):
    from pitchlab.models.meeting import MINUTES_MAX, VOTE_NOTE_MAX

    chair = make_client("partner")
    base = f"/meetings/{meeting.id}/items/{items['Clausemint'].id}"
    htmx = {"HX-Request": "true"}
    note = chair.post(
        f"{base}/vote", data={"choice": "invest", "note": "x" * (VOTE_NOTE_MAX + 1)}, headers=htmx
    )
    assert note.status_code == 422
    assert soup(note).select_one("#f-vote-note")["aria-describedby"] == "e-note"
    minutes = chair.post(
        f"{base}/decision",
        data={"decision": "pass", "minutes": "x" * (MINUTES_MAX + 1)},
        headers=htmx,
    )
    assert minutes.status_code == 422
    assert soup(minutes).select_one("#e-minutes").get_text(strip=True)
    assert soup(minutes).select_one("#f-minutes").get_text() == "x" * (MINUTES_MAX + 1)
    assert soup(note).select_one("#f-vote-note").get_text() == "x" * (VOTE_NOTE_MAX + 1)
    assert soup(chair.get(base)).select_one("#decision") is None
