"""Schema migrations (Alembic), run from code so no alembic.ini is needed.

`relance run` upgrades at every start, and almost always finds the schema current. Loading
Alembic and reading its scripts to learn that took most of a second, so `upgrade` first reads
the version the database records with plain SQLAlchemy, compares it with the newest
migration's (its file name's prefix, which a test keeps equal to Alembic's head), and loads
Alembic only when they differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSIONS = MIGRATIONS / "versions"
VERSION_TABLE = "alembic_version"  # Alembic's default, which env.py keeps


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def newest_revision() -> str:
    """The newest migration's revision, from the file names alone: each is named after its
    revision ("0013_reminder_indexes.py" is "0013") and the revisions sort in order."""
    return max(path.name.split("_", 1)[0] for path in VERSIONS.glob("[0-9]*_*.py"))


def recorded_revisions(engine: Engine) -> list[str] | None:
    """The revisions the database says it is at (one, unless branches were merged), or None
    when it has no version table yet. Plain SQL: Alembic is not loaded."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))
        return [str(row[0]) for row in rows]


def is_current(engine: Engine) -> bool:
    return recorded_revisions(engine) == [newest_revision()]


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision`, keeping every row it holds."""
    if revision == "head" and is_current(engine):
        return
    from alembic import command  # ~0.9 s with its scripts: only when there is work

    config = alembic_config(str(engine.url))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, as Alembic reads it (the tests check it reaches
    head_revision)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest migration, as Alembic reads its scripts. Read by the tests, not by the bot."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
