"""Export jobs: long portfolio exports run in the background, their status and file kept
in the database so any app process can report them (issue 5).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 12:55:06.681964
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import pitchlab.models.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exportjob",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("format", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("query", sqlmodel.sql.sqltypes.AutoString(length=8000), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("step", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("result", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("exportjob", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exportjob_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_exportjob_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("exportjob", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exportjob_user_id"))
        batch_op.drop_index(batch_op.f("ix_exportjob_created_at"))

    op.drop_table("exportjob")
