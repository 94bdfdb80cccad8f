"""The statements that read a comparison: candidate companies, criteria and scores.

Each runs once per comparison, whatever the portfolio's size (loading.py applies the rules);
rows come back as plain tuples, arrays and frames, not ORM objects.
"""

from dataclasses import replace

import numpy as np
import pandas as pd
from sqlalchemy import case, func, literal, or_
from sqlmodel import Session, col, select

from ..models import (
    Company,
    Evaluation,
    EvaluationStatus,
    RubricCriterion,
    RubricPack,
    RubricVersion,
    Score,
)
from ..web.i18n import localized
from .deal_terms import DEAL_FIELDS
from .selection import Selection

# Scorecards fetched at once by score_rows (each row holds all of a scorecard's scores).
FETCH_CHUNK_ROWS = 10_000
# Kinds of answer score_rows tells apart: a level, N/A or empty, insufficient evidence.
_STATES = 4
KIND_ORDER = {"core": 0, "further": 1, "preset": 2}


def company_conditions(selection: Selection) -> list:
    """WHERE clauses on Company for the selection's filters (archived companies never count)."""
    conditions = [col(Company.archived_at).is_(None)]
    if selection.search:
        escaped = selection.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        conditions.append(
            or_(
                *(
                    col(column).ilike(pattern, escape="\\")
                    for column in (Company.name, Company.one_liner, Company.sector, Company.tags)
                )
            )
        )
    if selection.stage:
        conditions.append(Company.stage == selection.stage)
    if selection.status:
        conditions.append(Company.status == selection.status)
    if selection.deal_round:
        conditions.append(Company.deal_round == selection.deal_round)
    if selection.currency:
        conditions.append(Company.currency == selection.currency)
    if selection.tag:
        # Tags are stored normalised as "a,b,c": look for ",tag," in ",a,b,c,".
        escaped = selection.tag.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        wrapped = literal(",") + col(Company.tags) + literal(",")
        conditions.append(wrapped.like(f"%,{escaped},%", escape="\\"))
    if selection.company_ids:
        conditions.append(col(Company.id).in_(selection.company_ids))
    return conditions


def candidates(session: Session, selection: Selection) -> pd.DataFrame:
    """company_id, company_name and the deal terms of the companies the filters let through,
    by name, with picked (see loading.Portfolio.candidates)."""
    filters = company_conditions(replace(selection, company_ids=()))
    # Deal terms ride along in the same statement: compare's deal columns cost no query.
    statement = (
        select(Company.id, Company.name, *(getattr(Company, name) for name in DEAL_FIELDS))
        .where(*filters)
        .order_by(col(Company.name_key), col(Company.id))
    )
    columns = list(zip(*session.exec(statement).all(), strict=True)) or [()] * (
        2 + len(DEAL_FIELDS)
    )
    found = pd.DataFrame(
        {
            "company_id": pd.Series(columns[0], dtype="int64"),
            "company_name": pd.Series(columns[1], dtype="str"),
            # As Python objects: a column of ints with blanks would otherwise turn into floats.
            **{
                name: pd.Series(columns[position], dtype=object)
                for position, name in enumerate(DEAL_FIELDS, start=2)
            },
        }
    )
    picked = set(selection.company_ids)
    found["picked"] = found["company_id"].isin(picked) if picked else True
    return found


def criteria(session: Session) -> pd.DataFrame:
    """Every criterion of every pack version (a few hundred rows at most), each with its
    pack's newest version and, by key, the title, weight and order of the newest version
    that has it. Plain Python: on so few rows pandas' overhead cost more than the work."""
    statement = (
        select(
            RubricCriterion.id,
            RubricCriterion.key,
            RubricCriterion.title,
            RubricCriterion.weight,
            RubricCriterion.position,
            RubricCriterion.construct_key,
            RubricVersion.version,
            RubricVersion.scale_min,
            RubricVersion.scale_max,
            RubricVersion.title.label("pack_title"),
            RubricPack.id.label("pack_id"),
            RubricPack.key.label("pack_key"),
            RubricPack.kind,
        )
        .join(RubricVersion, col(RubricCriterion.version_id) == RubricVersion.id)
        .join(RubricPack, col(RubricVersion.pack_id) == RubricPack.id)
    )
    rows = session.exec(statement).all()
    pack_version: dict[str, int] = {}
    newest: dict[tuple[str, str], object] = {}
    for row in rows:
        pack_version[row.pack_key] = max(pack_version.get(row.pack_key, 0), row.version)
        key = (row.pack_key, row.key)
        if key not in newest or row.version > newest[key].version:
            newest[key] = row
    ordered = sorted(
        newest.values(),
        key=lambda row: (
            KIND_ORDER.get(row.kind, len(KIND_ORDER)),
            row.pack_key,
            row.version != pack_version[row.pack_key],
            row.position,
            row.key,
        ),
    )
    order = {(row.pack_key, row.key): number for number, row in enumerate(ordered)}
    titles = {key: localized(row.title) for key, row in newest.items()}
    columns = [
        "criterion_id",
        "criterion_key",
        "version",
        "scale_min",
        "scale_max",
        "pack_title",
        "pack_id",
        "pack_key",
        "kind",
        "pack_version",
        "criterion_title",
        "weight",
        "order",
        "construct",
    ]
    return pd.DataFrame(
        [
            (
                row.id,
                row.key,
                row.version,
                row.scale_min,
                row.scale_max,
                row.pack_title,
                row.pack_id,
                row.pack_key,
                row.kind,
                pack_version[row.pack_key],
                titles[(row.pack_key, row.key)],
                newest[(row.pack_key, row.key)].weight,
                order[(row.pack_key, row.key)],
                newest[(row.pack_key, row.key)].construct_key or "",
            )
            for row in rows
        ],
        columns=columns,
    )


