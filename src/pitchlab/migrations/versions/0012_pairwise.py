"""Head-to-head ranking of finalists (issue 14): sessions, finalists, judgements.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 03:40:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import pitchlab.models.types

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

UTC = pitchlab.models.types.UTCDateTime
Text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "pairwisesession",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", Text(length=200), nullable=False),
        sa.Column("status", Text(length=10), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_pairwisesession_created_at", "pairwisesession", ["created_at"], unique=False
    )
    op.create_table(
        "pairwisefinalist",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["pairwisesession.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "company_id"),
    )
    op.create_index(
        "ix_pairwisefinalist_session_id", "pairwisefinalist", ["session_id"], unique=False
    )
    op.create_index(
        "ix_pairwisefinalist_company_id", "pairwisefinalist", ["company_id"], unique=False
    )
    op.create_table(
        "pairwisejudgement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("judge_id", sa.Integer(), nullable=False),
        sa.Column("company_a_id", sa.Integer(), nullable=False),
        sa.Column("company_b_id", sa.Integer(), nullable=False),
        sa.Column("outcome", Text(length=3), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["pairwisesession.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["judge_id"], ["user.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["company_a_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["company_b_id"], ["company.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "judge_id", "company_a_id", "company_b_id"),
    )
    op.create_index(
        "ix_pairwisejudgement_session_id", "pairwisejudgement", ["session_id"], unique=False
    )
    op.create_index(
        "ix_pairwisejudgement_judge_id", "pairwisejudgement", ["judge_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_pairwisejudgement_judge_id", table_name="pairwisejudgement")
    op.drop_index("ix_pairwisejudgement_session_id", table_name="pairwisejudgement")
    op.drop_table("pairwisejudgement")
    op.drop_index("ix_pairwisefinalist_company_id", table_name="pairwisefinalist")
    op.drop_index("ix_pairwisefinalist_session_id", table_name="pairwisefinalist")
    op.drop_table("pairwisefinalist")
    op.drop_index("ix_pairwisesession_created_at", table_name="pairwisesession")
    op.drop_table("pairwisesession")
