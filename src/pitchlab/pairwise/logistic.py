"""The logistic function and its logarithm in numpy, numerically stable for any input.

scipy.special has both, but importing scipy costs the app about 75 MiB at start-up (issue 17);
the pairwise pages only need these two identities on every request, and scipy.stats (the normal
distribution, Kendall's tau) is imported where it is used, when a pairwise page asks for it.
"""

import numpy as np


def expit(x):
    """1 / (1 + e^-x), written with tanh so that neither tail overflows."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=float)))


def log_expit(x):
    """log(1 / (1 + e^-x)) = -log(1 + e^-x), through logaddexp so large |x| stay exact."""
    return -np.logaddexp(0.0, -np.asarray(x, dtype=float))
