"""Slide images, typo-tolerant company names and an index of deck citations (issue 12).

A PPTX converted by LibreOffice keeps its PDF beside the original (`documentblob.rendition`)
and says so (`document.slide_images`), so its slides render like PDF pages. Company names get
the database's own trigram index: an FTS5 table with tokenize='trigram' kept by triggers on
SQLite, a pg_trgm GIN index on PostgreSQL (which, like migration 0005, goes on without it when
the extension cannot be created).

Revision ID: 0015
Revises: 0012
Create Date: 2026-12-05 03:50:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0012"
branch_labels = None
depends_on = None

SQLITE_NAME_INDEX = [
    "CREATE VIRTUAL TABLE company_fts_name USING fts5("
    "name, content='company', content_rowid='id', tokenize='trigram')",
    "INSERT INTO company_fts_name(rowid, name) SELECT id, name FROM company",
    "CREATE TRIGGER company_fts_name_ai AFTER INSERT ON company BEGIN "
    "INSERT INTO company_fts_name(rowid, name) VALUES (new.id, new.name); END",
    "CREATE TRIGGER company_fts_name_ad AFTER DELETE ON company BEGIN "
    "INSERT INTO company_fts_name(company_fts_name, rowid, name) "
    "VALUES ('delete', old.id, old.name); END",
    "CREATE TRIGGER company_fts_name_au AFTER UPDATE OF name ON company BEGIN "
    "INSERT INTO company_fts_name(company_fts_name, rowid, name) "
    "VALUES ('delete', old.id, old.name); "
    "INSERT INTO company_fts_name(rowid, name) VALUES (new.id, new.name); END",
]
POSTGRES_NAME_INDEX = "CREATE INDEX company_fts_name ON company USING gin (name gin_trgm_ops)"
# Scores whose evidence cites a document page, for compare (compare/citations.py asks with the
# same condition, written out there): a partial index, so a comparison reads those few scores
# instead of every score's evidence.
CITING_INDEX = {
    "sqlite": "CREATE INDEX score_doc_citations ON score (evaluation_id) "
    "WHERE evidence LIKE '%\"doc:%'",
    "postgresql": "CREATE INDEX score_doc_citations ON score (evaluation_id) "
    "WHERE CAST(evidence AS TEXT) LIKE '%\"doc:%'",
}


def upgrade() -> None:
    # Plain ADD COLUMN, which SQLite does in place: no copy of the tables and their blobs.
    op.add_column(
        "document",
        sa.Column("slide_images", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("documentblob", sa.Column("rendition", sa.LargeBinary(), nullable=True))
    bind = op.get_bind()
    op.execute(CITING_INDEX[bind.dialect.name])
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_NAME_INDEX:
            op.execute(statement)
        return
    with bind.begin_nested() as savepoint:
        try:
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            bind.exec_driver_sql(POSTGRES_NAME_INDEX)
        except Exception:  # noqa: BLE001 - no rights for the extension: names are scanned
            savepoint.rollback()


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS score_doc_citations")
    if op.get_bind().dialect.name == "sqlite":
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS company_fts_name_{suffix}")
        op.execute("DROP TABLE IF EXISTS company_fts_name")
    else:
        op.execute("DROP INDEX IF EXISTS company_fts_name")
    # In place on both (SQLite 3.35+): batch mode's table copy locks on a filled database.
    op.execute("ALTER TABLE documentblob DROP COLUMN rendition")
    op.execute("ALTER TABLE document DROP COLUMN slide_images")
