"""The dossier's dataclasses: plain values, no HTML, no database objects (issue 14).

The presenter view renders them as HTML and the IC memo (branch i14-docs) as PDF and DOCX, so
field names are part of a contract: add fields, do not rename them.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class CompanyBasics:
    """What the company is; enum-like fields hold their stored values (labels in templates)."""

    id: int
    name: str
    one_liner: str
    sector: str
    stage: str
    status: str  # pipeline status, e.g. "ic"
    model_strategy: str
    website: str
    founders: str
    location: str


@dataclass(frozen=True)
class DealTerms:
    """The deal as the company page shows it; money already formatted with format_money."""

    deal_round: str  # DealRound value or ""
    amount_raising: str  # "—" when unknown
    pre_money: str
    check_size: str
    currency: str
    lead_investor: str
    owner_id: int | None
    owner_name: str  # "" without a deal owner
    next_step: str
    next_step_due: date | None


@dataclass(frozen=True)
class PanelScores:
    """The panel's numbers for the company, one row of the comparison's summary."""

    total: float | None  # weighted total (compare.totals), None when every answer was N/A
    calibrated_total: float | None  # per-evaluator z-score calibration (compare.calibration)
    rank: int | None  # point rank among `n_ranked` companies, 1 = best
    rank_low: int | None  # bootstrap rank interval (compare.ranking.rank_intervals)
    rank_high: int | None
    n_ranked: int  # companies ranked in the comparison (the viewer's whole portfolio)
    statistically_tied: bool
    n_evaluators: int
    n_criteria: int
    n_disagreements: int
    deal_breakers: str  # "" or the failed gates, as the comparison words them
    insufficient_flag: bool  # too many "insufficient evidence" answers


@dataclass(frozen=True)
class EvaluatorLevel:
    """One evaluator's answer on a disputed criterion."""

    evaluator_id: int
    evaluator_name: str
    level: float | None  # None: N/A or insufficient evidence
    rationale: str


@dataclass(frozen=True)
class Disagreement:
    """A criterion the panel disagrees on (scoremath.disagreement's one rule)."""

    pack_key: str
    criterion_key: str
    criterion_title: str
    mean: float | None
    low: float | None
    high: float | None
    wide_spread: bool
    has_outlier: bool
    levels: list[EvaluatorLevel]  # by evaluator name


@dataclass(frozen=True)
class Valuation:
    """The panel's valuation by one preset (Payne, Berkus): median and range, or why none."""

    pack_key: str
    title: str
    currency: str  # "" without a number
    median: Decimal | None
    low: Decimal | None
    high: Decimal | None
    evaluators: int
    incomplete: int  # scorecards that leave a factor unanswered
    note: str  # the comparison's note (anchor used, incomplete cards, revenue)


@dataclass(frozen=True)
class TechDebtShare:
    """One evaluator's technical-debt map of the company (rubrics.techdebt)."""

    evaluator_name: str
    model_share: float | None  # 0..1, the model's share of the system's effort
    band_low: float | None  # reference band for the company's type and stage
    band_high: float | None
    reading: str | None  # "below", "within" or "above" the band
    suggested_level: int | None


@dataclass(frozen=True)
class PrfaqSummary:
    """The company's most recently changed live PR/FAQ draft, its latest revision."""

    draft_id: int
    title: str
    revision: int
    language: str
    headline: str
    sub_headline: str
    summary: str


@dataclass(frozen=True)
class KeyPage:
    """A deck page the evidence finder ranks best for some criteria."""

    document_id: int
    version: int
    page: int  # page number, from 1
    title: str
    snippet: str
    criteria: list[str]  # titles of the criteria it answers best


@dataclass(frozen=True)
class DeckHighlights:
    """The current deck against the evidence pack: key pages and unanswered questions."""

    document_id: int
    filename: str
    version: int
    language: str
    pack_key: str
    key_pages: list[KeyPage]
    unaddressed_questions: list[str]  # in the deck's language


@dataclass(frozen=True)
class Comment:
    """A recent comment from the company's timeline."""

    activity_id: int
    author_name: str
    created_at: datetime
    body: str  # Markdown


@dataclass(frozen=True)
class Dossier:
    """Everything the presenter view and the IC memo show of one company, for one viewer.

    `scores_hidden` is True for a viewer conflicted with the company: then `scores`,
    `disagreements`, `valuations`, `tech_debt` and `prfaq` are empty, whatever exists."""

    company: CompanyBasics
    terms: DealTerms
    scores_hidden: bool
    scores: PanelScores | None  # None: hidden, or no visible submitted scorecard
    disagreements: list[Disagreement] = field(default_factory=list)
    valuations: list[Valuation] = field(default_factory=list)
    tech_debt: list[TechDebtShare] = field(default_factory=list)
    prfaq: PrfaqSummary | None = None
    deck: DeckHighlights | None = None
    comments: list[Comment] = field(default_factory=list)
    # The comparison's methodology sheet (compare/methodology.py), as (item, text) rows in
    # English like every export's; the same rows for every dossier of one batch.
    methodology: list[tuple[str, str]] = field(default_factory=list)
