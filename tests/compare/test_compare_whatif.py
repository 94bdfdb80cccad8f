from pitchlab.compare.whatif import ENTERS, LEAVES, OUTSIDE, WHAT_IF_COLUMNS, weight_what_if

# Equal weights: company 2 leads (3.5), then 1 (3.0), then 3 (2.5).
VALUES = {(1, 1): {"a": 5, "b": 1}, (2, 1): {"a": 4, "b": 3}, (3, 1): {"a": 1, "b": 4}}


def test_heavier_criterion_reorders_the_ranking(make_grid):
    # Weight a x3: company 1 (15+1)/4 = 4.0, company 2 (12+3)/4 = 3.75, company 3 7/4.
    what_if = weight_what_if(make_grid(VALUES), criterion_weights={("core", "a"): 3.0}, top_n=1)
    assert list(what_if.columns) == WHAT_IF_COLUMNS
    rows = what_if.set_index("company_id")
    assert what_if["company_id"].tolist() == [1, 2, 3]
    assert rows.loc[1, "new_total"] == 4.0 and rows.loc[1, "default_total"] == 3.0
    assert rows["rank_delta"].to_dict() == {1: 1, 2: -1, 3: 0}
    assert rows["moved"].to_dict() == {1: True, 2: True, 3: False}
    assert rows["top_n_status"].to_dict() == {1: ENTERS, 2: LEAVES, 3: OUTSIDE}


def test_no_override_moves_nobody(make_grid):
    what_if = weight_what_if(make_grid(VALUES), top_n=2)
    assert not what_if["moved"].any()
    assert what_if["in_top_n_after"].tolist() == [True, True, False]


def test_given_new_totals_give_the_same_answer(make_grid):
    import pandas as pd

    from pitchlab.compare.totals import company_totals

    scores = make_grid(
        {(1, 1): {"a": 5, "b": 1}, (2, 1): {"a": 2, "b": 4}, (3, 1): {"a": 3, "b": 3}}
    )
    weights = {"criterion_weights": {("core", "b"): 4.0}}
    computed = weight_what_if(scores, **weights, top_n=1)
    given = weight_what_if(scores, top_n=1, new_totals=company_totals(scores, **weights))
    pd.testing.assert_frame_equal(computed, given)
    assert computed["company_id"].tolist()[0] == 2
