"""Worksheet numbers as comparison columns and the fund-level problem-space funnel (issue 16).

Three worksheets yield one number a company can be compared on: whether its problem space is
defined, the share of its advantage that survives the next model, and its AI gross margin.
"""

from dataclasses import dataclass, replace

import pandas as pd
from sqlmodel import Session, col, select

from ..models import Worksheet
from . import ai_cogs, problem_space, stress_test
from .fields import stored_values
from .registry import KINDS

# column -> (worksheet kind, headline key)
HEADLINE_COLUMNS = {
    "problem_space_defined": (problem_space.KIND, "problem_space_defined"),
    "surviving_share": (stress_test.KIND, "surviving_share"),
    "gross_margin": (ai_cogs.KIND, "gross_margin"),
}


def headline_frame(session: Session, company_ids: list[int]) -> pd.DataFrame:
    """company_id and the three headline columns (missing worksheets are NA), one query."""
    kinds = {kind for kind, _key in HEADLINE_COLUMNS.values()}
    rows = session.exec(
        select(Worksheet.company_id, Worksheet.kind, Worksheet.data).where(
            col(Worksheet.company_id).in_(company_ids), col(Worksheet.kind).in_(kinds)
        )
    ).all()
    found: dict[int, dict] = {company_id: {} for company_id in company_ids}
    for company_id, kind, data in rows:
        values = stored_values(KINDS[kind].FIELDS, data)
        if values is None:
            continue
        headline = KINDS[kind].compute(values).headline
        for column, (column_kind, key) in HEADLINE_COLUMNS.items():
            if column_kind == kind:
                found[company_id][column] = headline[key]
    frame = pd.DataFrame(
        [{"company_id": company_id, **values} for company_id, values in found.items()],
        columns=["company_id", *HEADLINE_COLUMNS],
    )
    frame["problem_space_defined"] = frame["problem_space_defined"].astype("boolean")
    for column in ("surviving_share", "gross_margin"):
        frame[column] = pd.to_numeric(frame[column].astype(object), errors="coerce")
    return frame


def with_worksheet_columns(comparison, frame: pd.DataFrame):
    """The comparison with the headline columns added to its summary (exports carry them)."""
    summary = comparison.summary.merge(frame, on="company_id", how="left")
    return replace(comparison, summary=summary)


@dataclass(frozen=True)
class Funnel:
    companies: int
    with_card: int
    defined: int

    @property
    def defined_share(self) -> float | None:
        return round(100 * self.defined / self.companies, 1) if self.companies else None


def funnel(frame: pd.DataFrame) -> Funnel:
    """How many companies of `frame` have a card, and how many a defined problem space."""
    cards = frame["problem_space_defined"]
    return Funnel(
        companies=len(frame),
        with_card=int(cards.notna().sum()),
        defined=int(cards.fillna(False).sum()),
    )


@dataclass(frozen=True)
class CompareWorksheets:
    rows: list[dict]  # company_id, company_name and the headline columns (picked, filled in)
    funnel: Funnel


def compare_worksheets(session: Session, candidates: pd.DataFrame) -> CompareWorksheets:
    """The compare page's worksheet table (picked companies) and funnel (all candidates)."""
    frame = headline_frame(session, [int(i) for i in candidates["company_id"]])
    # Only companies with a worksheet number: a portfolio of thousands lists the few it has.
    filled = frame[frame[list(HEADLINE_COLUMNS)].notna().any(axis=1)]
    rows = []
    if len(filled):  # most portfolios have few: the frames below cost milliseconds when empty
        table = candidates[["company_id", "company_name", "picked"]].merge(filled, on="company_id")
        picked = table[table["picked"]].drop(columns="picked")
        rows = picked.astype(object).where(picked.notna(), None).to_dict(orient="records")
    return CompareWorksheets(rows=rows, funnel=funnel(frame))
