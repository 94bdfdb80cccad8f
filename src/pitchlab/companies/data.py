"""Reading and writing companies: plain functions over a session."""

from collections import namedtuple
from dataclasses import replace

from sqlalchemy import case, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ..models import Company, Stage, utcnow
from ..pagination import Page, paginate
from .names import name_key
from .schemas import CompanyIn

STAGE_ORDER = {stage.value: index for index, stage in enumerate(Stage)}
SORTS = {
    "name": (col(Company.name_key),),
    "stage": (
        case(STAGE_ORDER, value=col(Company.stage), else_=len(STAGE_ORDER)),
        col(Company.name_key),
    ),
    "status": (col(Company.status), col(Company.name_key)),
    "founded": (col(Company.founded_year), col(Company.name_key)),
    "updated": (col(Company.updated_at), col(Company.id)),
    # Deal terms (issue 13): unset values sort last (first when descending).
    "round": (col(Company.deal_round) == "", col(Company.deal_round), col(Company.name_key)),
    "due": (
        col(Company.next_step_due).is_(None),
        col(Company.next_step_due),
        col(Company.name_key),
    ),
}


class DuplicateCompanyName(ValueError):
    """Another company already has this name (compared case-insensitively)."""


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# What a row of the company list shows: its rows come as plain rows of these columns. A
# Company object each, with every column, cost three times as much (0.85 ms of a 100-row page;
# issue 17); the API, which sends every column, still reads Company objects.
LIST_COLUMNS = (
    Company.id,
    Company.name,
    Company.one_liner,
    Company.sector,
    Company.stage,
    Company.status,
    Company.model_strategy,
    Company.tags,
    Company.owner_id,
    Company.deal_round,
    Company.amount_raising,
    Company.currency,
    Company.next_step,
    Company.next_step_due,
)


def company_query(
    *,
    columns: tuple = (),
    search: str = "",
    stage: str | None = None,
    status: str | None = None,
    archived: bool = False,
    sort: str = "name",
    descending: bool = False,
):
    """The SELECT behind the company list, with its filters and order: of Company objects, or
    of `columns` when given."""
    statement = select(*columns) if columns else select(Company)
    statement = statement.where(
        col(Company.archived_at).is_not(None) if archived else col(Company.archived_at).is_(None)
    )
    if search.strip():
        pattern = _like(search.strip())
        statement = statement.where(
            or_(
                *(
                    col(column).ilike(pattern, escape="\\")
                    for column in (Company.name, Company.one_liner, Company.sector, Company.tags)
                )
            )
        )
    if stage:
        statement = statement.where(Company.stage == stage)
    if status:
        statement = statement.where(Company.status == status)
    order = SORTS.get(sort, SORTS["name"])
    statement = statement.order_by(*(term.desc() if descending else term for term in order))
    return statement.order_by(col(Company.id))


def list_companies(
    session: Session, *, page: int = 1, page_size: int = 25, **filters
) -> Page[Company]:
    """One page of companies matching the filters (see company_query)."""
    return paginate(session, company_query(**filters), page=page, page_size=page_size)


# A list row as a named tuple: a template reads its attributes six times faster than a
# SQLAlchemy Row's (15 per row, 0.4 -> 0.07 ms a page).
ListRow = namedtuple("ListRow", [column.key for column in LIST_COLUMNS])


def list_rows(session: Session, *, page: int = 1, page_size: int = 25, **filters) -> Page:
    """One page of the company list: ListRows of LIST_COLUMNS, not Company objects."""
    statement = company_query(columns=LIST_COLUMNS, **filters)
    found = paginate(session, statement, page=page, page_size=page_size)
    return replace(found, items=[ListRow._make(row) for row in found.items])


def find_by_name(session: Session, name: str) -> Company | None:
    return session.exec(select(Company).where(Company.name_key == name_key(name))).first()


def _save(session: Session, company: Company) -> Company:
    session.add(company)
    try:
        session.commit()
    except IntegrityError as error:
        # Two people creating the same name at once: the unique index decides.
        session.rollback()
        raise DuplicateCompanyName(company.name) from error
    session.refresh(company)
    return company


def create_company(session: Session, *, data: CompanyIn) -> Company:
    """Add a company; refuses a name that is already taken."""
    if find_by_name(session, data.name) is not None:
        raise DuplicateCompanyName(data.name)
    columns = data.to_columns()
    return _save(session, Company(**columns, name_key=name_key(data.name)))


def update_company(session: Session, company: Company, *, changes: dict) -> Company:
    """Apply validated column values to a company; refuses a taken name."""
    if "name" in changes:
        other = find_by_name(session, changes["name"])
        if other is not None and other.id != company.id:
            raise DuplicateCompanyName(changes["name"])
        company.name_key = name_key(changes["name"])
    for key, value in changes.items():
        setattr(company, key, value)
    company.updated_at = utcnow()
    return _save(session, company)


def set_archived(session: Session, company: Company, *, archived: bool) -> Company:
    """Archive (hide from the pipeline) or restore a company; nothing is deleted."""
    company.archived_at = utcnow() if archived else None
    company.updated_at = utcnow()
    session.add(company)
    session.commit()
    session.refresh(company)
    return company
