"""A company's dossier for the investment committee (issue 14): plain data, no HTML.

The presenter view (meetings) renders it as HTML, the IC memo and pack (documents) as PDF and
DOCX; both call the same functions, so they show the same things:

    company_dossier(session, user, company_id) -> Dossier | None
    agenda_dossiers(session, user, [id, ...]) -> {company_id: Dossier}   # constant statements

Dataclasses (dossier.model; field names are stable, add rather than rename):

    Dossier          company, terms, scores_hidden, scores, disagreements, valuations,
                     tech_debt, prfaq, deck, comments, methodology
    CompanyBasics    id, name, one_liner, sector, stage, status, model_strategy, website,
                     founders, location (stored values; labels are the templates' business)
    DealTerms        deal_round, amount_raising, pre_money, check_size (formatted by
                     deals.money.format_money, "—" when unknown), currency, lead_investor,
                     owner_id, owner_name, next_step, next_step_due
    PanelScores      total, calibrated_total, rank, rank_low, rank_high, n_ranked,
                     statistically_tied, n_evaluators, n_criteria, n_disagreements,
                     deal_breakers, insufficient_flag: one row of the comparison's summary
    Disagreement     pack_key, criterion_key, criterion_title, mean, low, high, wide_spread,
                     has_outlier, levels: [EvaluatorLevel(evaluator_id, evaluator_name,
                     level (None = N/A), rationale)]
    Valuation        pack_key, title, currency, median, low, high (Decimal), evaluators,
                     incomplete, note
    TechDebtShare    evaluator_name, model_share (0..1), band_low, band_high, reading,
                     suggested_level
    PrfaqSummary     draft_id, title, revision, language, headline, sub_headline, summary
    DeckHighlights   document_id, filename, version, language, pack_key, key_pages:
                     [KeyPage(document_id, version, page, title, snippet, criteria)],
                     unaddressed_questions
    Comment          activity_id, author_name, created_at, body (Markdown)

Rules, each from the module that owns it: totals, calibration, rank intervals and disagreement
flags come from one comparison of the viewer's whole portfolio (compare.build_comparison, as
the compare page shows it: submitted scorecards, blind review, conflicted evaluators left
out); a viewer conflicted with a company (permissions.can(READ_SCORES)) gets its basics, terms,
deck and comments but no scores, rationales, valuations, technical-debt maps or PR/FAQ.
`methodology` is the comparison's methodology sheet (compare/methodology.py). A meeting's record
(votes once revealed, decisions, minutes, corrections) is pitchlab.meetings.minutes.
"""

from .build import agenda_dossiers, company_dossier
from .model import (
    Comment,
    CompanyBasics,
    DealTerms,
    DeckHighlights,
    Disagreement,
    Dossier,
    EvaluatorLevel,
    KeyPage,
    PanelScores,
    PrfaqSummary,
    TechDebtShare,
    Valuation,
)

__all__ = [
    "Comment",
    "CompanyBasics",
    "DealTerms",
    "DeckHighlights",
    "Disagreement",
    "Dossier",
    "EvaluatorLevel",
    "KeyPage",
    "PanelScores",
    "PrfaqSummary",
    "TechDebtShare",
    "Valuation",
    "agenda_dossiers",
    "company_dossier",
]
