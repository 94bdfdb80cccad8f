"""PR/FAQ drafts can be archived: when and by whom, so archived drafts leave the lists while
scores that cite their revisions keep working.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 16:05:02.354422
"""

import sqlalchemy as sa
from alembic import op

import pitchlab.models.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never batch mode: on SQLite a batch rebuild drops the old table, and
    # with foreign keys on that deletes every draft's revisions (ON DELETE CASCADE). The
    # foreign key is written inline (REFERENCES), which SQLite accepts in ADD COLUMN.
    op.add_column(
        "prfaqdraft",
        sa.Column("archived_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=True),
    )
    op.add_column(
        "prfaqdraft",
        sa.Column("archived_by_id", sa.Integer(), sa.ForeignKey("user.id"), nullable=True),
        inline_references=True,
    )


def downgrade() -> None:
    # In place on SQLite too: a column whose foreign key is written inline can be dropped.
    op.drop_column("prfaqdraft", "archived_by_id")
    op.drop_column("prfaqdraft", "archived_at")
