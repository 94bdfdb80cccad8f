"""Ranking companies by total, and how sure that ranking is.

Rank intervals come from a bootstrap over evaluators: each resample redraws every company's
evaluators with replacement (same panel size), takes the mean of their weighted totals and ranks
all companies. The interval is the chosen percentiles of a company's ranks (lower bound rounded
down, upper bound rounded up, so it never looks narrower than the resamples show).

Tie groups: companies are walked in point-rank order; the first starts a group and each next
company joins it while its rank interval overlaps the interval of the group's first member,
otherwise it starts a new group. Members of a group with more than one company are
"statistically tied": the panel cannot tell them apart.
"""

import numpy as np
import pandas as pd

from pitchlab.compare.codes import first_appearance, taken

DEFAULT_RESAMPLES = 1000
DEFAULT_INTERVAL = (2.5, 97.5)
# Resamples drawn at once; bounds memory at about chunk x companies x panel size floats (20:
# about 4 MiB on the 2,000-company benchmark, where 100 took 20 and 250 peaked near 60; no
# slower, issue 17). The draws are the same whatever the chunk, so the intervals are too.
RESAMPLES_PER_CHUNK = 20
# Smaller portfolios draw more resamples a chunk, up to about this many seats: each chunk
# costs a dozen numpy calls, which were half the bootstrap's time for 20 companies (50
# chunks); past ~30,000 seats a chunk gets slower again (issue 17, fixed cost).
SEATS_PER_CHUNK = 30_000
RANK_DTYPE = "int16"
# Totals equal to this many decimals count as tied (weighted means carry float noise).
TIE_DECIMALS = 9

INTERVAL_COLUMNS = [
    "company_id",
    "company_name",
    "total",
    "n_evaluators",
    "rank",
    "rank_low",
    "rank_high",
    "tie_group",
    "statistically_tied",
]


def rank_companies(totals: pd.DataFrame) -> pd.DataFrame:
    """Return the totals with a `rank` column (1 = best; equal totals share the better rank).

    Companies without a total get no rank and go last; rows come back in rank order.
    """
    rank, order = _point_ranks(totals["total"].to_numpy(dtype="float64", na_value=np.nan))
    ranked = totals.take(order).reset_index(drop=True)
    ranked["rank"] = rank[order]
    return ranked


def _point_ranks(totals: np.ndarray) -> tuple[pd.api.extensions.ExtensionArray, np.ndarray]:
    """Each total's rank, 1 + the number of strictly higher totals (to TIE_DECIMALS), <NA>
    without a total; and the positions in rank order, stable, those without a rank last.

    In numpy, not Series.rank and sort_values: pandas' steps were most of a ranking's time
    on the compare page, called twice a comparison (issue 17, fixed cost)."""
    values = np.round(totals, TIE_DECIMALS)
    missing = np.isnan(values)
    ascending = np.sort(values[~missing])
    higher = len(ascending) - np.searchsorted(ascending, values, side="right")
    rank = np.where(missing, len(values) + 1, higher + 1)
    order = np.argsort(rank, kind="stable")
    return pd.arrays.IntegerArray(rank, missing), order


