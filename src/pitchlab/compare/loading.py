"""The scores frame of a comparison, read from the database with the visibility rules applied.

Only submitted scorecards count. An evaluator with a conflict of interest is dropped from that
company's scores (and named in the methodology); a caller with a conflict does not see the
company at all; a blinded caller (visible_company_packs returns a set) sees a company's pack
only once they have submitted their own scorecard for it.

A pack's versions are compared by criterion key: a criterion keeps the title and weight of the
newest version that has it, so scores given against version 1 and version 2 sit in one column.

Seven statements load any portfolio, whatever its size; pandas does the rest.
"""

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from sqlalchemy import case, literal, null, or_
from sqlmodel import Session, col, select

from ..models import (
    Company,
    Evaluation,
    EvaluationStatus,
    RubricCriterion,
    RubricPack,
    RubricVersion,
    Score,
    User,
)
from ..scoring.access import conflicted_user_ids, visible_company_packs
from ..web.i18n import localized
from .comparison import PortfolioComparison
from .deal_terms import DEAL_FIELDS, with_owner_names
from .facts import counted, load_facts, without_packs_that_do_not_apply
from .flags import PanelFacts
from .methodology import ConflictExclusion
from .scores import SCORE_COLUMNS, check_scores
from .selection import Selection

FETCH_CHUNK_ROWS = 10_000
KIND_ORDER = {"core": 0, "further": 1, "preset": 2}
# The columns of the loaded rows the scores frame is built from.
FRAME_SOURCES = ("criterion", "company_id", "evaluator_id", "value")
VERSIONS_NOTE = (
    "a pack's versions are compared by criterion key; each criterion keeps the title "
    "and weight of the newest version that has it"
)
SUBMITTED_NOTE = "Submitted scorecards only; drafts and reopened scorecards are left out."


@dataclass(frozen=True)
class PackInfo:
    """A rubric pack as a comparison shows it."""

    key: str
    kind: str
    title: str
    newest_version: int
    versions_scored: tuple[int, ...] = ()


@dataclass(frozen=True)
class Portfolio:
    """What one caller may compare: the scores frame and what it was built from."""

    scores: pd.DataFrame  # scores.SCORE_COLUMNS, rows in rubric order
    # company_id, company_name, picked: every company the filters let through and the caller
    # may see; picked is True for the hand-picked ones (for all when none are picked); and
    # their deal terms (deal_terms.DEAL_FIELDS, with deal_owner the owner's display name).
    candidates: pd.DataFrame
    packs: list[PackInfo]  # the packs in the scores, in rubric order
    all_packs: list[PackInfo]  # every pack, for choosing
    exclusions: list[ConflictExclusion]
    # Deal-breakers, insufficient evidence, valuations and packs left out (issue 15).
    facts: PanelFacts = field(default_factory=PanelFacts)


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


def _candidates(session: Session, selection: Selection) -> pd.DataFrame:
    filters = company_conditions(replace(selection, company_ids=()))
    # Deal terms ride along in the same statement: compare's deal columns cost no query.
    statement = (
        select(Company.id, Company.name, *(getattr(Company, name) for name in DEAL_FIELDS))
        .where(*filters)
        .order_by(col(Company.name_key), col(Company.id))
    )
    rows = session.exec(statement).all()
    found = pd.DataFrame(rows, columns=["company_id", "company_name", *DEAL_FIELDS])
    for position, name in enumerate(DEAL_FIELDS, start=2):
        # As Python objects: a column of ints with blanks would otherwise turn into floats.
        found[name] = pd.Series([row[position] for row in rows], dtype=object)
    picked = set(selection.company_ids)
    found["picked"] = found["company_id"].isin(picked) if picked else True
    return found


def _criteria(session: Session) -> pd.DataFrame:
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


def _pack_infos(criteria: pd.DataFrame) -> list[PackInfo]:
    """Every pack, in rubric order, as its newest version describes it."""
    first: dict[str, PackInfo] = {}
    newest = criteria[criteria["version"] == criteria["pack_version"]].sort_values("order")
    for key, kind, title, version in zip(
        newest["pack_key"],
        newest["kind"],
        newest["pack_title"],
        newest["pack_version"],
        strict=False,
    ):
        if key not in first:
            first[key] = PackInfo(
                key=key, kind=kind, title=localized(title), newest_version=int(version)
            )
    return list(first.values())


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


