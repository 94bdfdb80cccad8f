import numpy as np
import pandas as pd

from pitchlab.compare import ranking
from pitchlab.compare.ranking import INTERVAL_COLUMNS, rank_companies, rank_intervals, tie_groups


def _evaluator_totals(panels: dict[int, list[float]]) -> pd.DataFrame:
    rows = [
        {
            "company_id": company_id,
            "company_name": f"Company {company_id}",
            "evaluator_id": seat,
            "total": total,
        }
        for company_id, totals in panels.items()
        for seat, total in enumerate(totals, start=1)
    ]
    return pd.DataFrame(rows)


def _noisy_panels(companies=12, evaluators=3, seed=7):
    rng = np.random.default_rng(seed)
    return {c: list(rng.normal(3, 1, evaluators).round(2)) for c in range(1, companies + 1)}


def test_rank_companies_gives_equal_totals_the_same_rank():
    totals = pd.DataFrame({"company_id": [1, 2, 3, 4], "total": [3.0, 5.0, 5.0, 1.0]})
    ranked = rank_companies(totals)
    assert ranked["company_id"].tolist() == [2, 3, 1, 4]
    assert ranked["rank"].tolist() == [1, 1, 3, 4]


def test_rank_companies_puts_companies_without_total_last_unranked():
    # 0.1 + 0.2 is 0.30000000000000004: equal to TIE_DECIMALS, so a tie.
    totals = pd.DataFrame(
        {"company_id": [1, 2, 3, 4, 5], "total": [np.nan, 0.1 + 0.2, 0.3, np.nan, 2.0]}
    )
    ranked = rank_companies(totals)
    assert ranked["company_id"].tolist() == [5, 2, 3, 1, 4]
    assert ranked["rank"].tolist() == [1, 2, 2, pd.NA, pd.NA]
    assert str(ranked["rank"].dtype) == "Int64"


def test_intervals_do_not_depend_on_resamples_per_chunk(monkeypatch):
    totals = _evaluator_totals(_noisy_panels(companies=30))
    whole = rank_intervals(totals, resamples=200, seed=5)
    monkeypatch.setattr(ranking, "SEATS_PER_CHUNK", 1)  # the floor: 20 resamples a chunk
    pd.testing.assert_frame_equal(rank_intervals(totals, resamples=200, seed=5), whole)


def test_same_seed_gives_same_intervals():
    totals = _evaluator_totals(_noisy_panels())
    first = rank_intervals(totals, resamples=300, seed=11)
    again = rank_intervals(totals, resamples=300, seed=11)
    assert list(first.columns) == INTERVAL_COLUMNS
    pd.testing.assert_frame_equal(first, again)


def test_different_seeds_can_give_different_intervals():
    totals = _evaluator_totals(_noisy_panels())
    runs = [rank_intervals(totals, resamples=50, seed=seed) for seed in range(5)]
    bounds = {tuple(run["rank_low"]) + tuple(run["rank_high"]) for run in runs}
    assert len(bounds) > 1


def test_clear_winner_is_not_tied():
    panels = {1: [5.0, 5.0, 4.9], 2: [3.0, 2.0, 2.5], 3: [2.0, 3.0, 2.2], 4: [1.0, 2.5, 1.5]}
    intervals = rank_intervals(_evaluator_totals(panels), resamples=500, seed=1)
    winner = intervals.iloc[0]
    assert winner["company_id"] == 1
    assert (winner["rank"], winner["rank_low"], winner["rank_high"]) == (1, 1, 1)
    assert not winner["statistically_tied"]
    assert winner["tie_group"] != intervals.iloc[1]["tie_group"]


def test_identical_companies_share_every_rank():
    panels = {1: [4.0, 4.0], 2: [4.0, 4.0], 3: [1.0, 2.0]}
    intervals = rank_intervals(_evaluator_totals(panels), resamples=100, seed=3).set_index(
        "company_id"
    )
    assert intervals.loc[[1, 2], "rank_low"].tolist() == [1, 1]
    assert intervals.loc[[1, 2], "rank_high"].tolist() == [1, 1]
    assert intervals.loc[[1, 2], "statistically_tied"].all()


def test_point_rank_follows_given_point_totals():
    panels = {1: [3.0, 3.0], 2: [2.0, 2.0]}
    point = pd.Series({1: 1.0, 2: 4.0})
    intervals = rank_intervals(_evaluator_totals(panels), point_totals=point, resamples=20)
    assert intervals["company_id"].tolist() == [2, 1]
    assert intervals["total"].tolist() == [4.0, 1.0]


def test_tie_group_joins_only_intervals_overlapping_its_first_member():
    low, high = np.array([1, 1, 3, 4]), np.array([2, 3, 5, 4])
    # The third overlaps the second but not the first, so it starts group 2.
    assert tie_groups(low, high).tolist() == [1, 1, 2, 2]


def test_no_evaluator_totals_give_empty_intervals():
    empty = _evaluator_totals({}).reindex(columns=["company_id", "company_name", "total"])
    assert rank_intervals(empty).empty


def _ranks_by_counting(totals: np.ndarray) -> np.ndarray:
    rounded = np.round(totals, ranking.TIE_DECIMALS)
    return 1 + (rounded[:, None, :] > rounded[:, :, None]).sum(axis=2)


def test_competition_ranks_count_strictly_higher_totals_with_ties():
    rng = np.random.default_rng(3)
    totals = rng.integers(1, 6, size=(40, 300)) / 3  # many ties in every row
    totals[0, :3] = [0.1 + 0.2, 0.3, 0.30000001]  # equal to TIE_DECIMALS, then not
    ranks = ranking._competition_ranks(totals, "int16")
    assert ranks.dtype == np.int16
    np.testing.assert_array_equal(ranks, _ranks_by_counting(totals))
    assert ranks[0, 0] == ranks[0, 1] != ranks[0, 2]


def test_competition_ranks_of_huge_totals_number_the_distinct_totals():
    # Too large for exact integer keys: the distinct rounded totals are numbered instead.
    totals = np.array([[1e15, 3.0, 1e15, -5e8, 2e7 + 1e-3], [2e7, 2e7 + 1e-3, 1.0, 1.0, 1e15]])
    np.testing.assert_array_equal(
        ranking._competition_ranks(totals), [[1, 4, 1, 5, 3], [3, 2, 4, 4, 1]]
    )
    np.testing.assert_array_equal(ranking._competition_ranks(totals), _ranks_by_counting(totals))


def test_rank_bounds_are_the_lower_and_higher_percentiles():
    ranks = np.random.default_rng(4).integers(1, 50, size=(30, 1000)).astype("int16")
    expected = (
        np.percentile(ranks, 2.5, axis=1, method="lower"),
        np.percentile(ranks, 97.5, axis=1, method="higher"),
    )
    low, high = ranking._rank_bounds(ranks, (2.5, 97.5))
    np.testing.assert_array_equal(low, expected[0])
    np.testing.assert_array_equal(high, expected[1])
