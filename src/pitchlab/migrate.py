"""Schema migrations with Alembic, run on the app's own engine."""

from functools import lru_cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from .paths import MIGRATIONS_DIR

# Any constant works; it only has to be the same in every pitchlab process.
_PG_MIGRATION_LOCK = 7_201_511


def alembic_config() -> Config:
    """An Alembic config that needs no alembic.ini."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    # The migration scripts ship with the code: read them once per process.
    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(engine: Engine) -> set[str]:
    """The revisions the database is at (empty for a new database)."""
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def has_pending_migrations(engine: Engine) -> bool:
    """True when the database is behind the code's migrations."""
    return current_revisions(engine) != _heads()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database up to `revision`; safe when several processes start at once."""
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Several app processes may start together; one migrates, the others wait.
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
            )
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def make_revision(engine: Engine, message: str) -> None:
    """Autogenerate a migration from the models (a developer's tool)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)
