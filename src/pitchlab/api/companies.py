"""Companies through the JSON API."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from ..auth.deps import allowed
from ..companies import data
from ..companies.deps import CompanyDep
from ..companies.schemas import MONEY_FIELDS, CompanyIn, CompanyOut, CompanyPatch
from ..companies.status import status_refusal
from ..db import SessionDep
from ..deals.activity import note_status_change
from ..deals.money import MoneyError, parse_major, to_major
from ..deals.terms import owner_error
from ..models import PipelineStatus, Stage
from ..pagination import MAX_PAGE_SIZE
from ..permissions import Action

WriterDep = allowed(Action.COMPANY_EDIT)

router = APIRouter(prefix="/companies", tags=["companies"])
DUPLICATE = {"description": "A company with this name already exists"}


class CompanyPage(BaseModel):
    items: list[CompanyOut]
    total: int
    page: int
    page_size: int
    pages: int


@router.get("", response_model=CompanyPage)
def list_companies(
    session: SessionDep,
    q: Annotated[str, Query(max_length=200)] = "",
    stage: Stage | None = None,
    status: PipelineStatus | None = None,
    archived: bool = False,
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 50,
) -> CompanyPage:
    """List companies, searched and filtered like the pipeline page."""
    result = data.list_companies(
        session,
        search=q,
        stage=stage,
        status=status,
        archived=archived,
        page=page,
        page_size=page_size,
    )
    return CompanyPage(
        items=[CompanyOut.of(c) for c in result.items],
        total=result.total,
        page=result.page,
        page_size=result.page_size,
        pages=result.pages,
    )


@router.post("", response_model=CompanyOut, status_code=201, responses={409: DUPLICATE})
def create_company(session: SessionDep, body: CompanyIn, user: WriterDep) -> CompanyOut:
    """Create a company. Amounts are in major units of `currency` (text or a number)."""
    refusal = status_refusal(user, new=body.status.value)
    if refusal:
        raise HTTPException(403, refusal)
    _refuse_bad_owner(session, body.owner_id)
    try:
        return CompanyOut.of(data.create_company(session, data=body))
    except data.DuplicateCompanyName as error:
        raise HTTPException(409, "A company with this name already exists.") from error


@router.get(
    "/{company_id}", response_model=CompanyOut, responses={404: {"description": "No such company"}}
)
def read_company(company: CompanyDep) -> CompanyOut:
    """One company."""
    return CompanyOut.of(company)


@router.patch("/{company_id}", response_model=CompanyOut, responses={409: DUPLICATE})
def update_company(
    session: SessionDep, company: CompanyDep, body: CompanyPatch, user: WriterDep
) -> CompanyOut:
    """Change some fields of a company."""
    changes = {
        key: value for key, value in body.to_columns().items() if key in body.model_fields_set
    }
    changes.update(_money_changes(company, body))
    if "owner_id" in changes:
        _refuse_bad_owner(session, changes["owner_id"])
    old_status = company.status
    refusal = status_refusal(user, new=changes.get("status"), current=company.status)
    if refusal:
        raise HTTPException(403, refusal)
    try:
        updated = data.update_company(session, company, changes=changes)
    except data.DuplicateCompanyName as error:
        raise HTTPException(409, "A company with this name already exists.") from error
    note_status_change(
        session, company_id=company.id, old=old_status, new=updated.status, actor_id=user.id
    )
    return CompanyOut.of(updated)


def _refuse_bad_owner(session, owner_id: int | None) -> None:
    problem = owner_error(session, owner_id)
    if problem:
        raise HTTPException(422, problem["owner_id"])


def _money_changes(company, body: CompanyPatch) -> dict:
    """Amounts in minor units of the currency the company will have after the patch.

    The schema read amounts sent without a currency as dollars; they are read again in the
    company's own currency, and amounts kept across a currency change keep their value."""
    sent = body.model_fields_set
    currency = body.currency if "currency" in sent else company.currency
    changes = {}
    for name in MONEY_FIELDS:
        if name in sent:
            major = getattr(body, name)
        elif "currency" in sent:
            major = to_major(getattr(company, name), company.currency)
        else:
            continue
        try:
            changes[name] = parse_major(major, currency)
        except MoneyError as error:
            raise HTTPException(422, f"{name}: {error} for {currency}") from error
    return changes
