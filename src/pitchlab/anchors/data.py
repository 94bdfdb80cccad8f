"""Valuation anchors: validate, save, list, delete, seed; and the anchor a company's card uses."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from sqlmodel import Session, col, select

from ..models import MINOR_UNITS, Company, Region, Stage, ValuationAnchor, utcnow
from ..rubrics.valuation import Anchor, Money
from ..web.i18n import gettext as _

CURRENCY = re.compile(r"^[A-Z]{3}$")
SOURCE_MAX = 500
# 10^13 currency units: far above any early-stage deal, far below BigInteger's limit.
AMOUNT_MAX = Decimal(10) ** 13
REGIONS = tuple(region.value for region in Region)
STAGES = tuple(stage.value for stage in Stage)


@dataclass(frozen=True)
class AnchorInput:
    region: str
    stage: str
    currency: str
    amount: Decimal
    as_of: date
    source: str


def _amount(raw: str) -> Decimal | None:
    try:
        amount = Decimal(raw.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def parse_anchor(form) -> tuple[AnchorInput | None, dict[str, str]]:
    """Validate the anchor form; every problem is reported beside its field."""
    values = {k: str(form.get(k, "")).strip() for k in ("region", "stage", "currency", "amount")}
    values.update(as_of=str(form.get("as_of", "")).strip(), source=str(form.get("source", "")))
    errors = {}
    if values["region"] not in REGIONS:
        errors["region"] = _("Choose a region.")
    if values["stage"] not in STAGES:
        errors["stage"] = _("Choose a stage.")
    currency = values["currency"].upper()
    if not CURRENCY.match(currency):
        errors["currency"] = _("Three capital letters, such as USD, EUR or CNY.")
    amount = _amount(values["amount"])
    if amount is None or not 0 < amount < AMOUNT_MAX or amount != amount.quantize(Decimal("0.01")):
        errors["amount"] = _("Enter an amount above 0, with at most two decimals.")
    try:
        as_of = date.fromisoformat(values["as_of"])
    except ValueError:
        errors["as_of"] = _("Enter a date as YYYY-MM-DD.")
    source = values["source"].strip()
    if not source or len(source) > SOURCE_MAX:
        errors["source"] = _("Say where the figure comes from (at most %(max)s characters).") % {
            "max": SOURCE_MAX
        }
    if errors:
        return None, errors
    return AnchorInput(values["region"], values["stage"], currency, amount, as_of, source), {}


def save_anchor(session: Session, anchor: AnchorInput, *, user_id: int | None) -> ValuationAnchor:
    """Add the anchor, or replace the one kept for the same region, stage and currency."""
    row = session.exec(
        select(ValuationAnchor).where(
            ValuationAnchor.region == anchor.region,
            ValuationAnchor.stage == anchor.stage,
            ValuationAnchor.currency == anchor.currency,
        )
    ).first() or ValuationAnchor(
        region=anchor.region,
        stage=anchor.stage,
        currency=anchor.currency,
        amount_minor=0,
        as_of=anchor.as_of,
        source="",
    )
    row.amount_minor = int(anchor.amount * MINOR_UNITS)
    row.as_of, row.source = anchor.as_of, anchor.source
    row.updated_by_id, row.updated_at = user_id, utcnow()
    session.add(row)
    session.commit()
    return row


def list_anchors(session: Session) -> list[ValuationAnchor]:
    statement = select(ValuationAnchor).order_by(
        col(ValuationAnchor.region), col(ValuationAnchor.stage), col(ValuationAnchor.currency)
    )
    return list(session.exec(statement))


def as_anchor(row: ValuationAnchor) -> Anchor:
    """The stored row as the valuation functions take it (money exact, from minor units)."""
    return Anchor(
        value=Money(Decimal(row.amount_minor) / MINOR_UNITS, row.currency),
        region=row.region,
        stage=row.stage,
        as_of=row.as_of,
        source=row.source,
    )


def seed_valuation_demo(session: Session, folder: Path, report) -> None:
    """Demo anchors (skipped when kept already) and the demo companies' region and revenue
    (set only while the company has no region yet, so a user's edit is never undone)."""
    for path in sorted(folder.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        kept = {(a.region, a.stage, a.currency) for a in list_anchors(session)}
        for raw in document.get("anchors", []):
            anchor, errors = parse_anchor(
                {**raw, "as_of": str(raw["as_of"]), "amount": str(raw["amount"])}
            )
            if errors:
                raise ValueError(f"{path.name}: anchor {raw}: {errors}")
            if (anchor.region, anchor.stage, anchor.currency) not in kept:
                save_anchor(session, anchor, user_id=None)
                report.count("valuation anchors")
        names = {raw["name"]: raw for raw in document.get("companies", [])}
        for company in session.exec(select(Company).where(col(Company.name).in_(list(names)))):
            if not company.region:
                company.region = names[company.name]["region"]
                company.has_revenue = bool(names[company.name]["has_revenue"])
                session.add(company)
        session.commit()
