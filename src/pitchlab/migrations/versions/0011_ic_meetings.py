"""IC meetings (issue 14): meetings, attendees, agenda items, hidden votes, corrections.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 03:30:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import pitchlab.models.types

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

UTC = pitchlab.models.types.UTCDateTime


def _text(length: int):
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", _text(200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("status", _text(10), nullable=False),
        sa.Column("chair_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("closed_at", UTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["chair_id"], ["user.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_meeting_status", "meeting", ["status"], unique=False)
    op.create_table(
        "meetingattendee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id", "user_id"),
    )
    op.create_index(
        "ix_meetingattendee_meeting_id", "meetingattendee", ["meeting_id"], unique=False
    )
    op.create_index("ix_meetingattendee_user_id", "meetingattendee", ["user_id"], unique=False)
    op.create_table(
        "agendaitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("presenter_id", sa.Integer(), nullable=True),
        sa.Column("revealed_at", UTC(timezone=True), nullable=True),
        sa.Column("decision", _text(20), nullable=False),
        sa.Column("conditions", _text(20000), nullable=False),
        sa.Column("minutes", _text(20000), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", UTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["presenter_id"], ["user.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["decided_by_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id", "company_id"),
    )
    op.create_index("ix_agendaitem_meeting_id", "agendaitem", ["meeting_id"], unique=False)
    op.create_index("ix_agendaitem_company_id", "agendaitem", ["company_id"], unique=False)
    op.create_table(
        "meetingvote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("choice", _text(20), nullable=False),
        sa.Column("note", _text(2000), nullable=False),
        sa.Column("cast_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["agendaitem.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_id", "user_id"),
    )
    op.create_index("ix_meetingvote_item_id", "meetingvote", ["item_id"], unique=False)
    op.create_index("ix_meetingvote_user_id", "meetingvote", ["user_id"], unique=False)
    op.create_table(
        "meetingcorrection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", _text(20000), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["item_id"], ["agendaitem.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_meetingcorrection_meeting_id", "meetingcorrection", ["meeting_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_meetingcorrection_meeting_id", table_name="meetingcorrection")
    op.drop_table("meetingcorrection")
    op.drop_index("ix_meetingvote_user_id", table_name="meetingvote")
    op.drop_index("ix_meetingvote_item_id", table_name="meetingvote")
    op.drop_table("meetingvote")
    op.drop_index("ix_agendaitem_company_id", table_name="agendaitem")
    op.drop_index("ix_agendaitem_meeting_id", table_name="agendaitem")
    op.drop_table("agendaitem")
    op.drop_index("ix_meetingattendee_user_id", table_name="meetingattendee")
    op.drop_index("ix_meetingattendee_meeting_id", table_name="meetingattendee")
    op.drop_table("meetingattendee")
    op.drop_index("ix_meeting_status", table_name="meeting")
    op.drop_table("meeting")
