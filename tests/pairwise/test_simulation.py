"""Simulated judges with known strengths (issue 14; pitchlab.pairwise.simulate states the
setting): 10 finalists, 3 judges, at most 45 judgements, 100 seeded runs."""

import numpy as np
import pytest

from pitchlab.pairwise.simulate import (
    BUDGET,
    N_FINALISTS,
    adversary_figures,
    run_figures,
    simulate_session,
)

RUNS = 100
# The Laplace approximation is a little overconfident on 45 sparse judgements: the intervals
# must cover the truth within this many points of their nominal rate.
COVERAGE_TOLERANCE = 0.06


@pytest.fixture(scope="module")
def figures():
    return run_figures(RUNS, seed=0)


def test_45_judgements_recover_the_true_top_three(figures):
    assert figures.mean_judgements <= BUDGET
    assert figures.recovery_rate >= 0.9


def test_intervals_cover_the_truth_at_their_nominal_rate(figures):
    assert figures.coverage_50 == pytest.approx(0.5, abs=COVERAGE_TOLERANCE)
    assert figures.coverage_90 == pytest.approx(0.9, abs=COVERAGE_TOLERANCE)


def test_simulation_is_deterministic_by_seed():
    truth = np.linspace(2, -2, N_FINALISTS)
    first = simulate_session(truth, np.random.default_rng(3), budget=12)
    second = simulate_session(truth, np.random.default_rng(3), budget=12)
    assert first.judgements == second.judgements
    assert first.fit.strengths == pytest.approx(second.fit.strengths)


def test_a_judge_never_gets_the_same_pair_twice():
    found = simulate_session(np.linspace(2, -2, 4), np.random.default_rng(0), judges=1, budget=10)
    pairs = [(a, b) for a, b, _outcome in found.judgements]
    assert len(pairs) == 6 == len(set(pairs))  # 4 finalists: 6 pairs, then nothing left


def test_an_adversarial_judge_is_found_and_discounted():
    """One judge of three answers the wrong way round: Crowd-BT's reliability finds them and
    its ranking recovers the top three more often than the plain fit of the same answers."""
    figures = adversary_figures(30, seed=0)
    assert figures.adversary_below_half >= 0.6
    assert figures.honest_reliability >= 0.8
    assert figures.recovery_crowd >= figures.recovery_plain + 0.1
