"""Citing one section of one revision of a PR/FAQ draft as scoring evidence.

The text form is `prfaq:DRAFT@REVISION#SECTION`, e.g. `prfaq:12@3#problem`; FAQ parts are
cited as `faq-external` and `faq-internal`. A revision never changes, so a citation keeps
pointing at the words the evaluator read even after the draft moves on.
"""

import re
from dataclasses import dataclass

CITATION_PATTERN = re.compile(r"^prfaq:(\d{1,9})@(\d{1,9})#([a-z0-9]+(?:-[a-z0-9]+)*)$")
CITATION_EXAMPLE = "prfaq:12@3#problem"
FAQ_ANCHORS = {"faq.external": "faq-external", "faq.internal": "faq-internal"}


@dataclass(frozen=True)
class Citation:
    draft_id: int
    revision: int
    section: str

    def __str__(self) -> str:
        return f"prfaq:{self.draft_id}@{self.revision}#{self.section}"

    @property
    def url(self) -> str:
        """The revision's page, scrolled to the cited section."""
        return f"/prfaqs/{self.draft_id}/revisions/{self.revision}#section-{self.section}"


def parse_citation(text: str) -> Citation | None:
    """The citation in `text`, or None when it is not exactly in the documented form."""
    match = CITATION_PATTERN.match(text.strip())
    if match is None:
        return None
    return Citation(int(match[1]), int(match[2]), match[3])


def citation_url(text: str | None, company_id: int | None = None) -> str | None:
    """The link for a stored citation; None for text that is not one (shown as plain text).
    A worksheet citation (issue 16) links only when the company is known."""
    citation = parse_citation(text or "")
    if citation is None and company_id is not None:
        from ..worksheets.citations import worksheet_citation_url

        return worksheet_citation_url(text or "", company_id)
    return citation.url if citation else None


def anchor_key(part: str) -> str:
    """The anchor and citation key of a section key or an FAQ part ("faq.external")."""
    return FAQ_ANCHORS.get(part, part)
