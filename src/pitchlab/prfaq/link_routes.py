"""PR/FAQ fragments on other areas' pages: a company's drafts, and the drafts beside a scorecard.

Both are loaded by htmx from a one-line include, so the company and scorecard routes need not
know about PR/FAQs.
"""

from fastapi import APIRouter, Depends, Request

from ..auth.deps import UserDep, require_user
from ..db import SessionDep
from ..models import Company
from ..scoring.access import conflict_for
from ..web.templating import render
from .deps import ReadableCompanyDep, may_write
from .scorecard_links import scorecard_aside
from .store import visible_drafts

router = APIRouter(
    prefix="/prfaqs/company",
    include_in_schema=False,
    dependencies=[Depends(require_user)],
)
COMPANY_DRAFTS_SHOWN = 10


@router.get("/{company_id}")
def company_drafts(request: Request, session: SessionDep, company_id: int, user: UserDep):
    """The company page's PR/FAQ section: its drafts (or the archived ones), a way to start one."""
    company = session.get(Company, company_id)
    conflicted = (
        company is not None
        and conflict_for(session, user_id=user.id, company_id=company_id) is not None
    )
    archived = request.query_params.get("archived") == "1"
    drafts = None
    if company is not None and not conflicted:
        drafts = visible_drafts(
            session,
            user,
            company_id=company_id,
            archived=archived,
            page=1,
            page_size=COMPANY_DRAFTS_SHOWN,
        )
    context = {
        "company": company,
        "drafts": drafts,
        "conflicted": conflicted,
        "archived": archived,
        "may_start": may_write(user) and not conflicted,
    }
    return render(request, "prfaq/_company_drafts_list.html", context)


@router.get("/{company_id}/scorecard-aside")
def scorecard_aside_fragment(
    request: Request, session: SessionDep, company: ReadableCompanyDep, pack: str = ""
):
    """Out-of-band fragments for a scorecard: each criterion's sections, or a citation list."""
    aside = scorecard_aside(session, company_id=company.id, pack_key=pack)
    return render(request, "prfaq/_scorecard_fragments.html", {"aside": aside, "company": company})
