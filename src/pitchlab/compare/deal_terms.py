"""Deal terms beside the comparison (issue 13): round, money, lead, owner and next step.

The terms come with the candidates' own query (queries.candidates), so neither the page nor
the exports spend a statement on them. Money stays exact: exports carry each amount as a
decimal string in major units next to its currency, and the page formats it in that currency;
nothing is ever added up across companies, so currencies cannot mix.
"""

from dataclasses import dataclass, replace

import pandas as pd

from ..companies.labels import choice_label
from ..deals.money import format_money, major_text
from .codes import plain_records

NO_ROUND = "—"
MONEY_FIELDS = ("amount_raising", "pre_money", "check_size")
# Company columns read with the candidates, in the order the exports show them.
DEAL_FIELDS = (
    "deal_round",
    *MONEY_FIELDS,
    "currency",
    "lead_investor",
    "owner_id",
    "next_step",
    "next_step_due",
)
# The summary's deal columns (owner_id becomes the owner's name).
DEAL_COLUMNS = [*(f for f in DEAL_FIELDS if f != "owner_id"), "deal_owner"]
DEAL_COLUMNS.insert(DEAL_COLUMNS.index("next_step"), DEAL_COLUMNS.pop())


def with_owner_names(candidates: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    """The candidates with deal_owner (a display name, or None) in place of owner_id."""
    owners = [None if pd.isna(owner) else names.get(int(owner)) for owner in candidates["owner_id"]]
    return candidates.drop(columns="owner_id").assign(deal_owner=owners)


def _has_terms(record: dict) -> bool:
    return any(record[f] not in (None, "") for f in DEAL_COLUMNS if f != "currency")


def _records(candidates: pd.DataFrame) -> list[dict]:
    return plain_records(candidates, ["company_id", *DEAL_COLUMNS])


def export_frame(candidates: pd.DataFrame, *, anonymize: bool) -> pd.DataFrame:
    """company_id and the deal columns as files carry them: money as exact decimal text in
    major units ("2500000.00"), dates as ISO text, blanks as missing. Anonymized files name
    no deal owner, since the owner is often one of the evaluators the pseudonyms hide."""
    rows = []
    for record in _records(candidates):
        currency = record["currency"] or ""
        for name in MONEY_FIELDS:
            amount = record[name]
            record[name] = None if amount is None else major_text(int(amount), currency)
        due = record["next_step_due"]
        record["next_step_due"] = None if due is None else due.isoformat()
        for name in ("deal_round", "lead_investor", "deal_owner", "next_step"):
            record[name] = record[name] or None
        if anonymize:
            record["deal_owner"] = None
        rows.append(record)
    return pd.DataFrame(rows, columns=["company_id", *DEAL_COLUMNS], dtype=object)


def with_deal_columns(comparison, candidates: pd.DataFrame, *, anonymize: bool):
    """The comparison with the deal columns added to its summary (every export carries it)."""
    frame = export_frame(candidates, anonymize=anonymize)
    summary = comparison.summary.merge(frame, on="company_id", how="left")
    return replace(comparison, summary=summary)


@dataclass(frozen=True)
class DealRow:
    company_id: int
    name: str
    deal_round: str | None
    round_label: str  # the round's label in the current language, "—" when none
    amounts: dict[str, str]  # MONEY_FIELDS -> text in the deal's currency, "—" when unknown
    currency: str
    lead_investor: str
    deal_owner: str
    next_step: str
    next_step_due: str  # ISO date, "" when none


def deal_rows(rows, candidates: pd.DataFrame, *, anonymize: bool) -> list[DealRow]:
    """The deal terms of the companies the matrix shows (its rows, its order), formatted in
    each deal's own currency; empty when none of them has any terms."""
    by_id = {record["company_id"]: record for record in _records(candidates)}
    found = [(row, by_id.get(row.company_id)) for row in rows]
    if not any(record and _has_terms(record) for _row, record in found):
        return []
    result = []
    for row, record in found:
        record = record or dict.fromkeys(DEAL_COLUMNS)
        currency = record["currency"] or ""
        due = record["next_step_due"]
        result.append(
            DealRow(
                company_id=row.company_id,
                name=row.name,
                deal_round=record["deal_round"] or None,
                round_label=(
                    choice_label("deal_round", record["deal_round"])
                    if record["deal_round"]
                    else NO_ROUND
                ),
                amounts={
                    name: format_money(
                        None if record[name] is None else int(record[name]), currency
                    )
                    for name in MONEY_FIELDS
                },
                currency=currency,
                lead_investor=record["lead_investor"] or "",
                deal_owner="" if anonymize else record["deal_owner"] or "",
                next_step=record["next_step"] or "",
                next_step_due="" if due is None else due.isoformat(),
            )
        )
    return result
