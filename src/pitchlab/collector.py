"""How often Python's cycle collector looks at new objects (issue 17).

A page builds tens of thousands of short-lived objects (escaped strings, rows, pandas'
internals), nearly all freed by their reference counts. CPython's default runs a young
collection after every 700 net allocations: dozens a compare page, each walking the objects
still alive, 10-16% of the compare page's and the company list's time. Every 10,000 they
cost a fraction of that; the older generations keep their ratios, so a full collection still
comes, only later. Measured in process on the benchmark portfolio (700 -> 10,000): compare of
200 companies 105 -> 88 ms, company list 4.16 -> 3.62 ms, autosave 2.23 -> 2.04 ms, with
`pitchlab bench`'s peak memory unchanged.
"""

import gc

YOUNG_THRESHOLD = 10_000


def collect_less_often() -> bool:
    """Raise the young generation's threshold to YOUNG_THRESHOLD; False where it already is
    at least that (an operator's own setting is kept)."""
    young, middle, old = gc.get_threshold()
    if young >= YOUNG_THRESHOLD:
        return False
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
    return True
