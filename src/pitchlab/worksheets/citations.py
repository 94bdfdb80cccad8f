"""Citing a saved worksheet revision as scoring evidence: `worksheet:KIND@REV`.

The company is the scorecard's, so the citation names only the kind and the revision; a
revision never changes, so the evidence keeps pointing at the numbers the evaluator read.
"""

import re

WORKSHEET_CITATION = re.compile(r"^worksheet:([a-z]+(?:-[a-z]+)*)@(\d{1,9})$")
WORKSHEET_EXAMPLE = "worksheet:ai-cogs@3"


def parse_worksheet_citation(text: str) -> tuple[str, int] | None:
    """(kind, revision) for a citation of a known worksheet kind, else None."""
    from .registry import KINDS

    match = WORKSHEET_CITATION.match(text.strip())
    if match is None or match[1] not in KINDS or int(match[2]) < 1:
        return None
    return match[1], int(match[2])


def worksheet_citation_url(text: str, company_id: int) -> str | None:
    """The cited revision's page for the scorecard's company."""
    parsed = parse_worksheet_citation(text)
    if parsed is None:
        return None
    return f"/companies/{company_id}/worksheets/{parsed[0]}/revisions/{parsed[1]}"
