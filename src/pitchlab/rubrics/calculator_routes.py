"""The technical-debt maturity map for one company (Sculley et al., 2015; issue 15)."""

from fastapi import APIRouter, HTTPException, Request
from sqlmodel import Session, select

from ..companies.deps import CompanyDep
from ..db import SessionDep
from ..models import Company, TechDebtEstimate, utcnow
from ..scoring.deps import UnconflictedEvaluatorDep, UnconflictedUserDep
from ..web.forms import FormDep
from ..web.i18n import gettext as _
from ..web.templating import render
from .packfile import Calculator
from .store import get_pack_version
from .techdebt import ABSENT, STATES, assess_system, company_band

router = APIRouter(
    prefix="/companies/{company_id}/tech-debt",
    include_in_schema=False,
)
CALCULATOR_PACK = "technical-debt"
MAX_EFFORT = 100_000
OWNER_MAX = 80


def _calculator(session: Session) -> tuple[Calculator, object]:
    entry = get_pack_version(session, CALCULATOR_PACK)
    if entry is None or not entry.version.calculator:
        raise HTTPException(404, _("The technical-debt pack with its calculator is not installed."))
    return Calculator.model_validate(entry.version.calculator), entry


def _estimate(session: Session, company: Company, user_id: int) -> TechDebtEstimate | None:
    return session.exec(
        select(TechDebtEstimate).where(
            TechDebtEstimate.company_id == company.id, TechDebtEstimate.user_id == user_id
        )
    ).first()


def _parse_map(form, calculator: Calculator):
    """Efforts, and each component's state and owner; errors by component key."""
    efforts, maturity, errors, raw = {}, {}, {}, {}
    for component in calculator.components:
        key = component.key
        text = str(form.get(key, "")).strip().replace(",", ".")
        state = str(form.get(f"state-{key}", "")).strip() or ABSENT
        owner = str(form.get(f"owner-{key}", "")).strip()
        raw[key] = {"effort": text, "state": state, "owner": owner}
        if state not in STATES:
            errors[key] = _("Choose a state from the list.")
        elif len(owner) > OWNER_MAX:
            errors[key] = _("An owner has at most %(max)s characters.") % {"max": OWNER_MAX}
        elif not component.is_model:
            maturity[key] = {"state": state, "owner": owner}
        elif owner:
            maturity[key] = {"state": ABSENT, "owner": owner}
        if not text:
            continue
        try:
            value = float(text)
        except ValueError:
            errors[key] = _("Enter a number, such as 3 or 2.5.")
            continue
        if not 0 <= value <= MAX_EFFORT:
            errors[key] = _("Enter a number from 0 to %(max)s.") % {"max": MAX_EFFORT}
        else:
            efforts[key] = value
    return efforts, maturity, errors, raw


def _page(request, company, calculator, entry, *, raw, errors, found, status_code=200):
    efforts, maturity = found
    band = company_band(calculator, model_strategy=company.model_strategy, stage=company.stage)
    assessment = (
        None if errors else assess_system(efforts, maturity, calculator=calculator, band=band)
    )
    context = {
        "company": company,
        "calculator": calculator,
        "entry": entry,
        "raw": raw,
        "errors": errors,
        "assessment": assessment,
        "states": STATES,
        "titles": {c.key: c.title for c in calculator.components},
        "criterion": next((c for c in entry.criteria if c.key == "model-effort-share"), None),
    }
    return render(
        request,
        "rubrics/calculator.html",
        context,
        partial="rubrics/_calculator_result.html",
        status_code=status_code,
    )


@router.get("")
def calculator_page(
    request: Request, session: SessionDep, company: CompanyDep, user: UnconflictedUserDep
):
    """Your maturity map of the system around the company's model, and what it reads as."""
    calculator, entry = _calculator(session)
    saved = _estimate(session, company, user.id)
    efforts = {k: float(v) for k, v in (saved.efforts if saved else {}).items()}
    maturity = dict(saved.maturity) if saved else {}
    raw = {
        key: {"effort": f"{efforts[key]:g}" if key in efforts else "", **maturity.get(key, {})}
        for key in {*efforts, *maturity}
    }
    found = (efforts, maturity)
    return _page(request, company, calculator, entry, raw=raw, errors={}, found=found)


@router.post("")
def calculator_save(
    form: FormDep,
    request: Request,
    session: SessionDep,
    company: CompanyDep,
    user: UnconflictedEvaluatorDep,
):
    """Save the map and show what it reads as; a bad field is marked and nothing is saved."""
    calculator, entry = _calculator(session)
    efforts, maturity, errors, raw = _parse_map(form, calculator)
    if errors:
        return _page(
            request,
            company,
            calculator,
            entry,
            raw=raw,
            errors=errors,
            found=({}, {}),
            status_code=422,
        )
    saved = _estimate(session, company, user.id) or TechDebtEstimate(
        company_id=company.id, user_id=user.id
    )
    saved.efforts, saved.maturity = efforts, maturity
    saved.updated_at = utcnow()
    session.add(saved)
    session.commit()
    found = (efforts, maturity)
    return _page(request, company, calculator, entry, raw=raw, errors={}, found=found)
