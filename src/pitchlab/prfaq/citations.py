"""Citations in scoring evidence: one place parses them and gives their links.

A PR/FAQ section: `prfaq:DRAFT@REVISION#SECTION`, e.g. `prfaq:12@3#problem`; FAQ parts are
cited as `faq-external` and `faq-internal`. A revision never changes, so a citation keeps
pointing at the words the evaluator read even after the draft moves on.

A document page (issue 12): `doc:DOCUMENT@VERSION#pPAGE`, e.g. `doc:7@2#p5`. DOCUMENT is the id
of one uploaded version (each version has its own id) and VERSION its number, written out so a
reader sees which version was cited; the link opens that page of that version.
"""

import re
from dataclasses import dataclass

CITATION_PATTERN = re.compile(r"^prfaq:(\d{1,9})@(\d{1,9})#([a-z0-9]+(?:-[a-z0-9]+)*)$")
DOCUMENT_PATTERN = re.compile(r"^doc:(\d{1,9})@(\d{1,9})#p(\d{1,5})$")
CITATION_EXAMPLE = "prfaq:12@3#problem"
DOCUMENT_EXAMPLE = "doc:7@2#p5"
CITATION_PREFIXES = ("prfaq:", "doc:")
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


@dataclass(frozen=True)
class PageCitation:
    document_id: int
    version: int
    page: int

    def __str__(self) -> str:
        return f"doc:{self.document_id}@{self.version}#p{self.page}"

    @property
    def url(self) -> str:
        """The reader, open at the cited page of the cited version."""
        return f"/documents/{self.document_id}?page={self.page}#page-{self.page}"


def parse_citation(text: str) -> Citation | PageCitation | None:
    """The citation in `text`, or None when it is not exactly in a documented form."""
    text = text.strip()
    match = CITATION_PATTERN.match(text)
    if match is not None:
        return Citation(int(match[1]), int(match[2]), match[3])
    match = DOCUMENT_PATTERN.match(text)
    if match is not None and int(match[3]) >= 1:
        return PageCitation(int(match[1]), int(match[2]), int(match[3]))
    return None


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
