"""Simulated head-to-head sessions with known true strengths (issue 14), and their figures.

    python -m pitchlab.pairwise.simulate [--runs 100] [--seed 0]

Judges answer as the Bradley-Terry model says with the true strengths, and say "can't tell"
with probability CANT_TELL_RATE * 4 p (1 - p) (a fifth of the time on an even pair, seldom on
a lopsided one). Judges take turns; each is asked the next pair chosen for them (never a pair
they judged already), and the model is refitted after every judgement, as on the site.

Recovery: ten finalists with strengths evenly spread over RECOVERY_SPAN on the log-odds scale,
1.5 apart: a judge prefers the better of two neighbours in the true order 82 times in 100,
the better of two finalists three places apart 99 times in 100. Three judges, 45 judgements
in all; a run recovers the top three when the three strongest estimates are the three truly
strongest, in any order. Coverage: true strengths drawn from the model's prior, the share of
finalists whose true strength lies inside the 50% and 90% intervals (strength +- z x standard
error).
"""

import argparse
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from scipy.special import expit
from scipy.stats import norm

from .bradley_terry import A_WINS, B_WINS, CANT_TELL, PRIOR_SD, fit_strengths, next_pair

N_FINALISTS = 10
N_JUDGES = 3
BUDGET = 45
RECOVERY_SPAN = 13.5
CANT_TELL_RATE = 0.2
TOP = 3


def judge_answer(truth: np.ndarray, a: int, b: int, rng: np.random.Generator) -> str:
    """One simulated judge's answer on (a, b)."""
    p = expit(truth[a] - truth[b])
    if rng.random() < CANT_TELL_RATE * 4 * p * (1 - p):
        return CANT_TELL
    return A_WINS if rng.random() < p else B_WINS


def simulate_session(
    truth: np.ndarray, rng: np.random.Generator, *, judges: int = N_JUDGES, budget: int = BUDGET
):
    """Run one adaptive session; return the final fit and the judgements made."""
    n = len(truth)
    asked: list[set[tuple[int, int]]] = [set() for _ in range(judges)]
    judgements: list[tuple[int, int, str]] = []
    fit = fit_strengths(n, judgements)
    for turn in range(budget):
        judge = turn % judges
        pair = next_pair(fit, (p for p in combinations(range(n), 2) if p not in asked[judge]))
        if pair is None:
            break
        asked[judge].add(pair)
        judgements.append((*pair, judge_answer(truth, *pair, rng)))
        fit = fit_strengths(n, judgements)
    return fit, judgements


@dataclass(frozen=True)
class Figures:
    runs: int
    recovery_rate: float
    mean_judgements: float
    coverage_50: float
    coverage_90: float


def top_recovered(truth: np.ndarray, estimate: np.ndarray, top: int = TOP) -> bool:
    """Whether the `top` strongest estimates are the `top` truly strongest (as a set)."""
    return set(np.argsort(-estimate)[:top]) == set(np.argsort(-truth)[:top])


def interval_coverage(truth: np.ndarray, fit, level: float) -> float:
    """Share of items whose true strength lies in the central `level` interval."""
    half_width = norm.ppf(0.5 + level / 2) * fit.standard_errors
    return float(np.mean(np.abs(fit.strengths - truth) <= half_width))


def run_figures(runs: int = 100, seed: int = 0) -> Figures:
    """Recovery rate and mean judgements (spread truth) and coverage (prior-drawn truth)."""
    spread = np.linspace(RECOVERY_SPAN / 2, -RECOVERY_SPAN / 2, N_FINALISTS)
    recovered, counts, cover_50, cover_90 = 0, [], [], []
    for run in range(runs):
        rng = np.random.default_rng([seed, run])
        truth = rng.permutation(spread)
        fit, judgements = simulate_session(truth, rng)
        recovered += top_recovered(truth, fit.strengths)
        counts.append(len(judgements))
        drawn = rng.normal(0.0, PRIOR_SD, N_FINALISTS)
        fit, _ = simulate_session(drawn, rng)
        cover_50.append(interval_coverage(drawn, fit, 0.5))
        cover_90.append(interval_coverage(drawn, fit, 0.9))
    return Figures(
        runs=runs,
        recovery_rate=recovered / runs,
        mean_judgements=float(np.mean(counts)),
        coverage_50=float(np.mean(cover_50)),
        coverage_90=float(np.mean(cover_90)),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    figures = run_figures(args.runs, args.seed)
    print(
        f"{N_FINALISTS} finalists, {N_JUDGES} judges, at most {BUDGET} judgements, "
        f"{figures.runs} runs"
    )
    print(f"top {TOP} recovered (as a set): {figures.recovery_rate:.0%}")
    print(f"mean judgements per session: {figures.mean_judgements:.1f}")
    print(f"coverage of 50% intervals: {figures.coverage_50:.1%}")
    print(f"coverage of 90% intervals: {figures.coverage_90:.1%}")


if __name__ == "__main__":
    main()
