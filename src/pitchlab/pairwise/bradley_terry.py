"""Bradley-Terry strengths of finalists from head-to-head judgements, how sure they are, and
which pair to ask about next (issue 14). Pure: no database, no HTTP.

Model: P(A preferred to B) = 1 / (1 + exp(-(sA - sB))). The fit is the maximum a-posteriori
estimate under independent normal priors sX ~ N(0, PRIOR_SD^2): the penalised log-likelihood
of choix's `opt_pairwise` (penalty alpha * sum(s^2), alpha = 1 / (2 PRIOR_SD^2)), written with
numpy arrays and weights and minimised by Newton's method with a backtracking line search (the
objective is strictly convex, so this finds its one minimum). choix loops over judgements in
Python (about 25 ms a fit here, scipy's trust-region solver about 5 ms); the adaptive design
refits after every judgement, so the simulation took minutes. The tests check this fit against
choix's on the same data.

The prior fixes the origin (the model only knows differences) and keeps a company that won
every judgement at a finite strength. "Can't tell" counts as half a win each way (weight 1/2
on A over B and on B over A), which pulls the two strengths together as a tie should.

Uncertainty is a Laplace approximation: the posterior is taken as normal around the estimate
with the inverse Hessian of the penalised negative log-likelihood as covariance. A strength's
standard error is the root of its variance; rank intervals are the percentiles of the ranks of
RANK_DRAWS draws from that normal (fixed seed), rounded outwards as on the compare page, with
the compare page's tie groups.

Next pair: among the pairs the judge may still be asked, the one whose answer is expected to
teach the most about who the strongest FOCUS_TOP finalists are. A judgement of (A, B) adds
log(1 + p(1 - p) v) to the log-determinant of the posterior precision, where p is the
estimated chance that A wins and v the posterior variance of sA - sB: close pairs whose
difference is still uncertain, the most uncertain outcomes. That gain is weighted by
uA + uB, where uX = q(1 - q) and q is X's approximate chance of being among the strongest
FOCUS_TOP (a normal tail beyond the midpoint between the FOCUS_TOP-th and next estimate), so
pairs that decide who is in the top come first; a finalist surely in or surely out weighs
little. Without the weight, 45 judgements found the true top three in a third of simulated
sessions only (pitchlab.pairwise.simulate).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..compare.ranking import DEFAULT_INTERVAL, tie_groups
from .logistic import expit, log_expit

# On the log-odds scale: a difference of 3 is a 95/5 preference.
PRIOR_SD = 3.0
RANK_DRAWS = 2000
MAX_NEWTON_STEPS = 100
TOLERANCE = 1e-9  # largest gradient entry at the optimum
# The few finalists a fund might invest in: pairs that decide who they are are asked first.
FOCUS_TOP = 3
# Outcomes of one judgement, as stored.
A_WINS, B_WINS, CANT_TELL = "a", "b", "tie"
OUTCOMES = (A_WINS, B_WINS, CANT_TELL)


@dataclass(frozen=True)
class Fit:
    """Strengths (log-odds scale, prior mean 0) and their approximate posterior covariance."""

    strengths: np.ndarray
    covariance: np.ndarray

    @property
    def standard_errors(self) -> np.ndarray:
        return np.sqrt(np.diag(self.covariance))


def weighted_wins(
    judgements: Sequence[tuple[int, int, str]], weights: Sequence[float] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Winners, losers and weights: "can't tell" as half a win each way."""
    winners, losers, amounts = [], [], []
    weights = [1.0] * len(judgements) if weights is None else weights
    for (a, b, outcome), weight in zip(judgements, weights, strict=True):
        if outcome == CANT_TELL:
            winners += [a, b]
            losers += [b, a]
            amounts += [weight / 2, weight / 2]
        else:
            winners.append(a if outcome == A_WINS else b)
            losers.append(b if outcome == A_WINS else a)
            amounts.append(weight)
    return np.array(winners, dtype=int), np.array(losers, dtype=int), np.array(amounts, float)


