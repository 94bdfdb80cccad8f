"""The IC memo (one company) and the IC pack (a meeting's agenda) from dossiers.

Everything shown is the dossier's (pitchlab.dossier, the presenter view's data): the memo
lays it out and draws it, it does not compute a number of its own.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..dossier import Dossier
from ..web.i18n import gettext as _
from . import rows
from .charts import Chart, level_chart, rank_chart
from .render import document_html, generated_stamp
from .rows import Table

DOCUMENT_FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class DecisionText:
    """The committee's outcome for one company, in words (filled from the meeting record)."""

    label: str
    decided_at: str = ""
    conditions: str = ""
    tally: str = ""
    votes: list[str] = field(default_factory=list)  # "name: choice — note", once revealed
    not_voting: str = ""  # attendees conflicted with the company, who do not vote
    minutes: str = ""  # Markdown


@dataclass(frozen=True)
class MemoSection:
    """One company of a memo or pack: its dossier and the charts drawn from it."""

    dossier: Dossier
    rank_chart: Chart | None
    level_chart: Chart | None  # every disputed criterion's levels, one row each
    presenter: str = ""
    decision: DecisionText | None = None
    company_facts: list[tuple[str, str]] = field(default_factory=list)
    term_facts: list[tuple[str, str]] = field(default_factory=list)
    score_facts: list[tuple[str, str]] = field(default_factory=list)
    level_tables: list[Table] = field(default_factory=list)
    valuations: Table | None = None
    tech_debt: Table | None = None
    key_pages: Table | None = None


@dataclass(frozen=True)
class MemoDocument:
    """What a memo or pack template renders and the DOCX writer writes."""

    title: str
    sections: list[MemoSection]
    methodology: list[tuple[str, str]]
    viewer_name: str
    generated_at: str
    meeting_date: str = ""
    attendees: list[str] = field(default_factory=list)
    agenda_chart: Chart | None = None
    is_pack: bool = False
    # A pack's corrections to the closed meeting's record: "author · date: text" (Markdown).
    corrections: list[str] = field(default_factory=list)


def memo_section(
    dossier: Dossier, *, presenter: str = "", decision: DecisionText | None = None
) -> MemoSection:
    scores = dossier.scores
    ranked = scores is not None and scores.rank is not None
    return MemoSection(
        dossier=dossier,
        rank_chart=rank_chart(
            [(dossier.company.name, scores.rank, scores.rank_low, scores.rank_high)],
            scores.n_ranked,
            _("Rank with its bootstrap interval (1 = best)"),
        )
        if ranked
        else None,
        level_chart=level_chart(
            [
                (item.criterion_title, [level.level for level in item.levels])
                for item in dossier.disagreements
            ],
            _("Each evaluator's level on the disputed criteria"),
        )
        if dossier.disagreements
        else None,
        presenter=presenter,
        decision=decision,
        company_facts=rows.company_facts(dossier),
        term_facts=rows.term_facts(dossier),
        score_facts=rows.score_facts(dossier),
        level_tables=[rows.level_table(item.levels) for item in dossier.disagreements],
        valuations=rows.valuation_table(dossier),
        tech_debt=rows.tech_debt_table(dossier),
        key_pages=rows.key_page_table(dossier),
    )


def memo_document(
    dossier: Dossier, *, viewer_name: str, decision: DecisionText | None = None
) -> MemoDocument:
    return MemoDocument(
        title=dossier.company.name,
        sections=[memo_section(dossier, decision=decision)],
        methodology=dossier.methodology,
        viewer_name=viewer_name,
        generated_at=generated_stamp(),
    )


def pack_document(
    sections: list[MemoSection],
    *,
    title: str,
    viewer_name: str,
    meeting_date: str = "",
    attendees: list[str] | None = None,
    corrections: list[str] | None = None,
) -> MemoDocument:
    """A meeting's pack: a cover with the agenda and its ranks, then each company's memo."""
    ranked = [s for s in sections if s.dossier.scores and s.dossier.scores.rank is not None]
    chart = (
        rank_chart(
            [
                (
                    s.dossier.company.name,
                    s.dossier.scores.rank,
                    s.dossier.scores.rank_low,
                    s.dossier.scores.rank_high,
                )
                for s in ranked
            ],
            max(s.dossier.scores.n_ranked for s in ranked),
            _("Rank with its bootstrap interval (1 = best)"),
        )
        if ranked
        else None
    )
    return MemoDocument(
        title=title,
        sections=sections,
        methodology=next((s.dossier.methodology for s in sections if s.dossier.methodology), []),
        viewer_name=viewer_name,
        generated_at=generated_stamp(),
        meeting_date=meeting_date,
        attendees=attendees or [],
        agenda_chart=chart,
        is_pack=True,
        corrections=corrections or [],
    )


def memo_html(document: MemoDocument, *, for_pdf: bool = True) -> str:
    return document_html(
        "reports/pack.html" if document.is_pack else "reports/memo.html",
        {name: getattr(document, name) for name in MemoDocument.__dataclass_fields__},
        for_pdf=for_pdf,
    )


def document_filename(kind: str, ident: int, fmt: str, now: datetime | None = None) -> str:
    """ASCII file names (company names may be Chinese): kind, id and time."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M")
    return f"pitchlab-{kind}-{ident}-{stamp}.{fmt}"