def submitted_evaluations(selection: Selection):
    """The submitted scorecards of the selected companies and packs, as a SELECT."""
    selected = select(Company.id).where(*company_conditions(selection))
    statement = select(Evaluation.id, Evaluation.company_id, Evaluation.evaluator_id).where(
        Evaluation.status == EvaluationStatus.SUBMITTED.value,
        col(Evaluation.company_id).in_(selected),
    )
    if selection.pack_keys:
        versions = (
            select(RubricVersion.id)
            .join(RubricPack, col(RubricVersion.pack_id) == RubricPack.id)
            .where(col(RubricPack.key).in_(selection.pack_keys))
        )
        statement = statement.where(col(Evaluation.rubric_version_id).in_(versions))
    return statement


def score_rows(session: Session, selection: Selection) -> pd.DataFrame:
    """company_id, evaluator_id, criterion_id, value (NaN for N/A, empty or insufficient
    evidence) and insufficient (1.0 or 0.0) of every score of the submitted scorecards."""
    evaluations = submitted_evaluations(selection).subquery()
    # Per score, "criterion_id * 4 + state,value": state 0 is an answer, 1 N/A or empty, 2
    # insufficient evidence. A whole scorecard comes back as one string in one row: building
    # a Python tuple per score cost more than the query (issue 17). The pair travels as one
    # item, so criterion and answer cannot come apart whatever order the database aggregates in.
    state = case(
        (col(Score.is_insufficient), 2),
        (col(Score.is_na) | col(Score.value).is_(None), 1),
        else_=0,
    )
    # || turns the integers into text on both databases, without a cast. It binds tighter
    # than * in SQLite: the high precedence puts the arithmetic in brackets.
    concat = {"opstring": "||", "precedence": 100}
    pair = (
        (col(Score.criterion_id) * _STATES + state)
        .op(**concat)(",")
        .op(**concat)(func.coalesce(col(Score.value), 0))
    )
    statement = (
        select(
            evaluations.c.company_id,
            evaluations.c.evaluator_id,
            func.count(),
            func.aggregate_strings(pair, ","),
        )
        .join(evaluations, evaluations.c.id == Score.evaluation_id)
        .group_by(evaluations.c.id, evaluations.c.company_id, evaluations.c.evaluator_id)
    )
    companies, evaluators, pairs = [], [], []
    result = session.connection().execute(statement)
    try:
        # In chunks: every score of a big portfolio at once was most of the benchmark's peak
        # memory (issue 17).
        while rows := result.cursor.fetchmany(FETCH_CHUNK_ROWS):
            company, evaluator, count, text = zip(*rows, strict=True)
            count = np.array(count, dtype="int64")
            companies.append(np.repeat(np.array(company, dtype="int64"), count))
            evaluators.append(np.repeat(np.array(evaluator, dtype="int64"), count))
            pairs.append(_parse_pairs(",".join(text), int(count.sum())))
    finally:
        result.close()
    scores = np.concatenate(pairs) if pairs else np.empty((0, 2), dtype="int64")
    state = scores[:, 0] % _STATES
    return pd.DataFrame(
        {
            "company_id": np.concatenate(companies) if companies else np.empty(0, "int64"),
            "evaluator_id": np.concatenate(evaluators) if evaluators else np.empty(0, "int64"),
            "criterion_id": scores[:, 0] // _STATES,
            "value": np.where(state == 0, scores[:, 1], np.nan),
            "insufficient": (state == 2).astype("float64"),
        }
    )


def _parse_pairs(text: str, count: int) -> np.ndarray:
    """The "a,b,a,b..." of score_rows as a (count, 2) array of integers."""
    # numpy's own text parser: ten times faster than int() on each item of a split.
    values = np.fromstring(text, dtype="int64", sep=",") if count else np.empty(0, "int64")
    if values.size != 2 * count:
        raise ValueError(f"expected {count} scores, read {values.size / 2:g}")
    return values.reshape(count, 2)
