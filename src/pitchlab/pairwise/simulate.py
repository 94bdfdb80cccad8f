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
error). Both use the ranking's fit (Crowd-BT, pairwise.reliability); the pairs are chosen with
the plain fit, as on the site. Adversary: the same recovery setting with one of the three
judges answering the wrong way round, the Crowd-BT fit against the plain one.
"""

import argparse
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from scipy.special import expit
from scipy.stats import norm

from .bradley_terry import A_WINS, B_WINS, CANT_TELL, PRIOR_SD, Fit, fit_strengths, next_pair
from .reliability import crowd_fit

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


@dataclass(frozen=True)
class Simulated:
    """One simulated session: the ranking's fit (Crowd-BT, as on the page), the plain fit
    that chose the pairs, the judgements and who made each, and the judges' reliability."""

    fit: Fit
    plain_fit: Fit
    judgements: list[tuple[int, int, str]]
    judges: list[int]
    reliability: dict[int, float]


def simulate_session(
    truth: np.ndarray,
    rng: np.random.Generator,
    *,
    judges: int = N_JUDGES,
    budget: int = BUDGET,
    adversaries: int = 0,
) -> Simulated:
    """Run one adaptive session; the last `adversaries` judges answer the wrong way round."""
    n = len(truth)
    asked: list[set[tuple[int, int]]] = [set() for _ in range(judges)]
    judgements: list[tuple[int, int, str]] = []
    judge_of: list[int] = []
    fit = fit_strengths(n, judgements)
    for turn in range(budget):
        judge = turn % judges
        pair = next_pair(fit, (p for p in combinations(range(n), 2) if p not in asked[judge]))
        if pair is None:
            break
        asked[judge].add(pair)
        answer = judge_answer(truth, *pair, rng)
        if judge >= judges - adversaries:
            answer = {A_WINS: B_WINS, B_WINS: A_WINS}.get(answer, answer)
        judgements.append((*pair, answer))
        judge_of.append(judge)
        fit = fit_strengths(n, judgements)
    ranking_fit, reliability = crowd_fit(n, judgements, judge_of)
    return Simulated(ranking_fit, fit, judgements, judge_of, reliability)


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


def _spread() -> np.ndarray:
    return np.linspace(RECOVERY_SPAN / 2, -RECOVERY_SPAN / 2, N_FINALISTS)


def run_figures(runs: int = 100, seed: int = 0) -> Figures:
    """Recovery rate and mean judgements (spread truth) and coverage (prior-drawn truth)."""
    recovered, counts, cover_50, cover_90 = 0, [], [], []
    for run in range(runs):
        rng = np.random.default_rng([seed, run])
        truth = rng.permutation(_spread())
        found = simulate_session(truth, rng)
        recovered += top_recovered(truth, found.fit.strengths)
        counts.append(len(found.judgements))
        drawn = rng.normal(0.0, PRIOR_SD, N_FINALISTS)
        fit = simulate_session(drawn, rng).fit
        cover_50.append(interval_coverage(drawn, fit, 0.5))
        cover_90.append(interval_coverage(drawn, fit, 0.9))
    return Figures(
        runs=runs,
        recovery_rate=recovered / runs,
        mean_judgements=float(np.mean(counts)),
        coverage_50=float(np.mean(cover_50)),
        coverage_90=float(np.mean(cover_90)),
    )


@dataclass(frozen=True)
class AdversaryFigures:
    runs: int
    recovery_crowd: float  # top three found by the ranking's Crowd-BT fit
    recovery_plain: float  # ... by the plain Bradley-Terry fit of the same judgements
    adversary_below_half: float  # share of runs where the adversary's reliability < 1/2
    honest_reliability: float  # mean reliability of the honest judges


def adversary_figures(runs: int = 100, seed: int = 0) -> AdversaryFigures:
    """The same setting with one of the three judges answering the wrong way round."""
    crowd = plain = below = 0
    honest: list[float] = []
    for run in range(runs):
        rng = np.random.default_rng([seed, run, 1])
        truth = rng.permutation(_spread())
        found = simulate_session(truth, rng, adversaries=1)
        crowd += top_recovered(truth, found.fit.strengths)
        plain += top_recovered(truth, found.plain_fit.strengths)
        below += found.reliability[N_JUDGES - 1] < 0.5
        honest += [found.reliability[judge] for judge in range(N_JUDGES - 1)]
    return AdversaryFigures(runs, crowd / runs, plain / runs, below / runs, float(np.mean(honest)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    figures = run_figures(args.runs, args.seed)
    adversary = adversary_figures(args.runs, args.seed)
    print(
        f"{N_FINALISTS} finalists, {N_JUDGES} judges, at most {BUDGET} judgements, "
        f"{figures.runs} runs"
    )
    print(f"top {TOP} recovered (as a set): {figures.recovery_rate:.0%}")
    print(f"mean judgements per session: {figures.mean_judgements:.1f}")
    print(f"coverage of 50% intervals: {figures.coverage_50:.1%}")
    print(f"coverage of 90% intervals: {figures.coverage_90:.1%}")

    print("with one of the three judges answering the wrong way round:")
    print(f"  top {TOP} recovered, Crowd-BT fit: {adversary.recovery_crowd:.0%}")
    print(f"  top {TOP} recovered, plain fit: {adversary.recovery_plain:.0%}")
    print(f"  adversary's reliability below 1/2: {adversary.adversary_below_half:.0%} of runs")
    print(f"  honest judges' mean reliability: {adversary.honest_reliability:.2f}")


if __name__ == "__main__":
    main()
