from pitchlab.compare.anonymize import evaluator_pseudonyms, pseudonym_letters


def test_pseudonyms_follow_evaluator_id_order_whatever_the_input_order():
    expected = {3: "Evaluator A", 8: "Evaluator B", 21: "Evaluator C"}
    assert evaluator_pseudonyms([21, 3, 8, 3]) == expected
    assert evaluator_pseudonyms([8, 21, 3]) == expected


def test_pseudonym_letters_continue_after_z():
    assert [pseudonym_letters(position) for position in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
