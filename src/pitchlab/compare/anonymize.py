"""Stable pseudonyms for evaluators, for exports shared outside the investment committee."""

from collections.abc import Iterable
from string import ascii_uppercase

import pandas as pd

PSEUDONYM_PREFIX = "Evaluator"


def pseudonym_letters(position: int) -> str:
    """Spreadsheet-style letters for a 0-based position: A..Z, then AA, AB, ..."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, len(ascii_uppercase))
        letters = ascii_uppercase[remainder] + letters
    return letters


def evaluator_pseudonyms(evaluator_ids: Iterable[int]) -> dict[int, str]:
    """Map evaluator ids to "Evaluator A", "Evaluator B", ... in ascending id order.

    The same set of ids always gets the same names, whatever order they arrive in.
    """
    ordered = sorted({int(evaluator_id) for evaluator_id in evaluator_ids})
    return {
        evaluator_id: f"{PSEUDONYM_PREFIX} {pseudonym_letters(position)}"
        for position, evaluator_id in enumerate(ordered)
    }


def anonymized_scores(scores: pd.DataFrame, pseudonyms: dict[int, str]) -> pd.DataFrame:
    """Return the scores with evaluator names replaced by their pseudonyms."""
    renamed = scores.copy(deep=False)
    renamed["evaluator_name"] = renamed["evaluator_id"].map(pseudonyms).astype("str")
    return renamed
