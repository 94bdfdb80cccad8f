"""Deck citations of the compared scores (issue 12): every `doc:DOCUMENT@VERSION#pPAGE`
evidence line of a score the comparison counts, as a link to that page of that version.

The matrix shows them in its cells' tooltips and the exports in the summary's
"deck_citations" column. Only scores the comparison itself counts are read (submitted, of the
selection), and only those the caller may see: a score left out of the scores frame for a
conflict of interest or by blind review gives no citation either.
"""

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from sqlalchemy import text
from sqlmodel import Session, col, select

from ..models import Evaluation, RubricCriterion, RubricPack, RubricVersion, Score
from ..prfaq.citations import PageCitation, parse_citation
from .loading import Portfolio
from .queries import submitted_evaluations
from .selection import Selection

CellKey = tuple[int, str, str]  # company_id, pack_key, criterion_key
# Evidence (JSON) citing a document page, written exactly as the partial index of migration
# 0015 is, so the database reads only those scores (a bound pattern would not match it).
CITING = {
    "sqlite": text("score.evidence LIKE '%\"doc:%'"),
    "postgresql": text("CAST(score.evidence AS TEXT) LIKE '%\"doc:%'"),
}


@dataclass(frozen=True)
class CellCitation:
    label: str
    citation: str  # as stored, e.g. doc:7@2#p5
    url: str


def _cited_scores(session: Session, selection: Selection) -> list:
    evaluations = submitted_evaluations(selection).with_only_columns(Evaluation.id)
    return session.exec(
        select(
            Evaluation.company_id,
            Evaluation.evaluator_id,
            RubricPack.key,
            RubricCriterion.key,
            Score.evidence,
        )
        .join(Evaluation, col(Score.evaluation_id) == Evaluation.id)
        .join(RubricCriterion, col(Score.criterion_id) == RubricCriterion.id)
        .join(RubricVersion, col(RubricCriterion.version_id) == RubricVersion.id)
        .join(RubricPack, col(RubricVersion.pack_id) == RubricPack.id)
        .where(col(Score.evaluation_id).in_(evaluations), CITING[session.get_bind().dialect.name])
    ).all()


def _counted(scores: pd.DataFrame, companies: set[int]) -> set[tuple]:
    """(company, evaluator, pack, criterion) of the counted scores of those companies."""
    near = scores[np.isin(scores["company_id"].to_numpy(), list(companies))]
    return set(
        zip(
            near["company_id"].tolist(),
            near["evaluator_id"].tolist(),
            near["pack_key"].astype(str).tolist(),
            near["criterion_key"].astype(str).tolist(),
            strict=False,
        )
    )


def deck_citations(
    session: Session, selection: Selection, portfolio: Portfolio
) -> dict[CellKey, list[CellCitation]]:
    """Per company and criterion, the document pages its counted scores cite, each once."""
    rows = _cited_scores(session, selection)
    if not rows:
        return {}
    counted = _counted(portfolio.scores, {row[0] for row in rows})
    found: dict[CellKey, list[CellCitation]] = {}
    for company_id, evaluator_id, pack_key, criterion_key, evidence in rows:
        if (company_id, evaluator_id, pack_key, criterion_key) not in counted:
            continue
        cell = found.setdefault((company_id, pack_key, criterion_key), [])
        for item in evidence or []:
            text = str(item.get("citation") or "") if isinstance(item, dict) else ""
            citation = parse_citation(text)
            if isinstance(citation, PageCitation) and all(c.citation != text for c in cell):
                cell.append(CellCitation(str(item.get("label") or text), text, citation.url))
    return {key: cell for key, cell in found.items() if cell}


def with_citation_column(comparison, citations: dict[CellKey, list[CellCitation]]):
    """The comparison with a deck_citations column in its summary: per company, each cited
    page as "criterion: label doc:… (link)", one per line."""
    titles = {}
    if comparison.criteria is not None and len(comparison.criteria):
        criteria = comparison.criteria
        titles = dict(
            zip(
                zip(
                    criteria["pack_key"].astype(str),
                    criteria["criterion_key"].astype(str),
                    strict=False,
                ),
                criteria["criterion_title"].astype(str),
                strict=False,
            )
        )
    lines: dict[int, list[str]] = {}
    for (company_id, pack_key, criterion_key), cell in sorted(citations.items()):
        title = titles.get((pack_key, criterion_key), f"{pack_key}.{criterion_key}")
        lines.setdefault(company_id, []).extend(
            f"{title}: {item.label} {item.citation} ({item.url})" for item in cell
        )
    summary = comparison.summary.copy()
    summary["deck_citations"] = [
        "\n".join(lines.get(int(company_id), [])) for company_id in summary["company_id"]
    ]
    return replace(comparison, summary=summary)