def fit_strengths(
    n_items: int,
    judgements: Sequence[tuple[int, int, str]],
    *,
    weights: Sequence[float] | None = None,
) -> Fit:
    """Fit strengths of items 0..n_items-1 from (a, b, outcome) judgements (see module doc);
    `weights` (one per judgement, 1 by default) scale each judgement's log-likelihood."""
    winners, losers, amounts = weighted_wins(judgements, weights)
    precision = 1.0 / PRIOR_SD**2

    def objective(s):
        return 0.5 * precision * s @ s - amounts @ log_expit(s[winners] - s[losers])

    def gradient(s):
        push = amounts * expit(s[losers] - s[winners])
        return (
            precision * s
            - np.bincount(winners, push, minlength=n_items)
            + np.bincount(losers, push, minlength=n_items)
        )

    # Hessian entries as one bincount over flattened (row, column) positions.
    cells = np.concatenate(
        [winners * n_items + winners, losers * n_items + losers, winners * n_items + losers]
    )
    cells = np.concatenate([cells, losers * n_items + winners])

    def hessian(s):
        p = expit(s[winners] - s[losers])
        curvature = amounts * p * (1 - p)
        added = np.bincount(
            cells, np.concatenate([curvature, curvature, -curvature, -curvature]), n_items**2
        )
        return precision * np.eye(n_items) + added.reshape(n_items, n_items)

    strengths = np.zeros(n_items)
    for _ in range(MAX_NEWTON_STEPS):
        slope = gradient(strengths)
        if np.abs(slope).max() < TOLERANCE:
            break
        step = np.linalg.solve(hessian(strengths), slope)
        # Halve the step until the objective falls (Armijo): Newton's step alone may
        # overshoot when a company has won or lost everything so far.
        size, current = 1.0, objective(strengths)
        while (
            objective(strengths - size * step) > current - 1e-4 * size * (slope @ step)
            and size > 1e-6
        ):
            size /= 2
        strengths = strengths - size * step
    return Fit(strengths=strengths, covariance=np.linalg.inv(hessian(strengths)))


def rank_intervals(
    fit: Fit, *, interval: tuple[float, float] = DEFAULT_INTERVAL, seed: int = 0
) -> dict[str, np.ndarray]:
    """Point rank (1 = strongest), rank interval and tie group of every item, by item index."""
    rng = np.random.default_rng(seed)
    draws = rng.multivariate_normal(fit.strengths, fit.covariance, size=RANK_DRAWS)
    ranks = (-draws).argsort(axis=1).argsort(axis=1) + 1
    point = (-fit.strengths).argsort().argsort() + 1
    low = np.percentile(ranks, interval[0], axis=0, method="lower").astype(int)
    high = np.percentile(ranks, interval[1], axis=0, method="higher").astype(int)
    order = np.argsort(point)
    groups = np.empty(len(point), dtype="int64")
    groups[order] = tie_groups(low[order], high[order])
    return {"rank": point, "rank_low": low, "rank_high": high, "tie_group": groups}


def pair_information(fit: Fit, a, b) -> np.ndarray:
    """Expected information of one more judgement of (a, b), items or arrays of items: see
    the module docstring."""
    p = expit(fit.strengths[a] - fit.strengths[b])
    cov = fit.covariance
    variance = cov[a, a] + cov[b, b] - 2 * cov[a, b]
    return np.log1p(p * (1 - p) * variance)


def top_chances(fit: Fit, top: int = FOCUS_TOP) -> np.ndarray:
    """Each item's approximate chance of being among the `top` strongest (see module doc)."""
    ordered = np.sort(fit.strengths)[::-1]
    if len(ordered) <= top:
        return np.ones(len(ordered))
    threshold = (ordered[top - 1] + ordered[top]) / 2
    from scipy.stats import norm  # imported on use: see pairwise.logistic

    return norm.cdf((fit.strengths - threshold) / fit.standard_errors)


def next_pair(fit: Fit, candidates: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    """The candidate pair worth asking most (see module doc); ties go to the first listed."""
    pairs = list(candidates)
    if not pairs:
        return None
    chances = top_chances(fit)
    # Where no boundary exists (FOCUS_TOP finalists or fewer), every finalist weighs the same.
    weight = chances * (1 - chances) if len(chances) > FOCUS_TOP else np.full(len(chances), 0.5)
    a, b = np.array(pairs).T
    gains = pair_information(fit, a, b) * (weight[a] + weight[b])
    return pairs[int(np.argmax(gains))]
