"""The meeting's record as plain data for the memo and pack (issue 14)."""

from pitchlab.meetings.minutes import company_decisions, meeting_minutes
from pitchlab.meetings.record import cast_vote, close, decide, reveal


def test_minutes_hold_votes_only_once_revealed(session, meeting, items, people):
    item = items["Clausemint"]
    cast_vote(session, meeting, item, user=people["admin"], choice="invest", note="Go")
    hidden = meeting_minutes(session, meeting, people["analyst"]).items[0]
    assert (hidden.votes_cast, hidden.tally, hidden.votes) == (1, {}, [])
    reveal(session, meeting, item, user=people["partner"])
    decide(session, meeting, item, user=people["partner"], decision="invest", minutes="Agreed")
    close(session, meeting, user=people["partner"])
    minutes = meeting_minutes(session, meeting, people["analyst"])
    first = minutes.items[0]
    assert minutes.status == "closed" and minutes.chair_name == people["partner"].display_name
    assert first.tally == {"invest": 1, "pass": 0, "more-diligence": 0}
    assert [(v.voter_name, v.choice, v.note) for v in first.votes] == [
        (people["admin"].display_name, "invest", "Go")
    ]
    assert (first.decision, first.minutes) == ("invest", "Agreed")


def test_company_decisions_lists_decided_items_only(session, meeting, items, people):
    decide(session, meeting, items["Pixelorchard"], user=people["partner"], decision="pass")
    found = company_decisions(session, items["Pixelorchard"].company_id, people["analyst"])
    assert [(m.meeting_title, m.company_name, m.decision) for m in found] == [
        ("IC December", "Pixelorchard", "pass")
    ]
    assert company_decisions(session, items["Clausemint"].company_id, people["analyst"]) == []
