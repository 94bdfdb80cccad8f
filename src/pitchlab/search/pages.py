"""Full-text search over document pages with the database's own index (migration 0005).

SQLite: FTS5 over documentpage.terms, kept current by triggers. PostgreSQL: a GIN index over
to_tsvector('simple', terms). Both see the same words: the page's text already segmented
(Chinese by jieba) and stemmed when it was extracted, and the query goes through the same
documents.text.words, so "客户" finds a page about 客户 and "customers" one about a customer.
"""

from sqlalchemy import text
from sqlmodel import Session

from ..documents.text import words

PAGE_LIMIT = 60


def query_words(query: str) -> list[str]:
    return [w.replace("'", "").replace("’", "") for w in words(query) if w.strip("'’")][:12]


def _fts5_query(terms: list[str]) -> str:
    # Every word must appear; the last may be a prefix (the user may still be typing it).
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def _tsquery(terms: list[str]) -> str:
    return " & ".join([*terms[:-1], f"{terms[-1]}:*"])


SQLITE = text(
    "SELECT p.id, p.document_id, p.number, p.title, p.text, d.company_id, d.version "
    "FROM documentpage_fts f JOIN documentpage p ON p.id = f.rowid "
    "JOIN document d ON d.id = p.document_id "
    "WHERE documentpage_fts MATCH :query AND d.archived_at IS NULL "
    "ORDER BY bm25(documentpage_fts) LIMIT :limit"
)
# Ranking recomputes each candidate's tsvector: rank at most PG_CANDIDATES matching pages.
POSTGRES = text(
    "SELECT p.id, p.document_id, p.number, p.title, p.text, d.company_id, d.version "
    "FROM (SELECT * FROM documentpage "
    "WHERE to_tsvector('simple', terms) @@ to_tsquery('simple', :query) LIMIT :candidates) p "
    "JOIN document d ON d.id = p.document_id WHERE d.archived_at IS NULL "
    "ORDER BY ts_rank(to_tsvector('simple', p.terms), to_tsquery('simple', :query)) DESC "
    "LIMIT :limit"
)
PG_CANDIDATES = 500


def search_pages(session: Session, query: str, *, limit: int = PAGE_LIMIT) -> list:
    """Pages of current (not archived) documents holding every word of the query."""
    terms = query_words(query)
    if not terms:
        return []
    if session.get_bind().dialect.name == "sqlite":
        statement, value = SQLITE, _fts5_query(terms)
    else:
        statement, value = POSTGRES, _tsquery(terms)
    values = {"query": value, "limit": limit, "candidates": PG_CANDIDATES}
    return list(session.execute(statement, values))