def _score_rows(session: Session, selection: Selection) -> pd.DataFrame:
    """company_id, evaluator_id, criterion_id and value (NaN for N/A) of every score."""
    evaluations = submitted_evaluations(selection)
    panel = _fetch_array(session, evaluations, "int64")
    answer = case((col(Score.is_na) | col(Score.is_insufficient), null()), else_=col(Score.value))
    insufficient = case((col(Score.is_insufficient), 1), else_=0)
    statement = select(Score.evaluation_id, Score.criterion_id, answer, insufficient).where(
        col(Score.evaluation_id).in_(evaluations.with_only_columns(Evaluation.id))
    )
    # An N/A (or empty) answer is NULL, hence NaN.
    scores = _fetch_array(session, statement, "float64")
    seat = pd.Index(panel[:, 0]).get_indexer(scores[:, 0].astype("int64"))
    return pd.DataFrame(
        {
            "company_id": panel[:, 1][seat],
            "evaluator_id": panel[:, 2][seat],
            "criterion_id": scores[:, 1].astype("int64"),
            "value": scores[:, 2],
            "insufficient": scores[:, 3],
        }
    )


def _fetch_array(session: Session, statement, dtype: str) -> np.ndarray:
    """All rows of a SELECT as one 2-D array. Plain DBAPI tuples: SQLAlchemy rows, and
    DataFrames built from them, cost several times more on a 200,000-score portfolio."""
    width = len(statement.selected_columns)
    result = session.connection().execute(statement)
    chunks = []
    try:
        # In chunks: 200,000 tuples at once were most of the benchmark's peak memory (issue 17).
        while rows := result.cursor.fetchmany(FETCH_CHUNK_ROWS):
            chunks.append(np.array(rows, dtype=dtype).reshape(-1, width))
    finally:
        result.close()
    return np.concatenate(chunks) if chunks else np.empty((0, width), dtype=dtype)


def _pair_key(left: np.ndarray, right: np.ndarray, right_max: int) -> np.ndarray:
    return left.astype("int64") * (right_max + 1) + right.astype("int64")


