"""The head-to-head statistics (issue 14): the fit, its uncertainty, the next pair, tau."""

import choix
import numpy as np
import pandas as pd
import pytest

from pitchlab.pairwise.bradley_terry import (
    CANT_TELL,
    PRIOR_SD,
    fit_strengths,
    next_pair,
    pair_information,
    rank_intervals,
)
from pitchlab.pairwise.ranking import rank_agreement


def test_fit_matches_choix_on_decisive_judgements():
    rng = np.random.default_rng(7)
    judgements = [(a, b, "a" if rng.random() < 0.6 else "b") for a in range(6) for b in range(a)]
    wins = [(a, b) if outcome == "a" else (b, a) for a, b, outcome in judgements]
    expected = choix.opt_pairwise(6, wins, alpha=1 / (2 * PRIOR_SD**2), tol=1e-10)
    assert fit_strengths(6, judgements).strengths == pytest.approx(expected, abs=1e-5)


def test_cant_tell_is_half_a_win_each_way():
    tie = fit_strengths(2, [(0, 1, CANT_TELL)])
    assert tie.strengths == pytest.approx([0, 0], abs=1e-9)
    # Half a win each way is the same as one win each way, weighted by a half.
    both_ways = fit_strengths(2, [(0, 1, "a"), (0, 1, "b")], weights=[0.5, 0.5])
    assert tie.strengths == pytest.approx(both_ways.strengths)
    assert tie.standard_errors == pytest.approx(both_ways.standard_errors)
    # A tie is information too: it narrows the uncertainty.
    assert (tie.standard_errors < fit_strengths(2, []).standard_errors).all()


def test_no_judgements_give_the_prior():
    fit = fit_strengths(3, [])
    assert fit.strengths == pytest.approx([0, 0, 0])
    assert fit.standard_errors == pytest.approx([PRIOR_SD] * 3)


def test_rank_intervals_hold_the_point_rank():
    judgements = [(0, 1, "a"), (1, 2, "a"), (0, 2, "a")] * 3
    ranks = rank_intervals(fit_strengths(3, judgements))
    assert list(ranks["rank"]) == [1, 2, 3]
    assert (ranks["rank_low"] <= ranks["rank"]).all() and (
        ranks["rank"] <= ranks["rank_high"]
    ).all()


def test_next_pair_prefers_the_uncertain_close_pair():
    # 0 beat 1 many times; 2 and 3 are unknown: asking about them teaches more.
    fit = fit_strengths(4, [(0, 1, "a")] * 6)
    assert pair_information(fit, 2, 3) > pair_information(fit, 0, 1)
    assert next_pair(fit, [(0, 1), (2, 3)]) == (2, 3)
    assert next_pair(fit, []) is None


def test_rank_agreement_tau_and_disagreements():
    strengths = pd.DataFrame(
        {"company_id": [1, 2, 3, 4], "company_name": list("ABCD"), "strength": [4, 3, 2, 1]}
    )
    same = pd.DataFrame({"company_id": [1, 2, 3, 4], "total": [9.0, 8.0, 7.0, 6.0]})
    agreement = rank_agreement(strengths, same)
    assert agreement.tau == pytest.approx(1.0) and agreement.disagreements == []
    # The rubric puts D first: the partners put it last.
    moved = pd.DataFrame({"company_id": [1, 2, 3, 4], "total": [8.0, 7.0, 6.0, 9.0]})
    agreement = rank_agreement(strengths, moved)
    assert agreement.tau == pytest.approx(0.0)
    first = agreement.disagreements[0]
    assert (first["company_name"], first["pairwise_rank"], first["rubric_rank"]) == ("D", 4, 1)
    assert first["gap"] == -3  # the rubric ranks it higher than the partners
    unscored = pd.DataFrame({"company_id": [1], "total": [5.0]})
    assert rank_agreement(strengths, unscored).tau is None
