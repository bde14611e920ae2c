from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

# Opt in now to PTB's coming retry_after type (a timedelta) rather than silence its warning.
os.environ.setdefault("PTB_TIMEDELTA", "1")

from storage.db import Database, make_engine
from storage.migrate import upgrade
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


@pytest.fixture
def db(migrated_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "relance.db"
    shutil.copy(migrated_template, path)
    database = Database.from_url(f"sqlite:///{path}")
    yield database
    database.dispose()


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
