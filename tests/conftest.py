from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

# Opt in now to PTB's coming retry_after type (a timedelta) rather than silence its warning.
os.environ.setdefault("PTB_TIMEDELTA", "1")

from storage.db import Database, make_engine
from storage.migrate import upgrade
from tests import engines
from tests.fakes.updates import FakeUser
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    Harness,
    build_harness,
    private,
)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once; every test gets its own copy of the file (fast and isolated)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def sqlite_copies(migrated_template: Path) -> Iterator[engines.SqliteCopies]:
    copies = engines.SqliteCopies(migrated_template)
    yield copies
    copies.release()


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    """On PostgreSQL: this process's database, migrated once, and one engine for every test,
    so that its pooled connections (a new server process each, slow to start) are reused."""
    name = f"relance_test_{os.getpid()}"
    engine = make_engine(engines.create_database(name))
    upgrade(engine)
    engines.install_reset(engine)
    yield engine
    engine.dispose()
    engines.drop_database(name)


@pytest.fixture
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated database of the test's own: a copy of the SQLite template, or this
    process's PostgreSQL database, put back as migrated after the test."""
    if engines.ON_POSTGRES:
        engine: Engine = request.getfixturevalue("postgres_engine")
        try:
            yield Database(engine)
        finally:
            engines.reset(engine)
        return
    copies: engines.SqliteCopies = request.getfixturevalue("sqlite_copies")
    try:
        yield copies.copy_for(tmp_path)
    finally:
        copies.release()


@pytest.fixture
def db_url(db: Database, tmp_path: Path) -> str:
    """The URL of the test's own database, for a second engine on it (a second process)."""
    if engines.ON_POSTGRES:
        return db.engine.url.render_as_string(hide_password=False)
    return f"sqlite:///{tmp_path / 'relance.db'}"


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """A database of the test's own with no schema yet (for the migrations' tests), on the
    engine the suite runs on: a new SQLite file, or a new database on the server."""
    with engines.empty_database(str(tmp_path / "x.db")) as url:
        yield url


@pytest.fixture
async def bot(db: Database) -> AsyncIterator[Harness]:
    harness = build_harness(db)
    harness.api.set_chat_member_status(GROUP.id, COORDINATOR.id, "administrator")
    await harness.app.initialize()
    yield harness
    await harness.app.shutdown()


async def invite(bot: Harness, org: str, user: FakeUser, name: str | None = None) -> None:
    """The coordinator invites `user` for `org` and the user opens the link."""
    name = name or user.first_name
    code = await bot.invitation(f"/inviter {org} {name}", chat=GROUP)
    await bot.send(f"/start {code}", user=user, chat=private(user))


@pytest.fixture
async def cluster(bot: Harness) -> Harness:
    """A cluster with OCHA's focal point Gerson already on board."""
    await bot.say("/cluster Cluster Protection (CP)", user=COORDINATOR, chat=GROUP)
    await invite(bot, "OCHA", FOCAL, "Gerson Brandao")
    bot.api.clear()
    return bot


# Fixtures through which a test reaches a database of the engine under test.
DATABASE_FIXTURES = frozenset({"db", "empty_database_url"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """RELANCE_TEST_DATABASE_TESTS_ONLY=1 (dev.py's PostgreSQL pass beside the SQLite one)
    keeps only the tests that reach a database: the others (the French parsers, the
    documents, the renderers) run the same code on either engine, and the SQLite pass has
    run them."""
    if os.environ.get("RELANCE_TEST_DATABASE_TESTS_ONLY") != "1":
        return
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        names = getattr(item, "fixturenames", ())
        (kept if DATABASE_FIXTURES.intersection(names) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
