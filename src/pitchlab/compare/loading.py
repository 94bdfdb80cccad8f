"""The scores frame of a comparison, read from the database with the visibility rules applied.

Only submitted scorecards count. An evaluator with a conflict of interest is dropped from that
company's scores (and named in the methodology); a caller with a conflict does not see the
company at all; a blinded caller (visible_company_packs returns a set) sees a company's pack
only once they have submitted their own scorecard for it.

A pack's versions are compared by criterion key: a criterion keeps the title and weight of the
newest version that has it, so scores given against version 1 and version 2 sit in one column.

Seven statements load any portfolio, whatever its size (queries.py has those that read the
companies, criteria and scores); pandas does the rest.
"""

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from sqlmodel import Session, select

from ..models import User
from ..scoring.access import conflicted_user_ids, visible_company_packs
from ..web.i18n import localized
from . import queries
from .comparison import PortfolioComparison
from .deal_terms import with_owner_names
from .facts import counted, load_facts, without_packs_that_do_not_apply
from .flags import PanelFacts
from .methodology import ConflictExclusion
from .scores import SCORE_COLUMNS, check_scores
from .selection import Selection

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


def _versions_scored(rows: pd.DataFrame) -> dict[int, list[int]]:
    """pack id -> the versions scored, ascending; from the distinct pairs, not a group-by."""
    version = rows["version"].to_numpy(dtype="int64")
    span = int(version.max(initial=0)) + 1
    scored: dict[int, list[int]] = {}
    for pair in np.unique(rows["pack_id"].to_numpy(dtype="int64") * span + version).tolist():
        scored.setdefault(pair // span, []).append(pair % span)
    return scored


def _exclusions(
    dropped: pd.DataFrame, companies: dict[int, str], users: dict[int, str]
) -> list[ConflictExclusion]:
    if dropped.empty:  # as most comparisons: drop_duplicates costs half a millisecond even so
        return []
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
    candidates = queries.candidates(session, selection)
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
    criteria = queries.criteria(session)
    rows = _with_criteria(queries.score_rows(session, selection), criteria)
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
    scored = _versions_scored(rows)
    pack_ids = dict(zip(criteria["pack_key"], criteria["pack_id"], strict=False))
    packs = [
        replace(pack, versions_scored=tuple(scored[pack_ids[pack.key]]))
        for pack in all_packs
        if pack_ids[pack.key] in scored
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
    columns = {
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
    # Built in SCORE_COLUMNS order rather than reordered after (a copy of every column), with
    # the optional construct a criterion scores, so totals count it once (issue 15).
    frame = pd.DataFrame(
        {
            **{name: columns[name] for name in SCORE_COLUMNS},
            "construct": _texts(at, criteria["construct"].tolist()),
        }
    )
    # Only the columns that need it (an empty portfolio's): a cast of each is a copy, and
    # astype copies the frame even when there is nothing to cast (issue 17).
    casts = {
        name: dtype
        for name, dtype in SCORE_COLUMNS.items()
        if dtype != "str" and frame[name].dtype != dtype
    }
    if casts:
        frame = frame.astype(casts)
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
