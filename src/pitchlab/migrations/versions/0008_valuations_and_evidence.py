"""Issue 15: valuation anchors per region, stage and currency; a company's region and whether
it has revenue; "insufficient evidence" answers; deal-breaker gates on criteria; packs that do
not apply to some companies; the technical-debt maturity map.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 21:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

import pitchlab.models.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Plain ADD COLUMN throughout, never batch mode: on SQLite a batch rebuild drops the old table,
# and with foreign keys on that deletes its cascading children (see 0003).
NEW_COLUMNS = [
    ("company", sa.Column("region", sa.String(length=30), nullable=False, server_default="")),
    (
        "company",
        sa.Column("has_revenue", sa.Boolean(), nullable=False, server_default=sa.false()),
    ),
    (
        "score",
        sa.Column("is_insufficient", sa.Boolean(), nullable=False, server_default=sa.false()),
    ),
    ("rubriccriterion", sa.Column("gate", sa.JSON(), nullable=True)),
    ("rubricversion", sa.Column("applies_unless", sa.JSON(), nullable=True)),
    ("techdebtestimate", sa.Column("maturity", sa.JSON(), nullable=False, server_default="{}")),
]


def upgrade() -> None:
    op.create_table(
        "valuationanchor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=30), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["updated_by_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("region", "stage", "currency"),
    )
    op.create_index(op.f("ix_valuationanchor_region"), "valuationanchor", ["region"], unique=False)
    for table, column in NEW_COLUMNS:
        op.add_column(table, column)


def downgrade() -> None:
    for table, column in reversed(NEW_COLUMNS):
        op.drop_column(table, column.name)
    op.drop_index(op.f("ix_valuationanchor_region"), table_name="valuationanchor")
    op.drop_table("valuationanchor")
