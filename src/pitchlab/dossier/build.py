"""Gather dossiers: one company, or an agenda of several in a fixed number of statements."""

from sqlmodel import Session, col, select

from ..deals.money import format_money
from ..documents.evidence_routes import DEFAULT_PACK as EVIDENCE_PACK
from ..models import Company, User
from ..permissions import Action, can
from ..rubrics.calculator_routes import CALCULATOR_PACK
from ..rubrics.store import latest_versions
from ..scoring.access import conflicted_user_ids, visible_company_packs
from .material import deck_highlights, prfaq_summaries, recent_comments, tech_debt_shares
from .model import CompanyBasics, DealTerms, Dossier
from .panel import PanelPart, panel_part


def _basics(company: Company) -> CompanyBasics:
    return CompanyBasics(
        id=company.id,
        name=company.name,
        one_liner=company.one_liner,
        sector=company.sector,
        stage=company.stage,
        status=company.status,
        model_strategy=company.model_strategy,
        website=company.website,
        founders=company.founders,
        location=company.location,
    )


def _terms(company: Company, owners: dict[int, str]) -> DealTerms:
    return DealTerms(
        deal_round=company.deal_round,
        amount_raising=format_money(company.amount_raising, company.currency),
        pre_money=format_money(company.pre_money, company.currency),
        check_size=format_money(company.check_size, company.currency),
        currency=company.currency,
        lead_investor=company.lead_investor,
        owner_id=company.owner_id,
        owner_name=owners.get(company.owner_id, "") if company.owner_id else "",
        next_step=company.next_step,
        next_step_due=company.next_step_due,
    )


def _readable_maps(
    session: Session, user: User, ids: list[int], hidden: set[int]
) -> dict[int, set[int] | None]:
    """Whose technical-debt maps the viewer reads per company: blind review as for scores
    (scoring.access): everyone's once the viewer may see others' scores there, else their own."""
    visible = visible_company_packs(session, user)
    seen = None if visible is None else {company for company, _pack in visible}
    return {
        company_id: None if seen is None or company_id in seen else {user.id}
        for company_id in ids
        if company_id not in hidden
    }


def agenda_dossiers(session: Session, user: User, company_ids: list[int]) -> dict[int, Dossier]:
    """Dossiers of these companies (the unknown ones left out) for `user`, by company id.

    A constant number of statements whatever the number of companies: the comparison's load,
    then one statement per part."""
    ids = list(dict.fromkeys(company_ids))
    companies = {
        company.id: company
        for company in session.exec(select(Company).where(col(Company.id).in_(ids or [0])))
    }
    ids = [company_id for company_id in ids if company_id in companies]
    if not ids:
        return {}
    owner_ids = {company.owner_id for company in companies.values() if company.owner_id}
    owners = dict(
        session.exec(
            select(User.id, User.display_name).where(col(User.id).in_(owner_ids or {0}))
        ).all()
    )
    conflicted = conflicted_user_ids(session, ids)
    # The rule of every score page: a conflicted reader sees no scores of the company.
    hidden = {
        company_id
        for company_id in ids
        if not can(user, Action.READ_SCORES, conflicted=user.id in conflicted.get(company_id, ()))
    }
    shown = [company_id for company_id in ids if company_id not in hidden]
    panel = panel_part(session, user, shown) if shown else PanelPart({}, {}, {}, [])
    packs = {entry.key: entry for entry in latest_versions(session)}
    basics = {company_id: _basics(companies[company_id]) for company_id in ids}
    maps = tech_debt_shares(
        session,
        basics,
        packs.get(CALCULATOR_PACK),
        readable=_readable_maps(session, user, ids, hidden),
        conflicted=conflicted,
    )
    prfaqs = prfaq_summaries(session, shown)
    rivals = [c for entry in packs.values() for c in entry.criteria]
    decks = deck_highlights(session, ids, packs.get(EVIDENCE_PACK), rivals)
    comments = recent_comments(session, ids)
    return {
        company_id: Dossier(
            company=basics[company_id],
            terms=_terms(companies[company_id], owners),
            scores_hidden=company_id in hidden,
            scores=panel.scores.get(company_id),
            disagreements=panel.disagreements.get(company_id, []),
            valuations=panel.valuations.get(company_id, []),
            tech_debt=maps.get(company_id, []),
            prfaq=prfaqs.get(company_id),
            deck=decks.get(company_id),
            comments=comments.get(company_id, []),
            methodology=panel.methodology,
        )
        for company_id in ids
    }


def company_dossier(session: Session, user: User, company_id: int) -> Dossier | None:
    """The dossier of one company for `user`; None when there is no such company."""
    return agenda_dossiers(session, user, [company_id]).get(company_id)
