"""The company one-pager: the company page's essentials on one A4 sheet (issue 14).

Its figures are the dossier's, as in the memo; every free text is cut to a length that keeps
the sheet to one page whatever was typed (tests/reports check a company with long texts).
"""

from sqlmodel import Session

from ..dossier import company_dossier
from ..models import Company, User
from . import rows
from .render import document_html, generated_stamp

# Characters kept of each free text; the notes get a box of their own.
TEXT_LIMIT = 160
NOTES_LIMIT = 900
DISAGREEMENTS_SHOWN = 5


def one_pager_html(session: Session, user: User, company: Company, *, for_pdf: bool) -> str:
    dossier = company_dossier(session, user, company.id)
    return document_html(
        "reports/one_pager.html",
        {
            "d": dossier,
            "notes": company.notes[:NOTES_LIMIT]
            + ("…" if len(company.notes) > NOTES_LIMIT else ""),
            "facts": rows.company_facts(dossier) + rows.term_facts(dossier),
            "scores": rows.score_facts(dossier),
            "valuations": rows.valuation_table(dossier),
            "disagreements": dossier.disagreements[:DISAGREEMENTS_SHOWN],
            "limit": TEXT_LIMIT,
            "generated_at": generated_stamp(),
        },
        for_pdf=for_pdf,
    )
