"""Load-or-404 for the company in the URL, written once."""

from typing import Annotated

from fastapi import Depends, HTTPException

from ..db import RowId, SessionDep
from ..models import Company
from ..web.i18n import gettext as _


def get_company(company_id: RowId, session: SessionDep) -> Company:
    """The company named by the path, or a 404."""
    company = session.get(Company, company_id)
    if company is None:
        raise HTTPException(status_code=404, detail=_("No company with this id."))
    return company


CompanyDep = Annotated[Company, Depends(get_company)]
