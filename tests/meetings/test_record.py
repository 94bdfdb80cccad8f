"""The meeting record's functions (issue 14): hidden votes, reveal, decision, closing."""

from datetime import date

import pytest
from sqlmodel import select

from pitchlab.deals.activity import timeline
from pitchlab.meetings.agenda import agenda, move_item, save_meeting
from pitchlab.meetings.record import (
    STATUS_AFTER,
    MeetingRefused,
    add_correction,
    cast_vote,
    close,
    decide,
    reveal,
)
from pitchlab.meetings.views import meeting_view
from pitchlab.models import Activity, Company, MeetingVote

from .conftest import AGENDA


def test_new_items_follow_the_order_and_the_deal_owner_presents(session, meeting, companies):
    items = agenda(session, meeting.id)
    assert [item.company_id for item in items] == [companies[name].id for name in AGENDA]
    assert [item.presenter_id for item in items] == [companies[n].owner_id for n in AGENDA]


def test_the_chair_always_attends(session, people, companies):
    meeting = save_meeting(
        session,
        None,
        user=people["admin"],
        title="Small IC",
        held_on=date(2026, 12, 10),
        chair_id=people["partner"].id,
        attendee_ids=[people["admin"].id],
        company_ids=[],
    )
    view = meeting_view(session, meeting, people["admin"])
    assert {person.id for person in view.attendees} == {people["admin"].id, people["partner"].id}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": " "}, "title"),
        ({"held_on": None}, "held_on"),
        ({"chair_id": "analyst"}, "chair_id"),
        ({"company_ids": [987654]}, "companies"),
        ({"attendee_ids": [987654]}, "attendees"),
    ],
)
def test_bad_meeting_input_names_its_field(session, people, changes, field):
    values = {
        "title": "IC",
        "held_on": date(2026, 12, 9),
        "chair_id": people["partner"].id,
        "attendee_ids": [],
        "company_ids": [],
    }
    values.update(changes)
    if values["chair_id"] == "analyst":
        values["chair_id"] = people["analyst"].id
    with pytest.raises(MeetingRefused) as refused:
        save_meeting(session, None, user=people["partner"], **values)
    assert (refused.value.status_code, refused.value.field) == (422, field)


def test_votes_stay_hidden_from_everyone_until_revealed(session, meeting, items, people):
    item = items["Clausemint"]
    cast_vote(session, meeting, item, user=people["partner2"], choice="pass", note="secret")
    cast_vote(session, meeting, item, user=people["admin"], choice="invest", note="")
    for who in ("partner", "partner2", "analyst"):
        view = meeting_view(session, meeting, people[who]).item(item.id)
        assert view.votes_cast == 2
        assert (view.tally, view.votes) == ({}, [])
    assert meeting_view(session, meeting, people["partner2"]).item(item.id).my_vote.note == "secret"
    assert meeting_view(session, meeting, people["partner"]).item(item.id).my_vote is None
    reveal(session, meeting, item, user=people["partner"])
    view = meeting_view(session, meeting, people["analyst"]).item(item.id)
    assert view.tally == {"invest": 1, "pass": 1, "more-diligence": 0}
    assert sorted(vote.note for vote, _name in view.votes) == ["", "secret"]


def test_votes_do_not_change_once_revealed(session, meeting, items, people):
    item = items["Clausemint"]
    cast_vote(session, meeting, item, user=people["admin"], choice="invest", note="")
    reveal(session, meeting, item, user=people["partner"])
    with pytest.raises(MeetingRefused) as refused:
        cast_vote(session, meeting, item, user=people["admin"], choice="pass", note="")
    assert refused.value.status_code == 409
    assert session.exec(select(MeetingVote.choice)).all() == ["invest"]


def test_a_vote_is_changed_not_doubled(session, meeting, items, people):
    item = items["Pixelorchard"]
    cast_vote(session, meeting, item, user=people["admin"], choice="invest", note="")
    cast_vote(session, meeting, item, user=people["admin"], choice="pass", note="on reflection")
    assert [(v.choice, v.note) for v in session.exec(select(MeetingVote))] == [
        ("pass", "on reflection")
    ]


