"""Company names typed with a mistake, found by the database's own trigram matching.

PostgreSQL: pg_trgm's `name % query` (similarity at least 0.3, its default) over the GIN index
of migration 0015, best first. SQLite: the FTS5 trigram table of migration 0015 gives the names
sharing any three characters with the query, and `similarity` below, which counts trigrams the
way pg_trgm does (each word padded with two spaces before and one after), keeps those at 0.3 or
more. So both databases find "Clausmint" for Clausemint and "栖语智慧" for 栖语智能. A name of
four Chinese characters with its second or third one wrong shares no three-character run with
the query: SQLite finds nothing then, and PostgreSQL scores it 0.25, under the threshold.
"""

import re
from functools import cache

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from ..models import Company

SIMILARITY = 0.3  # pg_trgm.similarity_threshold's default
CANDIDATES = 50  # names sharing a trigram, best bm25 first, that SQLite scores
WORD = re.compile(r"\w+")
SQLITE = text(
    "SELECT c.id, c.name FROM company_fts_name f JOIN company c ON c.id = f.rowid "
    "WHERE company_fts_name MATCH :query ORDER BY f.rank LIMIT :limit"
)


def trigrams(value: str) -> set[str]:
    """pg_trgm's trigrams: lower-cased words, each padded "  word "."""
    found = set()
    for word in WORD.findall(value.lower()):
        padded = f"  {word} "
        found.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return found


def similarity(left: str, right: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of the two."""
    a, b = trigrams(left), trigrams(right)
    return len(a & b) / len(a | b) if a and b else 0.0


def _fts5_any_trigram(query: str) -> str:
    # FTS5's trigram tokenizer reads runs of three characters, spaces included, without case.
    runs = {query.lower()[i : i + 3] for i in range(len(query) - 2)}
    return " OR ".join('"' + run.replace('"', '""') + '"' for run in sorted(runs))


@cache
def _has_pg_trgm(engine) -> bool:
    # Asked once per engine: migration 0015 goes on without the extension when it lacks rights.
    with engine.connect() as connection:
        found = "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"
        return connection.exec_driver_sql(found).first() is not None


def similar_company_ids(session: Session, query: str, *, limit: int) -> list[int]:
    """Ids of the companies whose names look most like `query`, best first."""
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        if len(query) < 3:
            return []
        rows = session.execute(
            SQLITE, {"query": _fts5_any_trigram(query), "limit": CANDIDATES}
        ).all()
    elif _has_pg_trgm(bind):
        score = func.similarity(Company.name, query)
        return list(
            session.exec(
                select(Company.id)
                .where(col(Company.name).op("%")(query))
                .order_by(score.desc(), col(Company.id))
                .limit(limit)
            ).all()
        )
    else:  # pg_trgm could not be installed: every name, scored here
        rows = session.exec(select(Company.id, Company.name)).all()
    scored = sorted(
        ((similarity(name, query), company_id) for company_id, name in rows),
        key=lambda pair: (-pair[0], pair[1]),
    )
    return [company_id for score, company_id in scored if score >= SIMILARITY][:limit]
