"""Worksheets (issue 16): one per company and kind, their revisions, and new-model marks.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 21:10:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import pitchlab.models.types

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

UTC = pitchlab.models.types.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "worksheet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["updated_by_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("company_id", "kind"),
    )
    op.create_index("ix_worksheet_company_id", "worksheet", ["company_id"], unique=False)
    op.create_table(
        "worksheetrevision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worksheet_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["worksheet_id"], ["worksheet.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("worksheet_id", "number"),
    )
    op.create_index(
        "ix_worksheetrevision_worksheet_id", "worksheetrevision", ["worksheet_id"], unique=False
    )
    op.create_table(
        "modelrelease",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("shipped_on", sa.Date(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_modelrelease_created_at", "modelrelease", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_modelrelease_created_at", table_name="modelrelease")
    op.drop_table("modelrelease")
    op.drop_index("ix_worksheetrevision_worksheet_id", table_name="worksheetrevision")
    op.drop_table("worksheetrevision")
    op.drop_index("ix_worksheet_company_id", table_name="worksheet")
    op.drop_table("worksheet")
