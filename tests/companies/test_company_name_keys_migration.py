"""Migration 0010 gives existing companies the issue 11 name keys (tests/test_migrations.py
checks the schema; this checks the data step)."""

from alembic.script import ScriptDirectory
from sqlalchemy import text

from pitchlab.db import create_db_engine
from pitchlab.migrate import alembic_config, upgrade

REVISION = "0010"
OLD_ROWS = [  # (name, key as the old rule made it)
    ("Clausemint", "clausemint"),
    ("Clausemint\u200b", "clausemint\u200b"),  # the duplicate the old rule let in
    ("\ufeffＲｏｗａｎ  Labs", "\ufeffｒｏｗａｎ labs"),
    ("Zu\u0308rich Robotics", "zu\u0308rich robotics"),
    ("Old Co", "old co"),
]


def test_existing_companies_get_the_new_keys(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.db'}")
    before = ScriptDirectory.from_config(alembic_config()).get_revision(REVISION).down_revision
    upgrade(engine, before)
    with engine.begin() as connection:
        for name, key in OLD_ROWS:
            connection.execute(
                text(
                    "INSERT INTO company (name, name_key, one_liner, website, sector, stage,"
                    " status, modality, model_strategy, founders, location, tags, customers,"
                    " notes, created_at, updated_at) VALUES (:name, :key, '', '', '', 'seed',"
                    " 'sourced', 'text', 'api', '', '', '', '', '', '2026-01-01 00:00:00',"
                    " '2026-01-01 00:00:00')"
                ),
                {"name": name, "key": key},
            )
    upgrade(engine, REVISION)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT name, name_key FROM company ORDER BY id")).all()
    assert [tuple(row) for row in rows] == [
        ("Clausemint", "clausemint"),
        ("Clausemint\u200b", "clausemint\u200b"),  # left for a person: its key is taken
        ("Ｒｏｗａｎ Labs", "rowan labs"),
        ("Zu\u0308rich Robotics", "zürich robotics"),  # shown as typed, keyed composed
        ("Old Co", "old co"),
    ]
