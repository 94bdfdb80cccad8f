"""The matrix's cells are numbered by the statistics they show (compare/matrix_html.py)."""

import numpy as np
import pandas as pd

from pitchlab.compare import matrix_html


def _cells(rows: int, seed: int) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    levels = rng.integers(1, 4, size=(rows, 3)).astype("float64")
    levels[rng.random(rows) < 0.1] = np.nan  # cells without a score given
    cells = pd.DataFrame(
        {
            "mean": levels.mean(axis=1),
            "median": np.median(levels, axis=1),
            "std": levels.std(axis=1, ddof=1),
            "min": levels.min(axis=1),
            "max": levels.max(axis=1),
            "n_evaluators": rng.integers(0, 4, rows),
            "n_na": rng.integers(0, 2, rows),
        }
    )
    heat = rng.integers(-1, matrix_html.HEAT_STEPS + 1, rows)
    return cells, heat, rng.integers(0, 4, rows)


def test_cells_showing_the_same_statistics_share_a_number(monkeypatch):
    cells, heat, kind = _cells(500, seed=2)
    number, texts = matrix_html._statistics_codes(cells, heat, kind)
    shown = [
        tuple(row)
        for row in pd.concat([cells, pd.DataFrame({"h": heat, "k": kind})], axis=1)
        .fillna(-9)
        .itertuples(index=False)
    ]
    assert number[0] == 0 and len(set(number.tolist())) == len(set(shown)) == len(texts[0])
    for at, row in enumerate(shown):
        first = shown.index(row)  # numbered in order of first appearance
        assert number[at] == number[first] == len(set(shown[:first]))
    assert texts[0][number[0]] == ("—" if np.isnan(cells["mean"][0]) else f"{cells['mean'][0]:.2f}")
    # Renumbered on the way when the combined numbers would grow too large: same result.
    monkeypatch.setattr(matrix_html, "COMBINED_LIMIT", 40)
    renumbered, same_texts = matrix_html._statistics_codes(cells, heat, kind)
    np.testing.assert_array_equal(renumbered, number)
    assert same_texts == texts
