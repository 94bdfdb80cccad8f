"""Company documents (issue 12): versions, bytes, page text, and the page full-text index.

The full-text index lives outside the models: an FTS5 table kept by triggers on SQLite, a GIN
index over to_tsvector('simple', terms) on PostgreSQL. `documentpage.terms` holds the words
already segmented (Chinese by jieba), so both databases only split on spaces.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 21:06:55.351219
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import pitchlab.models.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("content_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("error", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("archived_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("archived_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["archived_by_id"], ["user.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("company_id", "kind", "version"),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_company_id"), ["company_id"], unique=False)

    op.create_table(
        "documentblob",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("path", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id"),
    )
    op.create_table(
        "documentpage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("terms", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("document_id", "number"),
    )
    with op.batch_alter_table("documentpage", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_documentpage_document_id"), ["document_id"], unique=False
        )

    _create_page_index()


def downgrade() -> None:
    _drop_page_index()
    with op.batch_alter_table("documentpage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documentpage_document_id"))

    op.drop_table("documentpage")
    op.drop_table("documentblob")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_company_id"))

    op.drop_table("document")


SQLITE_INDEX = [
    "CREATE VIRTUAL TABLE documentpage_fts USING fts5("
    "terms, content='documentpage', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER documentpage_fts_ai AFTER INSERT ON documentpage BEGIN "
    "INSERT INTO documentpage_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER documentpage_fts_ad AFTER DELETE ON documentpage BEGIN "
    "INSERT INTO documentpage_fts(documentpage_fts, rowid, terms) "
    "VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER documentpage_fts_au AFTER UPDATE ON documentpage BEGIN "
    "INSERT INTO documentpage_fts(documentpage_fts, rowid, terms) "
    "VALUES ('delete', old.id, old.terms); "
    "INSERT INTO documentpage_fts(rowid, terms) VALUES (new.id, new.terms); END",
]
POSTGRES_INDEX = [
    "CREATE INDEX documentpage_fts ON documentpage USING gin (to_tsvector('simple', terms))",
]
# Rationales are searched as typed (any language, any part of a word): a trigram index.
SQLITE_RATIONALE_INDEX = [
    "CREATE VIRTUAL TABLE documentpage_fts_rationale USING fts5("
    "rationale, content='score', content_rowid='id', tokenize='trigram')",
    "INSERT INTO documentpage_fts_rationale(rowid, rationale) SELECT id, rationale FROM score",
    "CREATE TRIGGER documentpage_fts_rationale_ai AFTER INSERT ON score BEGIN "
    "INSERT INTO documentpage_fts_rationale(rowid, rationale) VALUES (new.id, new.rationale); END",
    "CREATE TRIGGER documentpage_fts_rationale_ad AFTER DELETE ON score BEGIN "
    "INSERT INTO documentpage_fts_rationale(documentpage_fts_rationale, rowid, rationale) "
    "VALUES ('delete', old.id, old.rationale); END",
    "CREATE TRIGGER documentpage_fts_rationale_au AFTER UPDATE OF rationale ON score BEGIN "
    "INSERT INTO documentpage_fts_rationale(documentpage_fts_rationale, rowid, rationale) "
    "VALUES ('delete', old.id, old.rationale); "
    "INSERT INTO documentpage_fts_rationale(rowid, rationale) VALUES (new.id, new.rationale); END",
]
POSTGRES_RATIONALE_INDEX = (
    "CREATE INDEX documentpage_fts_rationale ON score USING gin (rationale gin_trgm_ops)"
)


def _create_page_index() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_INDEX if dialect == "sqlite" else POSTGRES_INDEX:
        op.execute(statement)
    if dialect == "sqlite":
        for statement in SQLITE_RATIONALE_INDEX:
            op.execute(statement)
        return
    # pg_trgm ships with PostgreSQL but may need rights the app's user lacks: without it,
    # rationale search still works, by scanning.
    bind = op.get_bind()
    with bind.begin_nested() as savepoint:
        try:
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            bind.exec_driver_sql(POSTGRES_RATIONALE_INDEX)
        except Exception:  # noqa: BLE001 - no rights for the extension: go on without it
            savepoint.rollback()


def _drop_page_index() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in ("documentpage_fts", "documentpage_fts_rationale"):
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {table}")
    else:
        op.execute("DROP INDEX IF EXISTS documentpage_fts_rationale")
        op.execute("DROP INDEX IF EXISTS documentpage_fts")