@pytest.mark.parametrize("who", ["analyst", "partner2"])
def test_analysts_and_conflicted_attendees_do_not_vote(
    session, meeting, items, people, conflict, who
):
    with pytest.raises(MeetingRefused) as refused:
        cast_vote(session, meeting, items["Clausemint"], user=people[who], choice="invest", note="")
    assert refused.value.status_code == 403
    view = meeting_view(session, meeting, people["partner"]).item(items["Clausemint"].id)
    assert view.conflicted_names == [people["partner2"].display_name]


def test_only_the_chair_or_an_admin_reveals_and_decides(session, meeting, items, people):
    item = items["Clausemint"]
    with pytest.raises(MeetingRefused):
        reveal(session, meeting, item, user=people["partner2"])
    with pytest.raises(MeetingRefused):
        decide(session, meeting, item, user=people["partner2"], decision="invest")
    reveal(session, meeting, item, user=people["admin"])
    assert item.revealed_at is not None


@pytest.mark.parametrize("decision", sorted(STATUS_AFTER))
def test_the_pipeline_status_follows_the_decision(session, meeting, items, people, decision):
    item = items["Pixelorchard"]
    old = session.get(Company, item.company_id).status
    decide(
        session, meeting, item, user=people["partner"], decision=decision, conditions="Board seat"
    )
    session.rollback()
    company = session.get(Company, item.company_id)
    assert company.status == STATUS_AFTER[decision]
    kinds = [entry.kind for entry, _name in timeline(session, company_id=company.id).items]
    moved = old != STATUS_AFTER[decision]
    assert kinds[:2] == (["status", "ic_decision"] if moved else ["ic_decision"])
    decision_entry = session.exec(select(Activity).where(Activity.kind == "ic_decision")).one()
    assert decision_entry.payload == {
        "meeting_id": meeting.id,
        "title": "IC December",
        "decision": decision,
    }
    assert decision_entry.body == "Board seat"


def test_reorder_moves_one_place(session, meeting, items, people):
    move_item(session, meeting, items["Burrowline Vision"], -1)
    names = [view.company.name for view in meeting_view(session, meeting, people["admin"]).items]
    assert names == ["Clausemint", "Burrowline Vision", "Pixelorchard"]
    move_item(session, meeting, items["Clausemint"], -1)  # already first: nothing moves
    names = [view.company.name for view in meeting_view(session, meeting, people["admin"]).items]
    assert names == ["Clausemint", "Burrowline Vision", "Pixelorchard"]


def test_nothing_changes_after_closing(session, meeting, items, people):
    item = items["Clausemint"]
    close(session, meeting, user=people["partner"])
    attempts = [
        lambda: cast_vote(session, meeting, item, user=people["admin"], choice="invest", note=""),
        lambda: reveal(session, meeting, item, user=people["partner"]),
        lambda: decide(session, meeting, item, user=people["partner"], decision="pass"),
        lambda: move_item(session, meeting, item, 1),
        lambda: close(session, meeting, user=people["partner"]),
        lambda: save_meeting(
            session,
            meeting,
            user=people["partner"],
            title="Renamed",
            held_on=meeting.held_on,
            chair_id=meeting.chair_id,
            attendee_ids=[],
            company_ids=[],
        ),
    ]
    for attempt in attempts:
        with pytest.raises(MeetingRefused) as refused:
            attempt()
        assert refused.value.status_code == 409
    session.rollback()
    assert meeting.title == "IC December"
    assert len(agenda(session, meeting.id)) == 3


def test_a_correction_is_a_new_visible_entry(session, meeting, items, people):
    with pytest.raises(MeetingRefused):
        add_correction(session, meeting, user=people["partner"], body="Too early")
    close(session, meeting, user=people["partner"])
    add_correction(
        session,
        meeting,
        user=people["partner2"],
        body="The check is 500k",
        item=items["Clausemint"],
    )
    view = meeting_view(session, meeting, people["analyst"])
    assert [(c.body, name) for c, name in view.corrections] == [
        ("The check is 500k", people["partner2"].display_name)
    ]
    entries = timeline(session, company_id=items["Clausemint"].company_id).items
    assert [(e.kind, e.body) for e, _ in entries][:1] == [("ic_correction", "The check is 500k")]
