"""The IC memo and pack as Word documents: the same rows and texts as the PDF (reports.rows),
laid out with python-docx; comments and minutes go through the PR/FAQ export's Markdown reader.

Charts are PDF-only: Word gets the numbers they draw (rank and interval, each level) as text.
"""

import io

from ..prfaq.docx_writer import _clean, add_markdown
from ..web.i18n import get_locale
from ..web.i18n import gettext as _
from .memo import MemoDocument, MemoSection
from .rows import Table

_DOCX_LANGUAGE = {"en": "en-US", "zh": "zh-CN"}
# Word picks the font on the reader's machine; these name the usual Chinese faces, with the
# Noto face the PDF embeds first.
EAST_ASIAN_FONT = "Noto Sans CJK SC"


def _east_asian_font(document) -> None:
    from docx.shared import Pt  # python-docx on use, as in prfaq.docx_writer

    style = document.styles["Normal"]
    style.font.size = Pt(10)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", EAST_ASIAN_FONT
    )


def _facts(document, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = _clean(label), _clean(value)


def _table(document, table: Table) -> None:
    written = document.add_table(rows=1, cols=len(table.headers))
    written.style = "Table Grid"
    for cell, header in zip(written.rows[0].cells, table.headers, strict=True):
        cell.text = _clean(header)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        for cell, value in zip(written.add_row().cells, row, strict=True):
            cell.text = _clean(value)


def _section(document, section: MemoSection) -> None:
    d = section.dossier
    document.add_heading(_clean(d.company.name), level=1)
    if d.company.one_liner:
        document.add_paragraph(_clean(d.company.one_liner), style="Subtitle")
    if section.presenter:
        document.add_paragraph(_clean(f"{_('Presenter')}: {section.presenter}"))
    document.add_heading(_("Summary"), level=2)
    _facts(document, section.company_facts + section.term_facts)
    if section.decision:
        decision = section.decision
        document.add_heading(_("Decision"), level=2)
        document.add_paragraph().add_run(_clean(decision.label)).bold = True
        document.add_paragraph(_clean(decision.decided_at))
        if decision.conditions:
            document.add_paragraph(_clean(f"{_('Conditions')}: {decision.conditions}"))
        if decision.tally:
            document.add_paragraph(_clean(f"{_('Votes')}: {decision.tally}"))
        for vote in decision.votes:
            document.add_paragraph(_clean(vote), style="List Bullet")
        if decision.not_voting:
            document.add_paragraph(
                _clean(
                    _("Not voting (conflict of interest): %(names)s")
                    % {"names": decision.not_voting}
                )
            )
        if decision.minutes:
            document.add_heading(_("Minutes"), level=3)
            add_markdown(document, decision.minutes, base_level=3)
    document.add_heading(_("Scores"), level=2)
    if d.scores_hidden:
        document.add_paragraph(
            _(
                "Scores, rationales, valuations, technical-debt maps and the PR/FAQ are left "
                "out: you declared a conflict of interest with this company."
            )
        )
    elif d.scores is None:
        document.add_paragraph(_("No submitted scorecard yet."))
    else:
        _facts(document, section.score_facts)
    if d.disagreements:
        document.add_heading(_("Where the panel disagrees"), level=2)
        for item, levels in zip(d.disagreements, section.level_tables, strict=True):
            document.add_heading(_clean(f"{item.criterion_title} ({item.pack_key})"), level=3)
            _table(document, levels)
    for title, table, shown in (
        (_("Valuations"), section.valuations, d.valuations),
        (_("Technical-debt share"), section.tech_debt, d.tech_debt),
    ):
        if shown:
            document.add_heading(title, level=2)
            _table(document, table)
    if d.prfaq:
        document.add_heading(_("PR/FAQ"), level=2)
        document.add_paragraph().add_run(_clean(d.prfaq.headline or d.prfaq.title)).bold = True
        for text in (d.prfaq.sub_headline, d.prfaq.summary):
            if text:
                document.add_paragraph(_clean(text))
    if d.deck:
        document.add_heading(_("Deck highlights"), level=2)
        document.add_paragraph(_clean(f"{d.deck.filename} · v{d.deck.version}"))
        if section.key_pages.rows:
            _table(document, section.key_pages)
        if d.deck.unaddressed_questions:
            document.add_heading(_("Open questions: what the deck leaves unaddressed"), level=3)
            for question in d.deck.unaddressed_questions:
                document.add_paragraph(_clean(question), style="List Bullet")
    if d.comments:
        document.add_heading(_("Recent comments"), level=2)
        for comment in d.comments:
            stamp = comment.created_at.strftime("%Y-%m-%d")
            document.add_paragraph().add_run(
                _clean(f"{comment.author_name} · {stamp}")
            ).italic = True
            add_markdown(document, comment.body, base_level=3)


def memo_docx(memo: MemoDocument) -> bytes:
    """The memo or pack as .docx bytes."""
    from docx import Document

    document = Document()
    _east_asian_font(document)
    kind = _("IC pack") if memo.is_pack else _("IC memo")
    document.core_properties.title = _clean(f"{kind}: {memo.title}")
    document.core_properties.language = _DOCX_LANGUAGE.get(get_locale(), "en-US")
    document.add_heading(_clean(f"{kind}: {memo.title}"), level=0)
    if memo.is_pack:
        if memo.meeting_date:
            document.add_paragraph(_clean(memo.meeting_date))
        if memo.attendees:
            document.add_paragraph(_clean(f"{_('Attendees')}: {', '.join(memo.attendees)}"))
        document.add_heading(_("Agenda"), level=1)
        for section in memo.sections:
            document.add_paragraph(_clean(section.dossier.company.name), style="List Number")
        if memo.corrections:
            document.add_heading(_("Corrections"), level=1)
            for correction in memo.corrections:
                add_markdown(document, correction, base_level=1)
    for section in memo.sections:
        if memo.is_pack:
            document.add_page_break()
        _section(document, section)
    document.add_page_break()
    document.add_heading(_("Appendix: methodology"), level=1)
    _facts(document, memo.methodology)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
