"""Initial schema: companies, users, rubrics, scorecards and PR/FAQ drafts (issue 2).

Revision ID: 0001
Revises:
Create Date: 2026-11-29 12:34:04.159882
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import pitchlab.models.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "appsetting",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "company",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("name_key", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("one_liner", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("website", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("sector", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("modality", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("model_strategy", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("founders", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("location", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("founded_year", sa.Integer(), nullable=True),
        sa.Column("tags", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("customers", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
        sa.Column("archived_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name_key"),
    )
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_company_sector"), ["sector"], unique=False)
        batch_op.create_index(batch_op.f("ix_company_stage"), ["stage"], unique=False)
        batch_op.create_index(batch_op.f("ix_company_status"), ["status"], unique=False)

    op.create_table(
        "loginattempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("loginattempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_loginattempt_address"), ["address"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_loginattempt_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_loginattempt_email"), ["email"], unique=False)

    op.create_table(
        "prfaqtemplate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key", "version"),
    )
    op.create_table(
        "rubricpack",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("display_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("locale", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "apitoken",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("apitoken", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_apitoken_user_id"), ["user_id"], unique=False)

    op.create_table(
        "conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("declared_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["declared_by_id"], ["user.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("company_id", "user_id"),
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflict_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflict_user_id"), ["user_id"], unique=False)

    op.create_table(
        "prfaqdraft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("current_revision", sa.Integer(), nullable=False),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["prfaqtemplate.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("prfaqdraft", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_prfaqdraft_company_id"), ["company_id"], unique=False)

    op.create_table(
        "rubricversion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pack_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("source", sa.JSON(), nullable=False),
        sa.Column("scale_min", sa.Integer(), nullable=False),
        sa.Column("scale_max", sa.Integer(), nullable=False),
        sa.Column("valuation", sa.JSON(), nullable=True),
        sa.Column("calculator", sa.JSON(), nullable=True),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["pack_id"], ["rubricpack.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pack_id", "version"),
    )
    with op.batch_alter_table("rubricversion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rubricversion_pack_id"), ["pack_id"], unique=False)

    op.create_table(
        "techdebtestimate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("efforts", sa.JSON(), nullable=False),
        sa.Column("updated_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("company_id", "user_id"),
    )
    with op.batch_alter_table("techdebtestimate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_techdebtestimate_company_id"), ["company_id"], unique=False
        )

    op.create_table(
        "evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("evaluator_id", sa.Integer(), nullable=False),
        sa.Column("rubric_version_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("submitted_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["evaluator_id"], ["user.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["rubric_version_id"],
            ["rubricversion.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("company_id", "evaluator_id", "rubric_version_id"),
    )
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_company_id"), ["company_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_evaluation_evaluator_id"), ["evaluator_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_evaluation_rubric_version_id"), ["rubric_version_id"], unique=False
        )

    op.create_table(
        "prfaqrevision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("faqs", sa.JSON(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["user.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["draft_id"], ["prfaqdraft.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("draft_id", "number"),
    )
    with op.batch_alter_table("prfaqrevision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_prfaqrevision_draft_id"), ["draft_id"], unique=False)

    op.create_table(
        "rubriccriterion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("title", sa.JSON(), nullable=False),
        sa.Column("question", sa.JSON(), nullable=False),
        sa.Column("levels", sa.JSON(), nullable=False),
        sa.Column("na_allowed", sa.Boolean(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("source", sa.JSON(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["rubricversion.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("version_id", "key"),
    )
    with op.batch_alter_table("rubriccriterion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rubriccriterion_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("is_na", sa.Boolean(), nullable=False),
        sa.Column("confidence", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("rationale", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["rubriccriterion.id"],
        ),
        sa.ForeignKeyConstraint(["evaluation_id"], ["evaluation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("evaluation_id", "criterion_id"),
    )
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_score_criterion_id"), ["criterion_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_score_evaluation_id"), ["evaluation_id"], unique=False)

    op.create_table(
        "scoreevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("old", sa.JSON(), nullable=False),
        sa.Column("new", sa.JSON(), nullable=False),
        sa.Column("after_submission", sa.Boolean(), nullable=False),
        sa.Column("created_at", pitchlab.models.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["rubriccriterion.id"],
        ),
        sa.ForeignKeyConstraint(["evaluation_id"], ["evaluation.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("scoreevent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scoreevent_created_at"), ["created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_scoreevent_evaluation_id"), ["evaluation_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("scoreevent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scoreevent_evaluation_id"))
        batch_op.drop_index(batch_op.f("ix_scoreevent_created_at"))

    op.drop_table("scoreevent")
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_score_evaluation_id"))
        batch_op.drop_index(batch_op.f("ix_score_criterion_id"))

    op.drop_table("score")
    with op.batch_alter_table("rubriccriterion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rubriccriterion_version_id"))

    op.drop_table("rubriccriterion")
    with op.batch_alter_table("prfaqrevision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_prfaqrevision_draft_id"))

    op.drop_table("prfaqrevision")
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_rubric_version_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_evaluator_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_company_id"))

    op.drop_table("evaluation")
    with op.batch_alter_table("techdebtestimate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_techdebtestimate_company_id"))

    op.drop_table("techdebtestimate")
    with op.batch_alter_table("rubricversion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rubricversion_pack_id"))

    op.drop_table("rubricversion")
    with op.batch_alter_table("prfaqdraft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_prfaqdraft_company_id"))

    op.drop_table("prfaqdraft")
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_user_id"))
        batch_op.drop_index(batch_op.f("ix_conflict_company_id"))

    op.drop_table("conflict")
    with op.batch_alter_table("apitoken", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_apitoken_user_id"))

    op.drop_table("apitoken")
    op.drop_table("user")
    op.drop_table("rubricpack")
    op.drop_table("prfaqtemplate")
    with op.batch_alter_table("loginattempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_loginattempt_email"))
        batch_op.drop_index(batch_op.f("ix_loginattempt_created_at"))
        batch_op.drop_index(batch_op.f("ix_loginattempt_address"))

    op.drop_table("loginattempt")
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_company_status"))
        batch_op.drop_index(batch_op.f("ix_company_stage"))
        batch_op.drop_index(batch_op.f("ix_company_sector"))

    op.drop_table("company")
    op.drop_table("appsetting")
