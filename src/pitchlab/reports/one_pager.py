"""The company one-pager: the company page's essentials on one A4 sheet (issue 14).

Its figures are the dossier's, as in the memo. Free text is cut to a width budget that keeps
the sheet to one page whatever was typed (tests/reports check a company whose every field is
as long as it may be); a Chinese character counts twice, as it is set twice as wide.
"""

from sqlmodel import Session

from ..dossier import company_dossier
from ..models import Company, User
from . import rows
from .render import clip, document_html, generated_stamp

# Width budgets, in Latin-character widths.
FACT_WIDTH = 70
LEAD_WIDTH = 170
NOTES_WIDTH = 1100
TITLE_WIDTH = 60
DISAGREEMENTS_SHOWN = 4
VALUATIONS_SHOWN = 3


def _clipped(facts: list[tuple[str, str]], width: int) -> list[tuple[str, str]]:
    return [(label, clip(value, width)) for label, value in facts]


def one_pager_html(session: Session, user: User, company: Company, *, for_pdf: bool) -> str:
    dossier = company_dossier(session, user, company.id)
    valuations = rows.valuation_table(dossier)
    return document_html(
        "reports/one_pager.html",
        {
            "d": dossier,
            "name": clip(dossier.company.name, TITLE_WIDTH),
            "lead": clip(dossier.company.one_liner, LEAD_WIDTH),
            "notes": clip(company.notes, NOTES_WIDTH),
            "facts": _clipped(rows.company_facts(dossier) + rows.term_facts(dossier), FACT_WIDTH),
            "scores": _clipped(rows.score_facts(dossier), FACT_WIDTH),
            "valuations": rows.Table(
                headers=valuations.headers[:4],
                rows=[
                    [clip(cell, 40) for cell in row[:4]]
                    for row in valuations.rows[:VALUATIONS_SHOWN]
                ],
                numeric=frozenset({1, 2, 3}),
                widths=(28, 24, 28, 20),
            ),
            "disagreements": [
                clip(item.criterion_title, 50)
                for item in dossier.disagreements[:DISAGREEMENTS_SHOWN]
            ],
            "more_disagreements": len(dossier.disagreements) > DISAGREEMENTS_SHOWN,
            "prfaq_headline": clip(dossier.prfaq.headline or dossier.prfaq.title, LEAD_WIDTH)
            if dossier.prfaq
            else "",
            "prfaq_sub": clip(dossier.prfaq.sub_headline, LEAD_WIDTH) if dossier.prfaq else "",
            "generated_at": generated_stamp(),
        },
        for_pdf=for_pdf,
    )
