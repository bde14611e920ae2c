"""Two `relance` processes on one database never send a reminder twice: the claim in the
reminder log is a unique row, a database guarantee, not a lock of one process."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime
from typing import Any

import pytest

import reminders.delivery
from storage.db import Database
from tests.harness import COORDINATOR, FOCAL, GROUP, Harness, build_harness, private

FRIDAY_8 = datetime(2016, 10, 21, 8, 0, tzinfo=UTC)


async def test_two_processes_sweeping_the_same_minute_send_each_reminder_once(
    cluster: Harness, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3):
        await cluster.send(f"/action Tâche {n} — OCHA — 25 octobre", user=COORDINATOR, chat=GROUP)
    await cluster.send("/start", user=COORDINATOR, chat=private(COORDINATOR))

    # The second process: its own engine on the same file, its own application and link.
    other_db = Database.from_url(db_url)
    other = build_harness(other_db, start=FRIDAY_8)
    for user in (FOCAL, COORDINATOR):
        other.api.know_user(user.to_json())
        other.api.saw(other.updates.message("/start", chat=private(user), user=user))
    await other.app.initialize()
    cluster.api.clear()
    cluster.clock.current = FRIDAY_8

    # Both plan the same morning before either claims: each believes every digest is owed.
    both_planned = threading.Barrier(2, timeout=30)
    plan = reminders.delivery._plan_digests

    def plan_then_meet(*args: Any, **kwargs: Any) -> Any:
        digests = plan(*args, **kwargs)
        both_planned.wait()
        return digests

    monkeypatch.setattr(reminders.delivery, "_plan_digests", plan_then_meet)
    try:
        first, second = await asyncio.gather(cluster.sweep(), other.sweep())
    finally:
        await other.app.shutdown()
        other_db.dispose()

    assert first.planned == second.planned > 0
    to_focal = [
        m for m in cluster.api.sent(FOCAL.id) + other.api.sent(FOCAL.id) if "🔔" in m["text"]
    ]
    assert len(to_focal) == 1
    assert "Tâche 0" in to_focal[0]["text"]
    # The loser of each claim counted it as sent by the other, and sent nothing of it.
    assert first.already_sent + second.already_sent > 0
    assert first.messages_sent + second.messages_sent == len(
        [m for m in cluster.api.sent() + other.api.sent() if "🔔" in m["text"]]
    )