def _drop_conflicts(
    rows: pd.DataFrame, conflicts: dict[int, set[int]]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split off the rows of evaluators conflicted with the company they scored."""
    pairs = [(company, user) for company, users in conflicts.items() for user in users]
    if not pairs or rows.empty:
        return rows, rows.iloc[:0]
    limit = int(max(rows["evaluator_id"].max(), max(user for _, user in pairs)))
    keys = _pair_key(rows["company_id"].to_numpy(), rows["evaluator_id"].to_numpy(), limit)
    conflicted = np.isin(keys, [company * (limit + 1) + user for company, user in pairs])
    return rows[~conflicted], rows[conflicted]


def _keep_visible(rows: pd.DataFrame, visible: set[tuple[int, int]] | None) -> pd.DataFrame:
    if visible is None or rows.empty:
        return rows
    limit = int(max(rows["pack_id"].max(), max((pack for _, pack in visible), default=0)))
    keys = _pair_key(rows["company_id"].to_numpy(), rows["pack_id"].to_numpy(), limit)
    return rows[np.isin(keys, [company * (limit + 1) + pack for company, pack in visible])]


def _newest_answer_only(rows: pd.DataFrame) -> pd.DataFrame:
    """One score per evaluator, company and criterion key: the one from the newest version."""
    keys = ["company_id", "evaluator_id", "order"]
    if not rows.duplicated(keys).any():
        return rows
    return rows.sort_values("version").drop_duplicates(keys, keep="last")


def _exclusions(
    dropped: pd.DataFrame, companies: dict[int, str], users: dict[int, str]
) -> list[ConflictExclusion]:
    pairs = dropped.drop_duplicates(["company_id", "evaluator_id"])
    found = [
        ConflictExclusion(
            evaluator_id=int(evaluator),
            company_name=companies[company],
            evaluator_name=users.get(evaluator, str(evaluator)),
        )
        for company, evaluator in zip(pairs["company_id"], pairs["evaluator_id"], strict=False)
    ]
    return sorted(found, key=lambda item: (item.company_name, item.evaluator_id))


def _with_criteria(rows: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    """Add each score's criterion position and the integer facts filtering needs."""
    position = pd.Index(criteria["criterion_id"]).get_indexer(rows["criterion_id"])
    rows = rows[position >= 0].assign(criterion=position[position >= 0])
    for column in ("pack_id", "order", "version"):
        rows[column] = criteria[column].to_numpy()[rows["criterion"].to_numpy()]
    return rows


def load_portfolio(session: Session, selection: Selection, *, user: User | None) -> Portfolio:
    """Load what `user` may compare of the selection; user None (the CLI) sees everything."""
    candidates = _candidates(session, selection)
    conflicts = conflicted_user_ids(session)
    if user is not None:
        hidden = {company for company, users in conflicts.items() if user.id in users}
        candidates = candidates[~candidates["company_id"].isin(hidden)]
    companies = dict(
        zip(
            candidates["company_id"][candidates["picked"]],
            candidates["company_name"][candidates["picked"]],
            strict=False,
        )
    )
    criteria = _criteria(session)
    rows = _with_criteria(_score_rows(session, selection), criteria)
    rows = rows[rows["company_id"].isin(list(companies))]
    rows = _keep_visible(rows, visible_company_packs(session, user) if user else None)
    names = dict(session.exec(select(User.id, User.display_name)).all())
    candidates = with_owner_names(candidates, names)
    rows, dropped = _drop_conflicts(rows, conflicts)
    rows = _newest_answer_only(rows)
    facts = load_facts(session, list(companies))
    rows = without_packs_that_do_not_apply(rows, criteria, facts)
    order = np.lexsort(
        (rows["evaluator_id"].to_numpy(), rows["company_id"].to_numpy(), rows["order"].to_numpy())
    )
    all_packs = _pack_infos(criteria)
    scored = rows.groupby("pack_id")["version"].unique()
    pack_ids = dict(zip(criteria["pack_key"], criteria["pack_id"], strict=False))
    packs = [
        replace(pack, versions_scored=tuple(sorted(map(int, scored[pack_ids[pack.key]]))))
        for pack in all_packs
        if pack_ids[pack.key] in scored.index
    ]
    # Only the valuation packs with scores here get columns (issue 15).
    shown = {pack.key for pack in packs}
    facts.valuation_packs = [pack for pack in facts.valuation_packs if pack.key in shown]
    facts = counted(facts, rows)
    # In rubric order, only the columns the frame needs, and the rows let go before it is
    # built: a sorted copy of every column beside the new frame was the load's peak (issue 17).
    kept = {column: rows[column].to_numpy()[order] for column in FRAME_SOURCES}
    del rows, order
    return Portfolio(
        scores=_scores_frame(kept, criteria, companies, names),
        candidates=candidates.reset_index(drop=True),
        packs=packs,
        all_packs=all_packs,
        exclusions=_exclusions(dropped, companies, names),
        facts=facts,
    )


def _scores_frame(
    rows: dict[str, np.ndarray],
    criteria: pd.DataFrame,
    companies: dict[int, str],
    names: dict[int, str],
) -> pd.DataFrame:
    """The scores frame: names and criterion facts gathered once, for the rows kept.

    Text columns are categoricals: a portfolio repeats a few hundred names and titles over
    200,000 rows, and a categorical is built, and grouped by, without touching each string.
    """
    at = rows["criterion"]
    company_ids, evaluator_ids = rows["company_id"], rows["evaluator_id"]
    people = pd.unique(evaluator_ids)
    frame = pd.DataFrame(
        {
            "company_id": company_ids,
            "company_name": _texts(
                pd.Index(list(companies)).get_indexer(company_ids), list(companies.values())
            ),
            "evaluator_id": evaluator_ids,
            "evaluator_name": _texts(
                pd.Index(people).get_indexer(evaluator_ids),
                [names.get(int(person), "?") for person in people],
            ),
            **{
                column: _texts(at, criteria[column].tolist())
                for column in ("pack_key", "criterion_key", "criterion_title")
            },
            **{
                column: criteria[column].to_numpy()[at]
                for column in ("pack_version", "weight", "scale_min", "scale_max")
            },
            "value": rows["value"],
        }
    )[list(SCORE_COLUMNS)]
    # Optional column: the construct a criterion scores, so totals count it once (issue 15).
    frame["construct"] = _texts(at, criteria["construct"].tolist())
    frame = frame.astype({name: dtype for name, dtype in SCORE_COLUMNS.items() if dtype != "str"})
    check_scores(frame)
    return frame


def _texts(positions: np.ndarray, texts: list[str]) -> pd.Categorical:
    """texts[position] for every position, as a categorical of the distinct texts."""
    codes, distinct = pd.factorize(pd.Series(texts, dtype="str"))
    return pd.Categorical.from_codes(
        codes[positions] if len(codes) else positions, categories=distinct
    )


def with_loading_notes(
    comparison: PortfolioComparison, portfolio: Portfolio
) -> PortfolioComparison:
    """Add to the methodology what loading decided: the versions compared, what counts."""
    versions = "; ".join(
        f"{pack.key}: " + ", ".join(f"v{number}" for number in pack.versions_scored)
        for pack in portfolio.packs
    )
    notes = pd.DataFrame(
        [
            ("Pack versions scored", f"{versions or 'none'} ({VERSIONS_NOTE})"),
            ("Scorecards", SUBMITTED_NOTE),
        ],
        columns=["item", "value"],
    )
    methodology = comparison.methodology
    # Right after the "Packs" row, where a reader looks for versions.
    methodology = pd.concat([methodology.iloc[:2], notes, methodology.iloc[2:]], ignore_index=True)
    return replace(comparison, methodology=methodology)
