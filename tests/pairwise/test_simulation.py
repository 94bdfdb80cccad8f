"""Simulated judges with known strengths (issue 14; pitchlab.pairwise.simulate states the
setting): 10 finalists, 3 judges, at most 45 judgements, 100 seeded runs."""

import numpy as np
import pytest

from pitchlab.pairwise.simulate import BUDGET, N_FINALISTS, run_figures, simulate_session

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
    assert first[1] == second[1]
    assert first[0].strengths == pytest.approx(second[0].strengths)


def test_a_judge_never_gets_the_same_pair_twice():
    _fit, judgements = simulate_session(
        np.linspace(2, -2, 4), np.random.default_rng(0), judges=1, budget=10
    )
    pairs = [(a, b) for a, b, _outcome in judgements]
    assert len(pairs) == 6 == len(set(pairs))  # 4 finalists: 6 pairs, then nothing left
