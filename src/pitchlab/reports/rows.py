"""A dossier's facts and tables as labelled text, once for both formats: the PDF's templates
and the DOCX writer lay out the same rows, so the two documents cannot drift apart."""

from dataclasses import dataclass

from ..companies.labels import choice_label
from ..dossier import Dossier
from ..prfaq.citations import PageCitation
from ..rubrics.valuation import money_text
from ..web.i18n import gettext as _
from .render import reading_labels

DASH = "—"


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()  # columns set right-aligned
    # Column widths in per cent: a fixed table layout is several times faster to lay out in
    # WeasyPrint than an automatic one, which measures every cell's text first.
    widths: tuple[int, ...] = ()


def _share(value: float | None) -> str:
    return DASH if value is None else f"{value * 100:.0f}%"


def _number(value: float | None, pattern: str = "%.2f") -> str:
    return DASH if value is None else pattern % value


def company_facts(d: Dossier) -> list[tuple[str, str]]:
    c = d.company
    return [
        (_("Sector"), c.sector or DASH),
        (_("Stage"), choice_label("stage", c.stage)),
        (_("Pipeline status"), choice_label("status", c.status)),
        (_("Model strategy"), choice_label("model_strategy", c.model_strategy)),
        (_("Founders"), c.founders or DASH),
        (_("Location"), c.location or DASH),
        (_("Website"), c.website or DASH),
    ]


def term_facts(d: Dossier) -> list[tuple[str, str]]:
    t = d.terms
    due = f" · {t.next_step_due.isoformat()}" if t.next_step_due else ""
    return [
        (_("Round"), choice_label("deal_round", t.deal_round) if t.deal_round else DASH),
        (_("Amount raising"), t.amount_raising),
        (_("Pre-money valuation"), t.pre_money),
        (_("Our check size"), t.check_size),
        (_("Lead investor"), t.lead_investor or DASH),
        (_("Deal owner"), t.owner_name or DASH),
        (_("Next step"), (t.next_step or DASH) + due),
    ]


def rank_text(d: Dossier) -> str:
    s = d.scores
    if s is None or s.rank is None:
        return DASH
    text = _("%(rank)s of %(count)s (interval %(low)s–%(high)s)") % {
        "rank": s.rank,
        "count": s.n_ranked,
        "low": s.rank_low,
        "high": s.rank_high,
    }
    return f"{text} · {_('statistically tied')}" if s.statistically_tied else text


def score_facts(d: Dossier) -> list[tuple[str, str]]:
    s = d.scores
    if s is None:
        return []
    rows = [
        (_("Weighted total"), _number(s.total)),
        (_("Calibrated total"), _number(s.calibrated_total)),
        (_("Rank"), rank_text(d)),
        (_("Evaluators"), str(s.n_evaluators)),
        (_("Criteria scored"), str(s.n_criteria)),
        (_("Disagreements"), str(s.n_disagreements)),
    ]
    if s.deal_breakers:
        rows.append((_("Deal-breaker"), s.deal_breakers))
    if s.insufficient_flag:
        rows.append((_("Insufficient evidence"), _("Flagged: too many answers lack evidence.")))
    return rows


def level_table(levels) -> Table:
    return Table(
        headers=[_("Evaluator"), _("Level"), _("Rationale")],
        rows=[
            [
                level.evaluator_name,
                _("N/A") if level.level is None else f"{level.level:g}",
                level.rationale or DASH,
            ]
            for level in levels
        ],
        numeric=frozenset({1}),
        widths=(22, 10, 68),
    )


def valuation_table(d: Dossier) -> Table:
    return Table(
        headers=[_("Method"), _("Median"), _("Range"), _("Evaluators"), _("Note")],
        rows=[
            [
                v.title,
                DASH if v.median is None else f"{money_text(v.median)} {v.currency}",
                DASH if v.low is None else f"{money_text(v.low)} – {money_text(v.high)}",
                str(v.evaluators),
                v.note,
            ]
            for v in d.valuations
        ],
        numeric=frozenset({1, 2, 3}),
        widths=(20, 18, 24, 10, 28),
    )


def tech_debt_table(d: Dossier) -> Table:
    readings = reading_labels()
    return Table(
        headers=[_("Evaluator"), _("Model's share of the effort"), _("Usual band"), _("Reading")],
        rows=[
            [
                t.evaluator_name,
                _share(t.model_share),
                DASH if t.band_low is None else f"{_share(t.band_low)} – {_share(t.band_high)}",
                readings.get(t.reading or "", DASH),
            ]
            for t in d.tech_debt
        ],
        numeric=frozenset({1, 2}),
        widths=(28, 22, 22, 28),
    )


def page_reference(page) -> str:
    """The citation form the PR/FAQ editor and the reader use: doc:ID@VERSION#pN."""
    return str(PageCitation(page.document_id, page.version, page.page))


def key_page_table(d: Dossier) -> Table:
    pages = d.deck.key_pages if d.deck else []
    return Table(
        headers=[_("Page"), _("What it shows"), _("Answers best")],
        rows=[
            [
                page_reference(p),
                " — ".join(x for x in (p.title, p.snippet) if x),
                ", ".join(p.criteria),
            ]
            for p in pages
        ],
        widths=(18, 52, 30),
    )
