"""Judge reliability in the manner of Crowd-BT (Chen et al., 2013), for the ranking (issue 14).

Each judge j has a reliability r_j: with probability r_j they answer as the Bradley-Terry
model says, otherwise the other way round. P(j prefers A to B) = r_j s(A - B) + (1 - r_j) s(B - A).
Fitted by expectation-maximisation: given strengths, each decisive judgement gets the chance t
that its judge answered truthfully; the strengths are refitted with the judgement at weight t
as given and 1 - t reversed (bradley_terry.fit_strengths' weights), and a judge's reliability
is the mean of their t under a Beta(RELIABILITY_PRIOR) prior (mean 0.8: a partner is assumed
mostly consistent with the panel until their answers say otherwise). "Can't tell" says nothing
about reliability and is kept as is. A judge who keeps contradicting the panel ends below 1/2:
their answers then count, mostly, reversed, as Crowd-BT does; the page shows every judge's
reliability, so the panel sees who disagrees with it.

Adaptive pair choice uses the plain fit (it runs after every judgement); the ranking uses this.
"""

from collections.abc import Sequence

import numpy as np

from .bradley_terry import A_WINS, B_WINS, CANT_TELL, PRIOR_SD, Fit, fit_strengths
from .logistic import expit

RELIABILITY_PRIOR = (8.0, 2.0)  # Beta(a, b): prior mean 0.8, worth ten judgements
EM_STEPS = 25


def crowd_fit(
    n_items: int, judgements: Sequence[tuple[int, int, str]], judges: Sequence[int]
) -> tuple[Fit, dict[int, float]]:
    """Strengths and each judge's reliability from (a, b, outcome) judgements by `judges`."""
    if not judgements:
        return fit_strengths(n_items, []), {}
    judge_ids = sorted(set(judges))
    judge_index = np.array([judge_ids.index(judge) for judge in judges], dtype=int)
    decisive = np.array([outcome != CANT_TELL for _a, _b, outcome in judgements], dtype=bool)
    flipped = [(a, b, {A_WINS: B_WINS, B_WINS: A_WINS}.get(o, o)) for a, b, o in judgements]
    prior_a, prior_b = RELIABILITY_PRIOR
    reliability = np.full(len(judge_ids), prior_a / (prior_a + prior_b))
    fit = fit_strengths(n_items, judgements)
    for _ in range(EM_STEPS):
        previous = reliability
        truthful = _truthful_chances(fit, judgements, reliability[judge_index])
        truthful = np.where(decisive, truthful, 1.0)
        given = decisive * truthful
        counts = np.bincount(judge_index, decisive, minlength=len(judge_ids))
        reliability = (np.bincount(judge_index, given, minlength=len(judge_ids)) + prior_a) / (
            counts + prior_a + prior_b
        )
        fit = fit_strengths(
            n_items,
            [*judgements, *flipped],
            weights=[*truthful, *(1.0 - truthful)],
        )
        if np.abs(reliability - previous).max() < 1e-4:
            break
    covariance = _mixture_covariance(fit, judgements, reliability[judge_index], decisive)
    fit = Fit(strengths=fit.strengths, covariance=covariance)
    return fit, dict(zip(judge_ids, map(float, reliability), strict=True))


def _mixture_covariance(
    fit: Fit, judgements: Sequence[tuple[int, int, str]], reliability, decisive
) -> np.ndarray:
    """The inverse of the prior precision plus each judgement's Fisher information under the
    mixture: a judge of reliability r tells less than a sure one ((2r - 1)^2 of it, near the
    middle), and the weighted fit's own Hessian would count every judgement in full."""
    n_items = len(fit.strengths)
    precision = np.eye(n_items) / PRIOR_SD**2
    for (a, b, _outcome), r, counts in zip(judgements, reliability, decisive, strict=True):
        p = expit(fit.strengths[a] - fit.strengths[b])
        if counts:
            answer = (1 - r) + (2 * r - 1) * p
            information = ((2 * r - 1) * p * (1 - p)) ** 2 / (answer * (1 - answer))
        else:  # "can't tell": half a win each way, as in the plain fit
            information = p * (1 - p)
        precision[[a, b], [a, b]] += information
        precision[[a, b], [b, a]] -= information
    return np.linalg.inv(precision)


def _truthful_chances(
    fit: Fit, judgements: Sequence[tuple[int, int, str]], reliability: np.ndarray
) -> np.ndarray:
    """For each judgement, the chance its judge answered as the model says (Bayes' rule)."""
    if not judgements:
        return np.zeros(0)
    a, b, outcome = zip(*judgements, strict=True)
    margin = fit.strengths[list(a)] - fit.strengths[list(b)]
    margin = np.where(np.array(outcome) == B_WINS, -margin, margin)
    agree = reliability * expit(margin)
    return agree / (agree + (1 - reliability) * expit(-margin))
