"""A scorecard's changes indexed by (evaluation, id), for its newest change (issue 17).

Each autosave answers with the id of the scorecard's newest change, which a tab compares to
notice saves made elsewhere. That replaces a count of the scorecard's changes, which read every
one of them; with the id in the index, the newest is one step away on both databases. The
index replaces the one on evaluation_id alone, which it also serves.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 01:20:00.000000
"""

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_scoreevent_evaluation_change", "scoreevent", ["evaluation_id", "id"])
    op.drop_index("ix_scoreevent_evaluation_id", table_name="scoreevent")


def downgrade() -> None:
    op.create_index("ix_scoreevent_evaluation_id", "scoreevent", ["evaluation_id"])
    op.drop_index("ix_scoreevent_evaluation_change", table_name="scoreevent")
