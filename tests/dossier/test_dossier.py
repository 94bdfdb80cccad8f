"""The dossier (issue 14): the compare page's numbers for one company, the same disagreement
rule, no scores for a conflicted reader, and constant statements for an agenda."""

import math

import pytest
from sqlmodel import select

from pitchlab.bench import StatementCounter
from pitchlab.compare.comparison import build_comparison
from pitchlab.compare.loading import load_portfolio
from pitchlab.compare.selection import Selection
from pitchlab.deals.comments import add_comment
from pitchlab.dossier import agenda_dossiers, company_dossier
from pitchlab.models import Company, Conflict, User
from pitchlab.paths import resource_dir
from pitchlab.scoremath.disagreement import disagrees
from pitchlab.scoring.seeding import seed_scorecards
from pitchlab.seeding import SeedReport


@pytest.fixture
def scored(session):
    """The demo scorecards, as the demo and the accessibility tests have them."""
    session.rollback()
    seed_scorecards(session, resource_dir("seeds") / "scorecards", SeedReport())
    session.commit()
    return {company.name: company for company in session.exec(select(Company))}


@pytest.fixture
def admin(session):
    return session.exec(select(User).where(User.email == "admin@pitchlab.example")).one()


def test_totals_and_rank_are_the_compare_pages(session, scored, admin):
    company = scored["Clausemint"]
    dossier = company_dossier(session, admin, company.id)
    portfolio = load_portfolio(session, Selection(), user=admin)
    summary = build_comparison(
        portfolio.scores, excluded_for_conflict=portfolio.exclusions, tables=()
    ).summary.set_index("company_id")
    row = summary.loc[company.id]
    assert math.isclose(dossier.scores.total, row["total"])
    assert math.isclose(dossier.scores.calibrated_total, row["calibrated_total"])
    assert (dossier.scores.rank, dossier.scores.rank_low, dossier.scores.rank_high) == (
        row["rank"],
        row["rank_low"],
        row["rank_high"],
    )
    assert dossier.scores.n_disagreements == row["n_disagreements"] == len(dossier.disagreements)


def test_disagreements_follow_the_one_rule_with_rationales(session, scored, admin):
    dossier = company_dossier(session, admin, scored["Clausemint"].id)
    assert dossier.disagreements
    for found in dossier.disagreements:
        assert disagrees([level.level for level in found.levels])
        assert all(level.rationale for level in found.levels if level.level is not None)


def test_deal_terms_deck_and_prfaq(session, scored, admin):
    dossier = company_dossier(session, admin, scored["Clausemint"].id)
    assert dossier.terms.currency == "GBP" and dossier.terms.amount_raising != "—"
    assert dossier.prfaq.headline.startswith("Clausemint")
    assert dossier.deck.key_pages and all(page.criteria for page in dossier.deck.key_pages)
    assert dossier.deck.unaddressed_questions
    assert "Disagreement flags" in dict(dossier.methodology)


def test_a_conflicted_reader_gets_no_scores(session, scored, admin):
    company = scored["Clausemint"]
    session.add(Conflict(company_id=company.id, user_id=admin.id, reason="Board seat"))
    session.commit()
    dossier = company_dossier(session, admin, company.id)
    assert dossier.scores_hidden
    assert (dossier.scores, dossier.disagreements, dossier.valuations, dossier.prfaq) == (
        None,
        [],
        [],
        None,
    )
    assert dossier.company.name == "Clausemint"


def test_recent_comments_newest_first(session, scored, admin):
    company = scored["Pixelorchard"]
    for text in ("first", "second"):
        add_comment(session, company=company, author=admin, raw=text)
    dossier = company_dossier(session, admin, company.id)
    assert [comment.body for comment in dossier.comments][:2] == ["second", "first"]


def test_an_agenda_costs_the_same_statements_for_any_size(session, scored, admin):
    def statements(names) -> int:
        counter = StatementCounter(session.get_bind())
        found = agenda_dossiers(session, admin, [scored[name].id for name in names])
        assert len(found) == len(names)
        return counter.count

    two = statements(["Clausemint", "Burrowline Vision"])
    assert statements(list(scored)) == two


def test_technical_debt_maps_leave_out_conflicted_evaluators(session, scored, admin):
    """Each evaluator's map reads as rubrics.techdebt reads it; a conflicted one's is left out."""
    from pitchlab.models import TechDebtEstimate
    from pitchlab.rubrics.techdebt import model_share

    company = scored["Clausemint"]
    partner2 = session.exec(select(User).where(User.email == "partner2@pitchlab.example")).one()
    efforts = {"ml-code": 1.0, "serving-infrastructure": 3.0}
    session.add_all(
        [
            TechDebtEstimate(company_id=company.id, user_id=admin.id, efforts=efforts),
            TechDebtEstimate(company_id=company.id, user_id=partner2.id, efforts=efforts),
            Conflict(company_id=company.id, user_id=partner2.id, reason="Angel"),
        ]
    )
    session.commit()
    maps = company_dossier(session, admin, company.id).tech_debt
    assert [(m.evaluator_name, m.model_share) for m in maps] == [
        (admin.display_name, model_share(efforts))
    ]
