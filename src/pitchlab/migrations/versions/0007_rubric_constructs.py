"""Rubric criteria name the construct they are the one home of, and a pack version lists the
constructs it relies on but scores in another pack (issue 15: one home per construct).

Revision ID: 0007
Revises: 0003
Create Date: 2026-12-04 21:30:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never batch mode: a batch rebuild on SQLite would cascade-delete the
    # criteria of every version (see 0003).
    op.add_column(
        "rubriccriterion",
        sa.Column("construct_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    )
    op.add_column("rubricversion", sa.Column("see", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("rubricversion", "see")
    op.drop_column("rubriccriterion", "construct_key")
