"""The panel's weighted total and my own for a page of companies, by the comparison's rules.

Built on compare's loader (submitted scorecards only, blind review and conflicts applied for
the viewer) and its company_totals, so a card or a list column shows the number the compare
page shows for the same company.
"""

from sqlmodel import Session

from ..compare.loading import load_portfolio
from ..compare.selection import Selection
from ..compare.totals import company_totals
from ..models import User


def panel_totals(session: Session, user: User, company_ids: list[int]) -> dict[int, dict]:
    """{company id: {"total": panel total or None, "mine": my total or None}}."""
    if not company_ids:
        return {}
    portfolio = load_portfolio(session, Selection(company_ids=tuple(company_ids)), user=user)
    scores = portfolio.scores
    found: dict[int, dict] = {}
    if scores.empty:
        return found
    for row in company_totals(scores).itertuples():
        found[int(row.company_id)] = {"total": _number(row.total), "mine": None}
    mine = scores[scores["evaluator_id"] == user.id]
    if not mine.empty:
        for row in company_totals(mine).itertuples():
            found.setdefault(int(row.company_id), {"total": None})["mine"] = _number(row.total)
    return found


def _number(value) -> float | None:
    return None if value != value else round(float(value), 2)  # NaN: every answer was N/A
