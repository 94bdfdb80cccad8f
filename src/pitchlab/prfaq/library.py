"""PR/FAQ templates in the database: install a validated file, list the versions, read back.

A template version is keyed by (key, version) and never changes once installed: drafts point
at it, and changing its sections would change every draft written from it.
"""

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..models import PrfaqDraft, PrfaqTemplate
from .document import TemplateDocument
from .templates import TemplateError, parse_template


class TemplateVersionTaken(ValueError):
    """Another template with the same key and version, but different content, is installed."""

    def __init__(self, template: TemplateDocument, *, source: str):
        self.error = TemplateError(
            source,
            "version",
            f"{template.key} version {template.version} is already installed with different "
            f"content; raise version to {template.version + 1} to add it",
        )
        super().__init__(str(self.error))


def template_body(template: TemplateDocument) -> dict:
    return template.model_dump(mode="json", exclude_none=True)


def find_template(session: Session, key: str, version: int | None = None) -> PrfaqTemplate | None:
    """A template version, or the newest version of `key` when no version is given."""
    statement = select(PrfaqTemplate).where(PrfaqTemplate.key == key)
    if version is not None:
        statement = statement.where(PrfaqTemplate.version == version)
    return session.exec(statement.order_by(col(PrfaqTemplate.version).desc())).first()


def install_template(
    session: Session, template: TemplateDocument, *, source: str = ""
) -> tuple[PrfaqTemplate, bool]:
    """Add a template version; (row, False) when the very same version is already there."""
    body = template_body(template)
    existing = find_template(session, template.key, template.version)
    if existing is not None:
        if existing.body != body:
            raise TemplateVersionTaken(template, source=source or template.key)
        return existing, False
    row = PrfaqTemplate(key=template.key, version=template.version, body=body)
    session.add(row)
    session.commit()
    session.refresh(row)
    return row, True


def latest_templates(session: Session) -> list[PrfaqTemplate]:
    """The newest version of every template, by key."""
    newest = (
        select(PrfaqTemplate.key, func.max(PrfaqTemplate.version).label("version"))
        .group_by(PrfaqTemplate.key)
        .subquery()
    )
    statement = (
        select(PrfaqTemplate)
        .join(
            newest,
            (col(PrfaqTemplate.key) == newest.c.key)
            & (col(PrfaqTemplate.version) == newest.c.version),
        )
        .order_by(col(PrfaqTemplate.key))
    )
    return list(session.exec(statement))


def template_versions(session: Session, key: str) -> list[int]:
    statement = select(PrfaqTemplate.version).where(PrfaqTemplate.key == key)
    return sorted(session.exec(statement))


def template_document(row: PrfaqTemplate) -> TemplateDocument:
    """The stored template as the domain functions read it (it was validated on install)."""
    return parse_template(row.body, source=f"{row.key} v{row.version}")


def draft_template(session: Session, draft: PrfaqDraft) -> TemplateDocument:
    """The template version a draft was started from."""
    return template_document(session.get(PrfaqTemplate, draft.template_id))
