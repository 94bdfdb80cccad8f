"""Migrations keep data and match the models (issue 7), on the suite's backend.

Rows are written with plain SQL at the first migration, as an old pitchlab would have left
them; after the upgrade to head the current models must read back every one unchanged.
"""

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text
from sqlmodel import Session, SQLModel, func, select

import pitchlab.models  # noqa: F401  (registers every table on the metadata)
from pitchlab.db import create_db_engine
from pitchlab.migrate import current_revisions, has_pending_migrations, upgrade
from pitchlab.models import (
    ApiToken,
    Company,
    Evaluation,
    PrfaqDraft,
    PrfaqRevision,
    RubricCriterion,
    RubricPack,
    RubricVersion,
    Score,
    ScoreEvent,
    User,
)

from .conftest import PG_URL, _pg_admin, _pg_database_url

FIRST_REVISION = "0001"
STAMP = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
LEVELS = [{"value": 1, "label": {"en": "Weak"}}, {"value": 5, "label": {"en": "Strong"}}]


@pytest.fixture
def empty_database_url(tmp_path) -> Iterator[str]:
    """A database with no tables at all, on the backend the suite runs on."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    name = f"pitchlab_m_{uuid.uuid4().hex[:12]}"
    with _pg_admin(PG_URL) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield _pg_database_url(PG_URL, name)
    with _pg_admin(PG_URL) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _stamp(engine: Engine) -> str:
    # Written as the 0001-era app wrote it: naive UTC text on SQLite, timestamptz on PostgreSQL.
    if engine.dialect.name == "sqlite":
        return STAMP.strftime("%Y-%m-%d %H:%M:%S.%f")
    return STAMP.isoformat()


def _insert(connection, table: str, **values) -> int:
    values = {
        key: json.dumps(value) if isinstance(value, dict | list) else value
        for key, value in values.items()
    }
    columns = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join(f":{name}" for name in values)
    return connection.execute(
        text(f'INSERT INTO "{table}" ({columns}) VALUES ({marks}) RETURNING id'), values
    ).scalar_one()


def _write_old_rows(engine: Engine) -> dict[str, int]:
    at = _stamp(engine)
    with engine.begin() as connection:
        company = _insert(
            connection,
            "company",
            name="Old Co",
            name_key="old co",
            one_liner="Kept",
            website="https://old.example",
            sector="legal",
            stage="seed",
            status="active",
            modality="text",
            model_strategy="api",
            founders="Ada",
            location="Berlin",
            founded_year=2021,
            tags="legal",
            customers="",
            notes="notes ü 中文",
            created_at=at,
            updated_at=at,
        )
        user = _insert(
            connection,
            "user",
            email="old@pitchlab.example",
            display_name="Old User",
            role="partner",
            locale="zh",
            password_hash="argon2-hash",
            is_active=True,
            created_at=at,
        )
        token = _insert(
            connection, "apitoken", user_id=user, name="old", token_hash="f" * 64, created_at=at
        )
        pack = _insert(connection, "rubricpack", key="old-pack", kind="core", created_at=at)
        version = _insert(
            connection,
            "rubricversion",
            pack_id=pack,
            version=1,
            title={"en": "Old"},
            summary={},
            source={},
            scale_min=1,
            scale_max=5,
            created_at=at,
        )
        criterion = _insert(
            connection,
            "rubriccriterion",
            version_id=version,
            key="team",
            position=0,
            weight=2.5,
            title={"en": "Team"},
            question={"en": "Who?"},
            levels=LEVELS,
            na_allowed=False,
            evidence=[],
            source={},
            retired=False,
        )
        evaluation = _insert(
            connection,
            "evaluation",
            company_id=company,
            evaluator_id=user,
            rubric_version_id=version,
            status="submitted",
            submitted_at=at,
            created_at=at,
            updated_at=at,
        )
        score = _insert(
            connection,
            "score",
            evaluation_id=evaluation,
            criterion_id=criterion,
            value=4,
            is_na=False,
            confidence="high",
            rationale="Strong team",
            evidence=[{"label": "deck", "url": "https://old.example/deck"}],
            revision=3,
            updated_at=at,
        )
        event = _insert(
            connection,
            "scoreevent",
            evaluation_id=evaluation,
            criterion_id=criterion,
            user_id=user,
            field="value",
            old={"value": {"value": 3, "na": False}},
            new={"value": {"value": 4, "na": False}},
            after_submission=False,
            created_at=at,
        )
    return {
        "company": company,
        "user": user,
        "token": token,
        "pack": pack,
        "version": version,
        "criterion": criterion,
        "evaluation": evaluation,
        "score": score,
        "event": event,
    }


def _count(session: Session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_upgrade_from_the_first_migration_keeps_every_row(empty_database_url):
    engine = create_db_engine(empty_database_url)
    upgrade(engine, FIRST_REVISION)
    assert current_revisions(engine) == {FIRST_REVISION}
    ids = _write_old_rows(engine)
    upgrade(engine)
    assert not has_pending_migrations(engine)
    with Session(engine) as session:
        for model in (
            Company,
            User,
            ApiToken,
            RubricPack,
            RubricVersion,
            RubricCriterion,
            Evaluation,
            Score,
            ScoreEvent,
        ):
            assert _count(session, model) == 1, model.__name__
        company = session.get(Company, ids["company"])
        assert (company.name, company.notes, company.founded_year) == (
            "Old Co",
            "notes ü 中文",
            2021,
        )
        assert company.created_at == STAMP
        user = session.get(User, ids["user"])
        assert (user.email, user.role, user.locale, user.is_active) == (
            "old@pitchlab.example",
            "partner",
            "zh",
            True,
        )
        assert session.get(ApiToken, ids["token"]).user_id == user.id
        criterion = session.get(RubricCriterion, ids["criterion"])
        assert (criterion.weight, criterion.levels, criterion.title) == (
            2.5,
            LEVELS,
            {"en": "Team"},
        )
        evaluation = session.get(Evaluation, ids["evaluation"])
        assert (evaluation.status, evaluation.submitted_at) == ("submitted", STAMP)
        score = session.get(Score, ids["score"])
        assert (score.value, score.confidence, score.rationale, score.revision) == (
            4,
            "high",
            "Strong team",
            3,
        )
        assert score.evidence == [{"label": "deck", "url": "https://old.example/deck"}]
        event = session.get(ScoreEvent, ids["event"])
        assert event.new == {"value": {"value": 4, "na": False}} and event.user_id == user.id
    engine.dispose()


def test_drafts_come_through_the_archive_migration_live_with_every_revision(empty_database_url):
    # 0003 adds columns to prfaqdraft; a SQLite table rebuild there would cascade-delete the
    # revisions, so this checks they are all still there.
    engine = create_db_engine(empty_database_url)
    upgrade(engine, "0002")
    ids = _write_old_rows(engine)
    at = _stamp(engine)
    with engine.begin() as connection:
        template = _insert(
            connection,
            "prfaqtemplate",
            key="old-template",
            version=1,
            body={"key": "old-template"},
            created_at=at,
        )
        draft = _insert(
            connection,
            "prfaqdraft",
            company_id=ids["company"],
            template_id=template,
            title="Old draft",
            language="zh",
            created_by_id=ids["user"],
            current_revision=2,
            created_at=at,
            updated_at=at,
        )
        for number in (1, 2):
            _insert(
                connection,
                "prfaqrevision",
                draft_id=draft,
                number=number,
                sections={"problem": f"第{number}版"},
                faqs={"external": []},
                author_id=ids["user"],
                created_at=at,
            )
    upgrade(engine)
    with Session(engine) as session:
        stored = session.get(PrfaqDraft, draft)
        assert (stored.title, stored.language, stored.current_revision, stored.updated_at) == (
            "Old draft",
            "zh",
            2,
            STAMP,
        )
        assert (stored.archived_at, stored.archived_by_id) == (None, None)
        texts = session.exec(
            select(PrfaqRevision.sections)
            .where(PrfaqRevision.draft_id == draft)
            .order_by(PrfaqRevision.number)
        ).all()
        assert texts == [{"problem": "第1版"}, {"problem": "第2版"}]
    engine.dispose()


def _not_full_text_index(name, type_, parent_names) -> bool:
    # The full-text indexes of document pages (migration 0005) and company names (0015), and
    # the partial index of scores citing a page (0015), are no models: FTS5 tables on SQLite,
    # expression, trigram and partial indexes on PostgreSQL.
    return not (name or "").startswith(("documentpage_fts", "company_fts", "score_doc_citations"))


def test_models_match_the_migrated_schema(database_url):
    # What `alembic check` does: autogenerate against head finds nothing left to migrate.
    engine = create_db_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": _not_full_text_index}
        )
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == [], f"models and migrations disagree; add a migration: {differences}"


def test_seed_criteria_stored_before_quotes_get_their_quote(empty_database_url):
    # Issue 15: a version stored before quotes were required must still read back as a pack.
    engine = create_db_engine(empty_database_url)
    upgrade(engine, "0003")
    at = _stamp(engine)
    with engine.begin() as connection:
        ids = {}
        for pack_key, criterion_key in (("problem-space", "ai-fit"), ("fund-pack", "ai-fit")):
            pack = _insert(connection, "rubricpack", key=pack_key, kind="core", created_at=at)
            version = _insert(
                connection,
                "rubricversion",
                pack_id=pack,
                version=1,
                title={"en": "Old"},
                summary={},
                source={},
                scale_min=1,
                scale_max=5,
                created_at=at,
            )
            ids[pack_key] = _insert(
                connection,
                "rubriccriterion",
                version_id=version,
                key=criterion_key,
                position=0,
                weight=2.0,
                title={"en": "Fit"},
                question={"en": "Why AI?"},
                levels=LEVELS,
                na_allowed=False,
                evidence=[],
                source={"section": {"en": "06", "zh": "06"}},
                retired=False,
            )
    upgrade(engine)
    with Session(engine) as session:
        seeded = session.get(RubricCriterion, ids["problem-space"])
        assert seeded.source == {
            "section": {"en": "06", "zh": "06"},
            "quote": "这里面不一定需要有AI的成分在里面",
        }
        assert seeded.construct_key is None
        assert "quote" not in session.get(RubricCriterion, ids["fund-pack"]).source
    engine.dispose()
