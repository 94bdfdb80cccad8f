"""One search over companies, notes, document pages, PR/FAQ sections and rationales.

Permissions and conflicts are those of the pages the results link to: everyone finds
companies, notes and document pages (conflicted users read documents too); PR/FAQ sections
and rationales of a company the user is conflicted with are never found, and a rationale is
found only where its scorecard would be shown to the user (their own, or one blind review
lets them see).
"""

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session, col, or_, select

from ..models import Company, Evaluation, PrfaqDraft, PrfaqRevision, RubricVersion, Score, User
from ..scoring.access import conflicted_user_ids, sees_everything, visible_company_packs
from .names import similar_company_ids
from .pages import query_words, search_pages

QUERY_MAX = 200
LIMIT = 20  # per kind
SNIPPET = 160
NAME_WORDS = 2  # a longer query is no mistyped name
NAME_MATCHES = 5
TRIGRAM = 3


@dataclass(frozen=True)
class Result:
    kind: str  # company, note, page, prfaq, rationale
    company_id: int
    title: str
    snippet: str
    url: str
    document_id: int | None = None
    page: int | None = None


def snippet_around(body: str, query: str, terms: list[str]) -> str:
    """About SNIPPET characters of `body` around the first place the query (or a word) is."""
    flat = " ".join(body.split())
    lowered = flat.lower()
    spots = [lowered.find(t) for t in [query.lower(), *terms] if t and lowered.find(t) >= 0]
    start = max(min(spots) - SNIPPET // 3, 0) if spots else 0
    cut = flat[start : start + SNIPPET]
    return ("…" if start else "") + cut + ("…" if start + SNIPPET < len(flat) else "")


def _like(query: str) -> str:
    return "%" + re.sub(r"([%_\\])", r"\\\1", query) + "%"


def _companies(session: Session, query: str) -> list[Result]:
    pattern = _like(query)
    rows = session.exec(
        select(Company)
        .where(
            or_(
                col(Company.name).ilike(pattern, escape="\\"),
                col(Company.one_liner).ilike(pattern, escape="\\"),
                col(Company.sector).ilike(pattern, escape="\\"),
                col(Company.tags).ilike(pattern, escape="\\"),
            )
        )
        .limit(LIMIT)
    ).all()
    if not rows and len(query.split()) <= NAME_WORDS:  # a name, mistyped?
        ids = similar_company_ids(session, query, limit=NAME_MATCHES)
        found = {c.id: c for c in session.exec(select(Company).where(col(Company.id).in_(ids)))}
        rows = [found[company_id] for company_id in ids if company_id in found]
    return [Result("company", c.id, c.name, c.one_liner, f"/companies/{c.id}") for c in rows]


def _notes(session: Session, query: str, terms: list[str]) -> list[Result]:
    rows = session.exec(
        select(Company.id, Company.name, Company.notes)
        .where(col(Company.notes).ilike(_like(query), escape="\\"))
        .limit(LIMIT)
    ).all()
    return [
        Result("note", cid, name, snippet_around(notes, query, terms), f"/companies/{cid}#notes")
        for cid, name, notes in rows
    ]


def _pages(session: Session, query: str, terms: list[str]) -> list[Result]:
    return [
        Result(
            "page",
            row.company_id,
            row.title or f"p{row.number}",
            snippet_around(row.text, query, terms),
            f"/documents/{row.document_id}?page={row.number}#page-{row.number}",
            document_id=row.document_id,
            page=row.number,
        )
        for row in search_pages(session, query)
    ]


def _prfaqs(session: Session, query: str, terms: list[str], blocked: set[int]) -> list[Result]:
    # Sections are JSON: searched here rather than in SQL, where JSON escapes hide Chinese.
    rows = session.exec(
        select(PrfaqDraft, PrfaqRevision)
        .join(
            PrfaqRevision,
            (col(PrfaqRevision.draft_id) == PrfaqDraft.id)
            & (col(PrfaqRevision.number) == PrfaqDraft.current_revision),
        )
        .where(col(PrfaqDraft.archived_at).is_(None))
    ).all()
    needle = query.lower()
    found = []
    for draft, revision in rows:
        if draft.company_id in blocked:
            continue
        for key, body in (revision.sections or {}).items():
            if isinstance(body, str) and needle in body.lower():
                url = f"/prfaqs/{draft.id}#section-{key}"
                snippet = snippet_around(body, query, terms)
                found.append(Result("prfaq", draft.company_id, draft.title, snippet, url))
                break
    return found[:LIMIT]


def _rationale_match(session: Session, query: str):
    # SQLite: the trigram FTS5 index of migration 0005 finds substrings of 3 characters or more.
    # PostgreSQL: ILIKE, which pg_trgm's index (when installed) answers.
    if session.get_bind().dialect.name == "sqlite" and len(query) >= TRIGRAM:
        phrase = '"' + query.replace('"', '""') + '"'  # a trigram phrase: a substring
        return col(Score.id).in_(
            text(
                "SELECT rowid FROM documentpage_fts_rationale "
                "WHERE documentpage_fts_rationale MATCH :phrase"
            ).bindparams(phrase=phrase)
        )
    return col(Score.rationale).ilike(_like(query), escape="\\")


def _rationales(session: Session, user: User, query: str, blocked: set[int]) -> list[Result]:
    rows = session.exec(
        select(Score.rationale, Evaluation, RubricVersion.pack_id)
        .join(Evaluation, col(Score.evaluation_id) == Evaluation.id)
        .join(RubricVersion, col(Evaluation.rubric_version_id) == RubricVersion.id)
        .where(_rationale_match(session, query))
        .limit(LIMIT * 5)
    ).all()
    visible = None if sees_everything(session, user) else visible_company_packs(session, user)
    found = []
    for rationale, evaluation, pack_id in rows:
        if evaluation.company_id in blocked:
            continue
        own = evaluation.evaluator_id == user.id
        shown = evaluation.submitted_at is not None and (
            visible is None or (evaluation.company_id, pack_id) in visible
        )
        if own or shown:
            url = (
                f"/scorecards/{evaluation.id}"
                if own
                else (f"/companies/{evaluation.company_id}/scores")
            )
            snippet = snippet_around(rationale, query, [])
            found.append(Result("rationale", evaluation.company_id, "", snippet, url))
    return found[:LIMIT]


def search_everything(session: Session, user: User, query: str) -> list[Result]:
    """Every kind of result for the query, grouped by company (companies first in each)."""
    query = " ".join(query.split())[:QUERY_MAX]
    if not query:
        return []
    terms = query_words(query)
    conflicts = conflicted_user_ids(session)
    blocked = {company for company, users in conflicts.items() if user.id in users}
    results = [
        *_companies(session, query),
        *_notes(session, query, terms),
        *_pages(session, query, terms),
        *_prfaqs(session, query, terms, blocked),
        *_rationales(session, user, query, blocked),
    ]
    order = {"company": 0, "note": 1, "page": 2, "prfaq": 3, "rationale": 4}
    first_seen: dict[int, int] = {}
    for position, result in enumerate(results):
        first_seen.setdefault(result.company_id, position)
    return sorted(results, key=lambda r: (first_seen[r.company_id], order[r.kind]))
