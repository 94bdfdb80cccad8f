"""One page of a list that can grow, with the counts a pager needs."""

from dataclasses import dataclass
from math import ceil
from typing import Generic, TypeVar

from sqlalchemy import func
from sqlmodel import Session, select

T = TypeVar("T")
MAX_PAGE_SIZE = 200


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def paginate(session: Session, statement, *, page: int, page_size: int) -> Page:
    """Run `statement` for one page, plus one COUNT: two queries whatever the table's size."""
    page = max(1, page)
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    total = session.exec(
        select(func.count()).select_from(statement.order_by(None).subquery())
    ).one()
    offset = (page - 1) * page_size
    # A page past the end is empty without asking: an offset from ?page=10**19 overflows
    # SQLite's 64-bit integers (a 500 found by schemathesis, issue 7).
    items = list(session.exec(statement.offset(offset).limit(page_size))) if offset < total else []
    return Page(items=items, total=total, page=page, page_size=page_size)
