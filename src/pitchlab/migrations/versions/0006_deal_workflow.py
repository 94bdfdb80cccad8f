"""The deal workflow (issue 13): deal terms and an owner on companies, assignments, the
activity timeline with comments, notifications, saved list views, and each user's visits.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 21:05:16.169930
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import pitchlab.models.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

DEAL_TEXT_COLUMNS = {
    "deal_round": 20,
    "currency": 3,
    "lead_investor": 200,
    "source": 20,
    "referrer": 200,
    "next_step": 200,
}
MONEY_COLUMNS = ("amount_raising", "pre_money", "check_size")


def upgrade() -> None:

    op.create_table(
        "savedview",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("query", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "name"),
    )
    with op.batch_alter_table("savedview", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_savedview_user_id"), ["user_id"], unique=False)

    op.create_table(
        "activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(length=10000), nullable=False),
        sa.Column("edited_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("deleted_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["user.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_kind"), ["kind"], unique=False)

    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("pack_id", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("assigned_by_id", sa.Integer(), nullable=True),
        sa.Column("completed_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["assigned_by_id"], ["user.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["pack_id"], ["rubricpack.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("company_id", "user_id", "pack_id"),
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_pack_id"), ["pack_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_user_id"), ["user_id"], unique=False)

    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("read_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["activity_id"], ["activity.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_activity_id"), ["activity_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_notification_user_id"), ["user_id"], unique=False)

    # Plain ADD COLUMN, never batch mode: company and user have cascading children, and a batch
    # rebuild on SQLite would delete them (see 0003). Existing companies get empty deal terms
    # and US dollars; the server defaults only fill those rows.
    for name, length in DEAL_TEXT_COLUMNS.items():
        op.add_column(
            "company",
            sa.Column(
                name,
                sqlmodel.sql.sqltypes.AutoString(length=length),
                nullable=False,
                server_default="USD" if name == "currency" else "",
            ),
        )
    for name in MONEY_COLUMNS:
        op.add_column("company", sa.Column(name, sa.BigInteger(), nullable=True))
    op.add_column(
        "company",
        sa.Column(
            "owner_id",
            sa.Integer(),
            sa.ForeignKey("user.id"),
            nullable=True,
        ),
        inline_references=True,
    )
    op.create_index("ix_company_owner_id", "company", ["owner_id"], unique=False)
    for name in ("next_step_due", "first_contact"):
        op.add_column("company", sa.Column(name, sa.Date(), nullable=True))
    for name in ("last_visit_at", "previous_visit_at"):
        op.add_column(
            "user",
            sa.Column(name, pitchlab.models.types.UTCDateTime(timezone=True), nullable=True),
        )


def downgrade() -> None:
    for name in ("previous_visit_at", "last_visit_at"):
        op.drop_column("user", name)
    op.drop_index("ix_company_owner_id", table_name="company")
    for name in ("first_contact", "next_step_due", "owner_id", *MONEY_COLUMNS, *DEAL_TEXT_COLUMNS):
        op.drop_column("company", name)
    for table in ("notification", "assignment", "activity", "savedview"):
        op.drop_table(table)
