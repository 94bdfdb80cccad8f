"""Loading and saving worksheets and new-model marks (the database side of the package)."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from ..models import Company, ModelRelease, User, Worksheet, WorksheetRevision, utcnow
from .fields import Parsed, validate
from .registry import KINDS
from .stress_test import KIND as STRESS_KIND


class StaleWorksheet(Exception):
    """Someone saved the worksheet after the revision the editor started from."""

    def __init__(self, current: int):
        super().__init__(current)
        self.current = current


def company_worksheets(session: Session, company_id: int) -> dict[str, Worksheet]:
    """The company's saved worksheets by kind (one query)."""
    rows = session.exec(select(Worksheet).where(Worksheet.company_id == company_id)).all()
    return {row.kind: row for row in rows}


def get_worksheet(session: Session, company_id: int, kind: str) -> Worksheet | None:
    return session.exec(
        select(Worksheet).where(Worksheet.company_id == company_id, Worksheet.kind == kind)
    ).first()


def parsed_data(kind: str, data: dict) -> Parsed:
    """A stored worksheet read back through the same validation as a form."""
    return validate(KINDS[kind].FIELDS, data)


def save_worksheet(
    session: Session,
    *,
    company_id: int,
    kind: str,
    parsed: Parsed,
    user: User,
    base_revision: int | None = None,
) -> Worksheet:
    """Store a valid worksheet as a new revision (who, when); refuse a stale base revision."""
    worksheet = get_worksheet(session, company_id, kind) or Worksheet(
        company_id=company_id, kind=kind
    )
    if base_revision is not None and base_revision != worksheet.revision:
        raise StaleWorksheet(worksheet.revision)
    worksheet.data = parsed.stored
    worksheet.revision += 1
    worksheet.updated_by_id = user.id
    worksheet.updated_at = utcnow()
    session.add(worksheet)
    session.flush()
    session.add(
        WorksheetRevision(
            worksheet_id=worksheet.id,
            number=worksheet.revision,
            data=worksheet.data,
            author_id=user.id,
            created_at=worksheet.updated_at,
        )
    )
    session.commit()
    session.refresh(worksheet)
    return worksheet


@dataclass(frozen=True)
class RevisionRow:
    number: int
    author: str | None
    created_at: object
    data: dict


def revisions(session: Session, worksheet: Worksheet) -> list[RevisionRow]:
    """Every revision, newest first, with its author's name (one query)."""
    rows = session.exec(
        select(WorksheetRevision, User.display_name)
        .join(User, User.id == WorksheetRevision.author_id, isouter=True)
        .where(WorksheetRevision.worksheet_id == worksheet.id)
        .order_by(WorksheetRevision.number.desc())
    ).all()
    return [RevisionRow(rev.number, name, rev.created_at, rev.data) for rev, name in rows]


def get_revision(session: Session, worksheet: Worksheet, number: int) -> WorksheetRevision | None:
    return session.exec(
        select(WorksheetRevision).where(
            WorksheetRevision.worksheet_id == worksheet.id, WorksheetRevision.number == number
        )
    ).first()


def latest_release(session: Session) -> ModelRelease | None:
    """The most recent new-model mark."""
    return session.exec(select(ModelRelease).order_by(ModelRelease.created_at.desc())).first()


def releases(session: Session) -> list[ModelRelease]:
    return list(session.exec(select(ModelRelease).order_by(ModelRelease.created_at.desc())).all())


def mark_release(session: Session, *, name: str, shipped_on: date, user: User) -> ModelRelease:
    """Record that a model shipped: every stress test saved before now is due for review."""
    release = ModelRelease(name=name, shipped_on=shipped_on, created_by_id=user.id)
    session.add(release)
    session.commit()
    session.refresh(release)
    return release


def needs_review(worksheet: Worksheet | None, release: ModelRelease | None) -> bool:
    """A stress test saved before the latest new-model mark was made must be looked at again.

    The mark's time, not its shipped date, decides (issue 16): a test saved after the ship date
    but before anyone marked the release may not have weighed it, so it is flagged too.
    """
    if worksheet is None or release is None or worksheet.kind != STRESS_KIND:
        return False
    return worksheet.updated_at < release.created_at


def company_views(session: Session, *, company: Company, user: User):
    """The company's five worksheets as the company page lists them, or None for a user who
    may not read them (a declared conflict of interest)."""
    from ..permissions import Action, can
    from ..scoring.access import conflict_for
    from .view import build_view

    conflicted = conflict_for(session, user_id=user.id, company_id=company.id) is not None
    if not can(user, Action.WORKSHEET_READ, conflicted=conflicted):
        return None
    saved = company_worksheets(session, company.id)
    release = latest_release(session)
    return [build_view(kind, saved.get(kind), release=release) for kind in KINDS]