def rank_intervals(
    evaluator_totals: pd.DataFrame,
    *,
    point_totals: pd.Series | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    interval: tuple[float, float] = DEFAULT_INTERVAL,
) -> pd.DataFrame:
    """Return point rank, bootstrap rank interval and tie group per company, in rank order.

    evaluator_totals has company_id, company_name, total (one row per evaluator); point_totals
    (company_id -> total) sets the point rank, by default the mean of the evaluators' totals.
    Columns: INTERVAL_COLUMNS.
    """
    totals = evaluator_totals["total"].to_numpy(dtype="float64", na_value=np.nan)
    given = np.flatnonzero(~np.isnan(totals))
    if not len(given):
        return pd.DataFrame(columns=INTERVAL_COLUMNS)
    # Companies in order of first appearance, as drop_duplicates keeps them.
    row, first = first_appearance(evaluator_totals["company_id"].to_numpy()[given])
    panel, sizes = _panel_matrix(row, totals[given], len(first))
    ranks = _bootstrap_ranks(panel, sizes, resamples=resamples, seed=seed)
    company_ids = evaluator_totals["company_id"].to_numpy()[given[first]]
    if point_totals is None:
        point = np.nansum(panel, axis=1) / sizes
    else:
        at = point_totals.index.get_indexer(company_ids)
        point = taken(point_totals.to_numpy(dtype="float64", na_value=np.nan), at, np.nan)
    rank, order = _point_ranks(point)
    low, high = (bound[order] for bound in _rank_bounds(ranks, interval))
    groups = tie_groups(low, high)
    return pd.DataFrame(
        {
            "company_id": company_ids[order],
            "company_name": evaluator_totals["company_name"].array.take(given[first][order]),
            "total": point[order],
            "n_evaluators": sizes[order],
            "rank": rank[order],
            "rank_low": low,
            "rank_high": high,
            "tie_group": groups,
            "statistically_tied": np.bincount(groups)[groups] > 1,
        }
    )


def _rank_bounds(ranks: np.ndarray, interval: tuple[float, float]) -> tuple:
    """np.percentile(ranks, interval, axis=1) with method "lower" for the low bound and
    "higher" for the high one, found by sorting each company's ranks in place: percentile would
    copy them, 8 MiB on the 2,000-company benchmark, at the comparison's peak (issue 17).

    A stable sort of int16 is a radix sort: 0.6 ms for 200 companies x 1000 resamples, where
    partition along the resamples took 2.2 and the default sort 0.25 with AVX-512 but 5.5
    without."""
    positions = (ranks.shape[1] - 1) * (np.asarray(interval, dtype="float64") / 100)
    low, high = int(np.floor(positions[0])), int(np.ceil(positions[1]))
    ranks.sort(axis=1, kind="stable")
    return ranks[:, low].astype("int32"), ranks[:, high].astype("int32")


def tie_groups(rank_low: np.ndarray, rank_high: np.ndarray) -> np.ndarray:
    """Number tie groups 1, 2, ... for intervals already sorted by point rank (see module doc)."""
    groups = np.empty(len(rank_low), dtype="int64")
    group, leader_low, leader_high = 0, None, None
    for position, (low, high) in enumerate(zip(rank_low, rank_high, strict=False)):
        if leader_low is None or low > leader_high or high < leader_low:
            group, leader_low, leader_high = group + 1, low, high
        groups[position] = group
    return groups


def _panel_matrix(
    row: np.ndarray, totals: np.ndarray, n_companies: int
) -> tuple[np.ndarray, np.ndarray]:
    """Evaluator totals (each in its company's `row`) as a companies x panel-seat matrix
    padded with NaN, and panel sizes."""
    sizes = np.bincount(row, minlength=n_companies)
    # Seat = how many of the company's evaluators came before this one.
    order = np.argsort(row, kind="stable")
    seat = np.empty(len(row), dtype="int64")
    seat[order] = np.arange(len(row)) - (np.cumsum(sizes) - sizes)[row[order]]
    panel = np.full((n_companies, max(sizes.max(initial=0), 1)), np.nan)
    panel[row, seat] = totals
    return panel, sizes


