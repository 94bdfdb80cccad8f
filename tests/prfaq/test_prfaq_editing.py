"""The pure pieces of saving: FAQ actions, and merging my changes over someone else's."""

import pytest

from pitchlab.prfaq.editing import FaqAction, applied, merged, parse_action, parse_number
from pitchlab.prfaq.store import Content

ROWS = [{"question": "A", "answer": "1"}, {"question": "B", "answer": "2"}]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("add:external", FaqAction("add", "external")),
        ("down:internal:1", FaqAction("down", "internal", 1)),
        ("add:external:1", None),
        ("remove:external", None),
        ("drop:external:1", None),
        ("up:elsewhere:1", None),
        ("up:external:²", None),
        ("", None),
    ],
)
def test_parse_action_accepts_only_the_documented_forms(raw, expected):
    assert parse_action(raw) == expected


def test_moves_past_either_end_change_nothing():
    assert applied(ROWS, FaqAction("up", "external", 0), []) == ROWS
    assert applied(ROWS, FaqAction("down", "external", 1), []) == ROWS
    assert applied(ROWS, FaqAction("remove", "external", 5), []) == ROWS
    assert [r["question"] for r in applied(ROWS, FaqAction("down", "external", 0), [])] == [
        "B",
        "A",
    ]


def test_prompts_are_added_once():
    once = applied(ROWS, FaqAction("prompts", "external"), ["A", "C"])
    assert [r["question"] for r in once] == ["A", "B", "C"]
    assert applied(once, FaqAction("prompts", "external"), ["A", "C"]) == once


def test_merge_takes_only_the_parts_i_changed():
    base = Content({"problem": "old", "solution": "old"}, {"external": ROWS, "internal": []})
    theirs = Content(
        {"problem": "theirs", "solution": "theirs"}, {"external": ROWS[:1], "internal": ROWS}
    )
    mine = Content({"problem": "mine", "solution": "old"}, {"external": ROWS, "internal": []})
    result = merged(base, mine, theirs)
    assert result.sections == {"problem": "mine", "solution": "theirs"}
    assert result.faqs == {"external": ROWS[:1], "internal": ROWS}


def test_numbers_are_ascii_digits_only():
    assert parse_number(" 12 ") == 12
    assert parse_number("1e3") is None and parse_number("-1") is None and parse_number(None) is None
