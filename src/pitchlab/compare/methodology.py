"""The methodology sheet: what was compared and how, as item/value rows in every export."""

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from pitchlab.compare.agreement import RELIABLE_ALPHA, TENTATIVE_ALPHA
from pitchlab.compare.calibration import METHOD_DESCRIPTION
from pitchlab.compare.codes import ScoreCodes, value_rows
from pitchlab.compare.scores import PACK_KEYS
from pitchlab.scoremath.disagreement import OUTLIER_SDS, WIDE_SPREAD_LEVELS

NONE_TEXT = "none"

TOTAL_DESCRIPTION = (
    "Pack total = weighted mean of the evaluators' mean score per criterion, using criterion "
    "weights; N/A answers and all-N/A criteria are left out of both the sum and the weights. "
    "Overall total = pack-weighted mean of the pack totals."
)
AGREEMENT_DESCRIPTION = (
    "Krippendorff's alpha per criterion, ordinal level of measurement (evaluators x companies, "
    f"N/A as missing). alpha >= {RELIABLE_ALPHA}: reliable; >= {TENTATIVE_ALPHA}: tentative; "
    "lower: the criterion's level descriptors need work."
)
DISAGREEMENT_DESCRIPTION = (
    f"A company's criterion is flagged when its scores differ by {WIDE_SPREAD_LEVELS} levels or "
    f"more, or when one score lies more than {OUTLIER_SDS:g} SDs from the other evaluators' mean "
    "(their SD floored at one level; needs three or more scores)."
)


@dataclass(frozen=True)
class ConflictExclusion:
    """An evaluator kept out of one company's scores because of a conflict of interest."""

    evaluator_id: int
    evaluator_name: str
    company_name: str


def methodology_rows(
    scores: pd.DataFrame,
    *,
    codes: ScoreCodes,
    weights: pd.DataFrame,
    exclusions: list[ConflictExclusion],
    resamples: int,
    seed: int,
    interval: tuple[float, float],
    generated_at: datetime,
) -> pd.DataFrame:
    """Return the methodology as rows of text. Columns: item, value."""
    packs = weights.drop_duplicates(PACK_KEYS)
    # Each evaluator's name as first given, by id: their first rows, ordered by id.
    first = codes.evaluator_rows
    first = first[np.argsort(scores["evaluator_id"].to_numpy()[first], kind="stable")]
    evaluator_names = scores["evaluator_name"].array.take(first)
    pack_rows = value_rows(packs, ["pack_key", "pack_version", "pack_weight"])
    criterion_rows = value_rows(weights, ["pack_key", "pack_version", "criterion_title", "weight"])
    rows = [
        ("Generated at", generated_at.isoformat(timespec="seconds")),
        ("Packs", ", ".join(f"{key} v{version}" for key, version, _ in pack_rows) or NONE_TEXT),
        *((f"Pack weight: {key} v{version}", f"{weight:g}") for key, version, weight in pack_rows),
        *(
            (f"Criterion weight: {key} v{version} / {title}", f"{weight:g}")
            for key, version, title, weight in criterion_rows
        ),
        ("Weighted total", TOTAL_DESCRIPTION),
        ("Evaluators included", ", ".join(map(str, evaluator_names)) or NONE_TEXT),
        ("Evaluators excluded for conflicts", _exclusion_text(exclusions)),
        ("Calibration method", METHOD_DESCRIPTION),
        ("Inter-rater agreement", AGREEMENT_DESCRIPTION),
        ("Rank intervals", _interval_text(resamples, seed, interval)),
        ("Disagreement flags", DISAGREEMENT_DESCRIPTION),
    ]
    return pd.DataFrame(rows, columns=["item", "value"])


def _exclusion_text(exclusions: list[ConflictExclusion]) -> str:
    described = [f"{item.evaluator_name} (for {item.company_name})" for item in exclusions]
    return "; ".join(described) or NONE_TEXT


def _interval_text(resamples: int, seed: int, interval: tuple[float, float]) -> str:
    return (
        f"Bootstrap over evaluators: {resamples} resamples (seed {seed}); each company's "
        "evaluators are redrawn with replacement and the mean of their weighted totals ranked. "
        f"Interval = {interval[0]:g}th to {interval[1]:g}th percentile of the ranks. Tie group: "
        "companies in point-rank order whose interval overlaps that of the group's first member."
    )
