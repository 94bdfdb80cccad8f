"""The demo deal workflow from seeds/deals/ (issue 13), idempotently: terms fill only deals
without an owner, assignments are unique per company, person and pack, comments per text."""

from datetime import timedelta
from pathlib import Path

import yaml
from sqlmodel import Session, select

from ..auth.users import find_user
from ..companies.data import find_by_name
from ..companies.schemas import CompanyIn
from ..models import Activity, ActivityKind, RubricPack, utcnow
from .assignments import assign
from .comments import add_comment

TERM_FIELDS = tuple(
    name
    for name in ("deal_round", "currency", "amount_raising", "pre_money", "check_size")
    + ("lead_investor", "source", "referrer", "next_step")
)


def _documents(folder: Path) -> list[dict]:
    return [
        yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yaml"))
    ]


def seed_deal_terms(session: Session, folder: Path, report) -> None:
    today = utcnow().date()
    for document in _documents(folder):
        for raw in document.get("terms", []):
            company = find_by_name(session, raw["company"])
            owner = find_user(session, raw["owner"]) if raw.get("owner") else None
            if company is None or company.owner_id is not None:
                continue
            values = {name: raw.get(name) or "" for name in TERM_FIELDS}
            checked = CompanyIn.model_validate({"name": company.name, **values}).to_columns()
            for name in TERM_FIELDS:
                setattr(company, name, checked[name])
            company.owner_id = owner.id if owner else None
            if "next_step_due_in_days" in raw:
                company.next_step_due = today + timedelta(days=raw["next_step_due_in_days"])
            if "first_contact_days_ago" in raw:
                company.first_contact = today - timedelta(days=raw["first_contact_days_ago"])
            session.add(company)
            report.count("deal terms")
    session.commit()


def seed_deal_activity(session: Session, folder: Path, report) -> None:
    today = utcnow().date()
    for document in _documents(folder):
        for raw in document.get("assignments", []):
            company = find_by_name(session, raw["company"])
            pack = session.exec(select(RubricPack).where(RubricPack.key == raw["pack"])).first()
            outcome = assign(
                session,
                company_ids=[company.id],
                user_ids=[find_user(session, raw["assignee"]).id],
                pack_id=pack.id,
                due_date=today + timedelta(days=raw["due_in_days"]),
                assigned_by=find_user(session, raw["by"]),
            )
            if outcome.created:
                report.count("assignments", len(outcome.created))
        for raw in document.get("comments", []):
            company = find_by_name(session, raw["company"])
            exists = session.exec(
                select(Activity.id).where(
                    Activity.company_id == company.id,
                    Activity.kind == ActivityKind.COMMENT,
                    Activity.body == raw["body"].strip(),
                )
            ).first()
            if exists is None:
                author = find_user(session, raw["author"])
                add_comment(session, company=company, author=author, raw=raw["body"])
                report.count("comments")
