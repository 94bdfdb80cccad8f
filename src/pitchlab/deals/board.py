"""The pipeline board: companies in columns by status, cards with owner, next step, the
panel's weighted total and progress (issue 13)."""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..companies.data import update_company
from ..models import Company, PipelineStatus, User
from .assignments import progress_by_company
from .money import totals_by_currency
from .panel_totals import panel_totals

CARDS_PER_COLUMN = 40


@dataclass
class Column:
    status: str
    total: int
    cards: list[dict]
    raising: dict[str, int]  # amount raising of the shown cards, per currency


def _ranked_companies(session: Session, *, owner_id: int | None):
    """Every active company with its rank inside its status column (newest change first)."""
    rank = (
        func.row_number()
        .over(
            partition_by=Company.status,
            order_by=(col(Company.updated_at).desc(), col(Company.id).desc()),
        )
        .label("rank")
    )
    conditions = [col(Company.archived_at).is_(None)]
    if owner_id is not None:
        conditions.append(Company.owner_id == owner_id)
    return select(Company.id.label("id"), rank).where(*conditions).subquery()


def board(session: Session, user: User, *, mine: bool = False) -> list[Column]:
    """The columns, each with its first CARDS_PER_COLUMN cards: a fixed number of statements."""
    ranked = _ranked_companies(session, owner_id=user.id if mine else None)
    rows = session.exec(
        select(Company, User.display_name)
        .join(ranked, ranked.c.id == Company.id)
        .outerjoin(User, col(User.id) == Company.owner_id)
        .where(ranked.c.rank <= CARDS_PER_COLUMN)
        .order_by(ranked.c.rank)
    ).all()
    counts_statement = select(Company.status, func.count()).where(
        col(Company.archived_at).is_(None)
    )
    if mine:
        counts_statement = counts_statement.where(Company.owner_id == user.id)
    counts = dict(session.exec(counts_statement.group_by(Company.status)).all())
    ids = [company.id for company, _ in rows]
    totals = panel_totals(session, user, ids)
    progress = progress_by_company(session, ids)
    columns = {
        status.value: Column(status.value, counts.get(status.value, 0), [], {})
        for status in PipelineStatus
    }
    for company, owner_name in rows:
        column = columns.get(company.status)
        if column is None:
            continue
        column.cards.append(
            {
                "company": company,
                "owner": owner_name,
                "total": totals.get(company.id, {}).get("total"),
                "progress": progress.get(company.id),
            }
        )
    for column in columns.values():
        column.raising = totals_by_currency(
            (card["company"].amount_raising, card["company"].currency) for card in column.cards
        )
    return list(columns.values())


class MoveRefused(ValueError):
    """The move names no status."""


def move(session: Session, company: Company, status: str) -> str:
    """Put a company in another pipeline column; returns the old status."""
    if status not in {s.value for s in PipelineStatus}:
        raise MoveRefused(status)
    old = company.status
    update_company(session, company, changes={"status": status})
    return old
