"""The migrations build the schema the models describe, and upgrading keeps every row."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlmodel import SQLModel

import storage.models  # noqa: F401
from storage.actions import list_open_actions
from storage.db import Database, make_engine
from storage.directory import load_directory
from storage.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    is_current,
    newest_revision,
    recorded_revisions,
    upgrade,
)
from storage.models import OPEN_WHERE

ROOT = Path(__file__).resolve().parents[2]


# Neither dialect reflects an expression index for autogenerate to compare: the next test
# checks ix_action_open_order itself.
@pytest.mark.filterwarnings("ignore:.*expression-based index.*")
def test_the_migrated_schema_is_the_one_the_models_describe(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    upgrade(engine)
    with engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), SQLModel.metadata
        )
    assert diff == []
    assert current_revision(engine) == head_revision()


def test_a_page_of_a_cluster_s_open_actions_is_read_off_its_index(
    empty_database_url: str,
) -> None:
    engine = make_engine(empty_database_url)
    upgrade(engine)
    now = datetime(2016, 10, 20, 14, 30, tzinfo=UTC)
    with Database(engine).session() as session:
        list_open_actions(session=session, cluster_ids=[1], now=now)  # the SQL is valid
        if engine.dialect.name == "sqlite":
            page_query = (
                "SELECT * FROM action WHERE action.cluster_id IN (1) AND action."
                f"{OPEN_WHERE} ORDER BY action.due_at IS NULL, action.due_at, action.id LIMIT 10"
            )
            plan = " ".join(
                str(row[3])
                for row in session.connection().execute(sa.text(f"EXPLAIN QUERY PLAN {page_query}"))
            )
            assert "ix_action_open_order" in plan
            assert "TEMP B-TREE" not in plan
        else:
            [definition] = (
                session.connection()
                .execute(
                    sa.text(
                        "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_action_open_order'"
                    )
                )
                .one()
            )
            assert "WHERE" in definition
            assert "a_faire" in definition
    engine.dispose()


def test_upgrading_a_database_that_holds_rows_keeps_them(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    upgrade(engine, "0001")
    now = datetime(2016, 10, 20, 14, 30, tzinfo=UTC).replace(tzinfo=None)
    with engine.begin() as c:
        c.execute(
            sa.text(
                "INSERT INTO organisation (acronym, full_name, aliases) VALUES ('AMSS', 'Association malienne', '[]')"
            )
        )
        c.execute(
            sa.text(
                "INSERT INTO cluster (name, short_name, chat_id, timezone, created_at) "
                "VALUES ('Cluster Protection', 'CP', -100, 'Africa/Bamako', :now)"
            ),
            {"now": now},
        )
        c.execute(
            sa.text(
                "INSERT INTO action (cluster_id, description, deadline_precision, status, created_at, updated_at) "
                "VALUES (1, 'Rédiger une note', 'undated', 'a_faire', :now, :now)"
            ),
            {"now": now},
        )

    upgrade(engine)
    upgrade(engine)  # twice is harmless: `relance run` upgrades at every start

    with engine.connect() as c:
        assert c.execute(sa.text("SELECT description FROM action")).scalars().all() == [
            "Rédiger une note"
        ]
        acronyms = set(c.execute(sa.text("SELECT acronym FROM organisation")).scalars())
    assert {"AMSS", "PNUD", "HCR", "OCHA", "Mercy Corps"} <= acronyms
    # The pre-loaded directory, in which the AMSS already there was merged, not doubled.
    assert len(acronyms) == len(load_directory())


def test_preloaded_organisations_know_their_english_names(empty_database_url: str) -> None:
    db = Database.from_url(empty_database_url)
    upgrade(db.engine)
    from storage.organisations import list_organisations

    with db.session() as session:
        orgs = {o.acronym: o for o in list_organisations(session=session)}
    assert "UNDP" in orgs["PNUD"].aliases
    assert "UNHCR" in orgs["HCR"].aliases
    assert "WFP" in orgs["PAM"].aliases
    assert "IOM" in orgs["OIM"].aliases


# --- issue 10: a current schema is checked without loading Alembic ---------------------


def test_the_newest_revision_read_from_the_file_names_is_alembics_head() -> None:
    assert newest_revision() == head_revision()
    # Each file is named after its revision, the revisions sorting in their order: what
    # newest_revision relies on.
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    for script in scripts.walk_revisions():
        assert Path(str(script.path)).name.split("_", 1)[0] == script.revision
        assert script.down_revision is None or str(script.down_revision) < script.revision


def test_the_recorded_revision_is_read_with_plain_sql(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    assert recorded_revisions(engine) is None
    assert not is_current(engine)
    upgrade(engine, "0012")
    assert recorded_revisions(engine) == ["0012"]
    assert not is_current(engine)
    upgrade(engine)
    assert recorded_revisions(engine) == [current_revision(engine)] == [head_revision()]
    assert is_current(engine)


def test_a_current_database_is_upgraded_without_loading_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    upgrade(make_engine(url))
    probe = (
        "import sys\n"
        "from storage.db import make_engine\n"
        "from storage.migrate import upgrade\n"
        f"upgrade(make_engine({url!r}))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"


def test_a_database_behind_or_ahead_is_left_to_alembic(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    upgrade(engine, "0011")
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    # A newer release's schema: Alembic says it does not know that revision, as before.
    with engine.begin() as c:
        c.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(CommandError, match="9999"):
        upgrade(engine)
