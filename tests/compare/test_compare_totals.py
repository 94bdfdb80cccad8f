import pandas as pd
import pytest

from pitchlab.compare.totals import company_totals, evaluator_totals, pack_totals

WEIGHTS = {"a": 3.0, "b": 1.0, "c": 2.0}


def _two_companies(make_grid):
    # Company 1 answered N/A on c everywhere; company 2 has one real score on c.
    return make_grid(
        {
            (1, 1): {"a": 5, "b": 2, "c": None},
            (1, 2): {"a": 3, "b": 4, "c": None},
            (2, 1): {"a": 5, "b": 2, "c": 1},
            (2, 2): {"a": 3, "b": 4, "c": None},
        },
        weights=WEIGHTS,
    )


def _total(totals, company_id):
    return totals.set_index("company_id").loc[company_id, "total"]


def test_na_criterion_is_left_out_of_total_and_weights(make_grid):
    totals = company_totals(_two_companies(make_grid))
    assert list(totals.columns) == [
        "company_id",
        "company_name",
        "total",
        "n_packs",
        "n_criteria",
        "n_evaluators",
    ]
    # Criterion means a=4 (w3), b=3 (w1); c is all N/A, so (12 + 3) / 4, not / 6.
    assert _total(totals, 1) == pytest.approx(15 / 4)
    # c has one score (1, w2): (12 + 3 + 2) / 6.
    assert _total(totals, 2) == pytest.approx(17 / 6)
    assert totals.set_index("company_id").loc[1, "n_criteria"] == 2


def test_evaluator_totals_weigh_each_evaluators_own_scores(make_grid):
    totals = evaluator_totals(_two_companies(make_grid))
    assert list(totals.columns) == [
        "company_id",
        "company_name",
        "evaluator_id",
        "evaluator_name",
        "total",
        "n_criteria",
    ]
    company_one = totals[totals["company_id"] == 1].set_index("evaluator_id")["total"]
    assert company_one[1] == pytest.approx((3 * 5 + 2) / 4)
    assert company_one[2] == pytest.approx((3 * 3 + 4) / 4)


def test_criterion_weight_override_changes_total(make_grid):
    totals = company_totals(_two_companies(make_grid), criterion_weights={("core", "a"): 1.0})
    assert _total(totals, 1) == pytest.approx((4 + 3) / 2)


def test_overall_total_is_pack_weighted_mean_of_pack_totals(make_grid):
    core = _two_companies(make_grid)
    team = make_grid({(1, 1): {"t": 2}}, pack_key="team")
    scores = pd.concat([core, team], ignore_index=True)
    packs = pack_totals(scores).set_index(["company_id", "pack_key"])["total"]
    assert packs[(1, "core")] == pytest.approx(3.75) and packs[(1, "team")] == 2.0
    assert _total(company_totals(scores), 1) == pytest.approx((3.75 + 2) / 2)
    weighted = company_totals(scores, pack_weights={"core": 3.0, "team": 1.0})
    assert _total(weighted, 1) == pytest.approx((3 * 3.75 + 2) / 4)


def test_company_with_only_na_keeps_a_row_without_total(make_grid):
    totals = company_totals(make_grid({(1, 1): {"a": 3}, (2, 1): {"a": None}}))
    assert totals["company_id"].tolist() == [1, 2]
    assert totals["total"].isna().tolist() == [False, True]


def test_negative_override_weight_is_refused(make_grid):
    with pytest.raises(ValueError, match="negative"):
        company_totals(_two_companies(make_grid), pack_weights={"core": -1.0})
