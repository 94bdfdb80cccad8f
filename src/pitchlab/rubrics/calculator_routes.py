"""The technical-debt share calculator for one company (Sculley et al., 2015)."""

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
from .techdebt import assess_plan

router = APIRouter(
    prefix="/companies/{company_id}/tech-debt",
    include_in_schema=False,
)
CALCULATOR_PACK = "technical-debt"
MAX_EFFORT = 100_000


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


def _parse_efforts(
    form, calculator: Calculator
) -> tuple[dict[str, float], dict[str, str], dict[str, str]]:
    efforts, errors, raw = {}, {}, {}
    for component in calculator.components:
        text = str(form.get(component.key, "")).strip().replace(",", ".")
        raw[component.key] = text
        if not text:
            continue
        try:
            value = float(text)
        except ValueError:
            errors[component.key] = _("Enter a number, such as 3 or 2.5.")
            continue
        if not 0 <= value <= MAX_EFFORT:
            errors[component.key] = _("Enter a number from 0 to %(max)s.") % {"max": MAX_EFFORT}
        else:
            efforts[component.key] = value
    return efforts, errors, raw


def _page(request, company, calculator, entry, *, raw, errors, efforts, status_code=200):
    assessment = assess_plan(efforts, calculator=calculator) if not errors else None
    context = {
        "company": company,
        "calculator": calculator,
        "entry": entry,
        "raw": raw,
        "errors": errors,
        "assessment": assessment,
        "titles": {c.key: c.title for c in calculator.components},
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
    """Your estimate of effort per system component, and the model's share of it."""
    calculator, entry = _calculator(session)
    saved = _estimate(session, company, user.id)
    efforts = {k: float(v) for k, v in (saved.efforts if saved else {}).items()}
    raw = {key: f"{value:g}" for key, value in efforts.items()}
    return _page(request, company, calculator, entry, raw=raw, errors={}, efforts=efforts)


@router.post("")
def calculator_save(
    form: FormDep,
    request: Request,
    session: SessionDep,
    company: CompanyDep,
    user: UnconflictedEvaluatorDep,
):
    """Save the estimate and show the shares; a bad number is marked and nothing is saved."""
    calculator, entry = _calculator(session)
    efforts, errors, raw = _parse_efforts(form, calculator)
    if errors:
        return _page(
            request, company, calculator, entry, raw=raw, errors=errors, efforts={}, status_code=422
        )
    saved = _estimate(session, company, user.id) or TechDebtEstimate(
        company_id=company.id, user_id=user.id
    )
    saved.efforts = efforts
    saved.updated_at = utcnow()
    session.add(saved)
    session.commit()
    return _page(request, company, calculator, entry, raw=raw, errors={}, efforts=efforts)
