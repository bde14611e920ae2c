"""The migrations build the schema the models describe, and upgrading keeps every row."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

import storage.models  # noqa: F401
from storage.db import Database, make_engine
from storage.directory import load_directory
from storage.migrate import current_revision, head_revision, upgrade


def test_the_migrated_schema_is_the_one_the_models_describe(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    upgrade(engine)
    with engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), SQLModel.metadata
        )
    assert diff == []
    assert current_revision(engine) == head_revision()


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
