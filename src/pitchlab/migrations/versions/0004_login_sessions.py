"""Login sessions kept on the server, so logout, a password change or a deactivation ends
them at once, and an admin can end any user's sessions (issue 11).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 21:03:05.153186
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import pitchlab.models.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "loginsession",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("user_agent", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_hash"),
    )
    with op.batch_alter_table("loginsession", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_loginsession_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("loginsession", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_loginsession_user_id"))

    op.drop_table("loginsession")
