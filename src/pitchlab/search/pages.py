"""Full-text search over document pages with the database's own index (migration 0005).

SQLite: FTS5 over documentpage.terms, kept current by triggers. PostgreSQL: a GIN index over
to_tsvector('simple', terms). Both see the same words: the page's text already segmented
(Chinese by jieba) and stemmed when it was extracted, and the query goes through the same
documents.text.words, so "客户" finds a page about 客户 and "customers" one about a customer.
"""

from sqlalchemy import text
from sqlmodel import Session

from ..documents.text import words

PAGE_LIMIT = 30


def query_words(query: str) -> list[str]:
    return [w.replace("'", "").replace("’", "") for w in words(query) if w.strip("'’")][:12]


def _fts5_query(terms: list[str]) -> str:
    # Every word must appear; the last may be a prefix (the user may still be typing it).
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def _tsquery(terms: list[str]) -> str:
    return " & ".join([*terms[:-1], f"{terms[-1]}:*"])


# Best first, at most PER_COMPANY pages of any one company (results are grouped by company:
# a company's twentieth matching page helps no one), at most PAGE_LIMIT in all. The ranked
# candidates come from the index alone; page text is read for the rows shown only.
RANKED = (
    "SELECT id, document_id, number, title, text, company_id, version FROM ("
    "SELECT p.id, p.document_id, p.number, p.title, p.text, d.company_id, d.version, f.score, "
    "row_number() OVER (PARTITION BY d.company_id ORDER BY f.score, p.id) AS nth "
    "FROM ({candidates}) f JOIN documentpage p ON p.id = f.id "
    "JOIN document d ON d.id = p.document_id WHERE d.archived_at IS NULL"
    ") ranked WHERE nth <= :per_company ORDER BY score, id LIMIT :limit"
)
# SQLite: FTS5's bm25 rank (lower is better), computed inside the index.
SQLITE = text(
    RANKED.format(
        candidates="SELECT rowid AS id, rank AS score FROM documentpage_fts "
        "WHERE documentpage_fts MATCH :query ORDER BY rank LIMIT :candidates"
    )
)
# PostgreSQL: ranking recomputes each candidate's tsvector, so at most CANDIDATES matching
# pages are ranked (negated: lower is better, as on SQLite).
POSTGRES = text(
    RANKED.format(
        candidates="SELECT id, -ts_rank(to_tsvector('simple', terms), "
        "to_tsquery('simple', :query)) AS score FROM (SELECT id, terms FROM documentpage "
        "WHERE to_tsvector('simple', terms) @@ to_tsquery('simple', :query) "
        "LIMIT :candidates) matching"
    )
)
CANDIDATES = 300
PER_COMPANY = 3


def search_pages(session: Session, query: str, *, limit: int = PAGE_LIMIT) -> list:
    """Pages of current (not archived) documents holding every word of the query, best first,
    at most PER_COMPANY of a company."""
    terms = query_words(query)
    if not terms:
        return []
    if session.get_bind().dialect.name == "sqlite":
        statement, value = SQLITE, _fts5_query(terms)
    else:
        statement, value = POSTGRES, _tsquery(terms)
    values = {
        "query": value,
        "limit": limit,
        "candidates": CANDIDATES,
        "per_company": PER_COMPANY,
    }
    return list(session.execute(statement, values))
