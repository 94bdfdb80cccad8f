"""Load what the panel flags need besides the scores (issue 15), in four statements; and the
company page's valuations and the home page's deal-breakers, with the comparison's rules."""

import numpy as np
import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, col, select

from ..anchors.data import as_anchor
from ..models import (
    Company,
    RubricCriterion,
    RubricPack,
    RubricVersion,
    ValuationAnchor,
)
from ..rubrics.valuation import Anchor
from ..web.i18n import localized
from .flags import CompanyFacts, PanelFacts, gate_failures, panel_valuations, valuation_pack


def anchors_of(session: Session) -> list[Anchor]:
    """Every kept anchor as the valuation functions take it."""
    return [as_anchor(row) for row in session.exec(select(ValuationAnchor))]


def _newest_versions(session: Session):
    newest = (
        select(RubricVersion.pack_id, func.max(RubricVersion.version).label("number"))
        .group_by(RubricVersion.pack_id)
        .subquery()
    )
    return session.exec(
        select(RubricPack.key, RubricVersion)
        .join(RubricVersion, col(RubricVersion.pack_id) == RubricPack.id)
        .join(
            newest,
            (newest.c.pack_id == RubricVersion.pack_id)
            & (newest.c.number == RubricVersion.version),
        )
    ).all()


def load_facts(session: Session, company_ids: list[int]) -> PanelFacts:
    """Company facts, the newest versions' gates, valuations and applicability, the anchors."""
    facts = PanelFacts()
    if company_ids:
        statement = select(
            Company.id, Company.region, Company.stage, Company.has_revenue, Company.model_strategy
        ).where(col(Company.id).in_(company_ids))
        facts.companies = {row[0]: CompanyFacts(*row[1:]) for row in session.exec(statement)}
    versions = _newest_versions(session)
    by_id = {version.id: (key, version) for key, version in versions}
    criteria = session.exec(
        select(
            RubricCriterion.version_id,
            RubricCriterion.key,
            RubricCriterion.weight,
            RubricCriterion.gate,
        )
        .where(col(RubricCriterion.version_id).in_(list(by_id) or [0]))
        .order_by(col(RubricCriterion.position))
    ).all()
    for version_id, key, _weight, gate in criteria:
        if gate:
            facts.gates[(by_id[version_id][0], key)] = int(gate["threshold"])
    for pack_key, version in versions:
        if version.applies_unless:
            strategies = frozenset(version.applies_unless.get("model_strategy", []))
            facts.not_applicable_packs[pack_key] = strategies
        if version.valuation:
            pairs = [(k, w) for v, k, w, _ in criteria if v == version.id]
            facts.valuation_packs.append(
                valuation_pack(
                    pack_key,
                    localized(version.title),
                    version.valuation,
                    pairs,
                    (version.scale_min, version.scale_max),
                )
            )
    facts.valuation_packs.sort(key=lambda pack: pack.key)
    facts.anchors = anchors_of(session)
    return facts


def company_valuations(session: Session, *, company_id: int, user) -> list[tuple[str, object]]:
    """(pack title, CompanyValuation) for each valuation pack the user may see scored for this
    company: the same visibility rules as the comparison (blind review, conflicts)."""
    from .loading import load_portfolio  # loading imports this module
    from .selection import Selection

    portfolio = load_portfolio(session, Selection(company_ids=(company_id,)), user=user)
    found = panel_valuations(portfolio.scores, portfolio.facts)
    return [
        (pack.title, found[(company_id, pack.key)])
        for pack in portfolio.facts.valuation_packs
        if (company_id, pack.key) in found
    ]


def gated_companies(session: Session, *, user) -> pd.DataFrame:
    """Companies the user may see whose panel median on a deal-breaker criterion is at or
    below its gate (for the home page): company_id, company_name, pack_key, criterion_key,
    median, threshold."""
    from .loading import load_portfolio
    from .selection import Selection

    portfolio = load_portfolio(session, Selection(), user=user)
    failures = gate_failures(portfolio.scores, portfolio.facts.gates)
    names = portfolio.candidates.set_index("company_id")["company_name"]
    return failures.assign(company_name=failures["company_id"].map(names))


def without_packs_that_do_not_apply(
    rows: pd.DataFrame, criteria: pd.DataFrame, facts: PanelFacts
) -> pd.DataFrame:
    """Drop the scores of packs that declare they do not apply to the company (issue 15)."""
    if not facts.not_applicable_packs or rows.empty:
        return rows
    pack_ids = dict(zip(criteria["pack_key"], criteria["pack_id"], strict=False))
    strategy = rows["company_id"].map({i: c.model_strategy for i, c in facts.companies.items()})
    drop = np.zeros(len(rows), dtype=bool)
    for key, strategies in facts.not_applicable_packs.items():
        in_pack = (rows["pack_id"] == pack_ids.get(key, -1)).to_numpy()
        mask = in_pack & strategy.isin(list(strategies)).to_numpy()
        if mask.any():
            facts.left_out[key] = sorted(int(c) for c in rows["company_id"][mask].unique())
        drop |= mask
    return rows[~drop]


def counted(facts: PanelFacts, rows: pd.DataFrame) -> PanelFacts:
    """Insufficient-evidence answers and all answers per company, of the scores kept."""
    # np.unique and bincount, not two group-bys: the same sorted companies, a millisecond
    # less on every comparison (issue 17, fixed cost).
    companies, company = np.unique(rows["company_id"].to_numpy(), return_inverse=True)
    companies = companies.tolist()
    insufficient = np.bincount(
        company, weights=rows["insufficient"].to_numpy(dtype="float64"), minlength=len(companies)
    )
    facts.insufficient = {
        int(k): int(v) for k, v in zip(companies, insufficient.tolist(), strict=True) if v
    }
    answers = np.bincount(company, minlength=len(companies)).tolist()
    facts.answers = {int(k): int(v) for k, v in zip(companies, answers, strict=True)}
    return facts