def _bootstrap_ranks(
    panel: np.ndarray, sizes: np.ndarray, *, resamples: int, seed: int
) -> np.ndarray:
    """Ranks of every company in every resample, shape (companies, resamples): each company's
    ranks side by side, for _rank_bounds to sort."""
    rng = np.random.default_rng(seed)
    n_companies, n_seats = panel.shape
    # A rank is at most the number of companies: int16 holds it up to 32,767 companies, half
    # of int32's memory (8 -> 4 MiB on the benchmark, at a comparison's peak; issue 17).
    dtype = RANK_DTYPE if n_companies <= np.iinfo(RANK_DTYPE).max else "int32"
    ranks = np.empty((n_companies, resamples), dtype=dtype)
    # Seats are drawn as positions in the flattened panel: one take() is several times faster
    # than fancy indexing in two dimensions. Seats beyond a company's panel count zero.
    totals = np.nan_to_num(panel).ravel()
    # Per company and seat, as whole matrices: broadcast along the seats too, each operation
    # ran in loops of a few seats, three times slower.
    seat_sizes = np.repeat(sizes.astype("float64"), n_seats).reshape(n_companies, n_seats)
    first_seat = np.repeat(np.arange(n_companies) * n_seats, n_seats).reshape(n_companies, n_seats)
    in_panel = (np.arange(n_seats)[None, :] < sizes[:, None]).astype("float64")
    ones = np.ones(n_seats)
    per_chunk = max(RESAMPLES_PER_CHUNK, SEATS_PER_CHUNK // (n_companies * n_seats))
    for start in range(0, resamples, per_chunk):
        chunk = min(per_chunk, resamples - start)
        # In place on the draws: each temporary of a chunk is megabytes (issue 17).
        draws = rng.random((chunk, n_companies, n_seats))
        draws *= seat_sizes
        seats = draws.astype(np.intp)
        seats += first_seat
        picked = totals.take(seats)
        picked *= in_panel
        # A matrix product sums the few seats far faster than sum(axis=2) does.
        ranks[:, start : start + chunk] = _competition_ranks((picked @ ones) / sizes, dtype).T
    return ranks


def _competition_ranks(totals: np.ndarray, dtype: str = "int64") -> np.ndarray:
    """Per row: 1 + number of strictly higher totals, so equal totals share the better rank.

    Each total and its column are packed into one int64 (tie key high, column low), so one
    plain sort orders a row, highest total first: argsort and the gathers around it were three
    times slower (issue 17)."""
    n_rows, n = totals.shape
    bits = max(n - 1, 1).bit_length()
    keys = _tie_keys(totals, 63 - bits)
    keys <<= bits
    keys |= np.arange(n)
    keys.sort(axis=1)
    column = keys & ((1 << bits) - 1)
    keys >>= bits
    # Each position in the sorted row takes the position where its run of equal totals starts.
    starts = np.ones(keys.shape, dtype=bool)
    np.not_equal(keys[:, 1:], keys[:, :-1], out=starts[:, 1:])
    run_start = np.multiply(starts, np.arange(1, n + 1, dtype=dtype), dtype=dtype)
    np.maximum.accumulate(run_start, axis=1, out=run_start)
    column += (np.arange(n_rows) * n)[:, None]
    ranks = np.empty(totals.shape, dtype=dtype)
    ranks.ravel()[column] = run_start
    return ranks


# While |total| * 10**TIE_DECIMALS stays below this, rint(total * 10**TIE_DECIMALS) is exact
# and tells rounded totals apart, as np.round computes them: that rint over 10**TIE_DECIMALS.
EXACT_KEY_LIMIT = 2.0**20 * 10.0**TIE_DECIMALS


def _tie_keys(totals: np.ndarray, bits: int) -> np.ndarray:
    """Per row, an int64 of fewer than `bits` bits per total, 0 for the highest of the chunk:
    equal exactly when the totals are equal to TIE_DECIMALS, and lower for higher totals."""
    scaled = totals * 10.0**TIE_DECIMALS
    np.rint(scaled, out=scaled)
    highest, lowest = scaled.max(), scaled.min()
    if max(highest, -lowest) < EXACT_KEY_LIMIT and highest - lowest < 2.0**bits:
        return np.subtract(highest, scaled, out=scaled).astype("int64")
    # Huge totals (no rubric scale comes near): number the distinct rounded totals instead.
    _, code = np.unique(-np.round(totals, TIE_DECIMALS), return_inverse=True)
    return code.reshape(totals.shape).astype("int64")
