"""A database that waits stalls only the update waiting for it (bot/workers.py)."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlmodel import col, select
from telegram import Update

from bot.workers import Home, PerChatUpdates, Workers
from storage.db import Database, make_engine
from storage.models import Action
from tests import engines
from tests.fakes.updates import FakeChat
from tests.harness import COORDINATOR, FOCAL, GROUP, Harness, build_harness, private


@contextmanager
def write_locked(url: str) -> Iterator[None]:
    """Another program holds a write lock on the database (a backup, a second tool) until the
    block ends: on SQLite the whole file's, on PostgreSQL the actions table's (reads go on)."""
    if engines.ON_POSTGRES:
        other = make_engine(url)
        with other.connect() as connection:
            connection.execute(text("LOCK TABLE action IN EXCLUSIVE MODE"))
            try:
                yield
            finally:
                connection.rollback()
        other.dispose()
        return
    path = make_url(url).database
    assert path
    sqlite = sqlite3.connect(path, isolation_level=None)
    sqlite.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        sqlite.execute("COMMIT")
        sqlite.close()


def replies_to(bot: Harness, chat: FakeChat) -> list[str]:
    return [str(m["text"]) for m in bot.api.sent(chat.id)]


async def test_a_write_lock_held_elsewhere_stalls_only_the_update_that_writes(
    cluster: Harness, db_url: str
) -> None:
    await cluster.say("/action Rédiger la note — OCHA — 25 octobre", user=COORDINATOR, chat=GROUP)
    cluster.api.clear()

    reached_a_write = threading.Event()

    def on_statement(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            reached_a_write.set()

    event.listen(cluster.db.engine, "before_cursor_execute", on_statement)
    with write_locked(db_url):
        writing = asyncio.create_task(
            cluster.process(
                cluster.updates.message(
                    "/action Partager la liste — OCHA — 30 octobre", chat=GROUP, user=COORDINATOR
                )
            )
        )
        # The coordinator's update is now waiting for the lock (on the bot's own loop, this
        # wait would hold everything until the lock was gone).
        assert await asyncio.to_thread(reached_a_write.wait, 30)
        assert not writing.done()
        # Meanwhile the focal point asks, in private, what is theirs: answered at once,
        # although the coordinator's update is waiting for the lock.
        reading = await cluster.send("/mesactions", user=FOCAL)
        assert not writing.done()
        assert "Rédiger la note" in str(reading[-1]["text"])
        assert replies_to(cluster, GROUP) == []
    await writing

    (card,) = replies_to(cluster, GROUP)
    assert "Partager la liste" in card
    with cluster.db.session() as session:
        stored = [
            a.description for a in session.exec(select(Action).order_by(col(Action.id))).all()
        ]
    assert stored == ["Rédiger la note", "Partager la liste"]


async def test_a_lock_held_too_long_gets_a_french_answer_and_nothing_half_written(
    db: Database, db_url: str
) -> None:
    # The same database, waiting a tenth of a second for a lock instead of fifteen.
    impatient = Database(make_engine(db_url, busy_timeout=0.1))
    bot = build_harness(impatient)
    bot.api.set_chat_member_status(GROUP.id, COORDINATOR.id, "administrator")
    await bot.app.initialize()
    try:
        await bot.say("/cluster Cluster Protection (CP)", user=COORDINATOR, chat=GROUP)
        bot.api.clear()
        with write_locked(db_url):
            replies = await bot.send(
                "/action Partager la liste — OCHA — 30 octobre", user=COORDINATOR, chat=GROUP
            )
    finally:
        await bot.app.shutdown()
        impatient.dispose()

    assert [r["text"] for r in replies] == [
        "La base de données est occupée par un autre programme (une sauvegarde ?) : rien n'a "
        "été enregistré. Réessayez dans une minute."
    ]
    with db.session() as session:
        assert session.exec(select(Action)).all() == []


def _update(update_id: int, chat_id: int) -> Update:
    return Update.de_json(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "chat": {"id": chat_id, "type": "private"},
                "text": "x",
            },
        },
        None,
    )


async def test_one_chat_in_order_other_chats_meanwhile() -> None:
    processor = PerChatUpdates(Workers(threads=2), Home())
    await processor.initialize()
    done: list[str] = []
    first_may_end = asyncio.Event()

    async def handle(name: str, wait: asyncio.Event | None = None) -> None:
        if wait is not None:
            await wait.wait()
        done.append(name)

    tasks: list[asyncio.Task[Any]] = [
        asyncio.create_task(processor.process_update(_update(1, 7), handle("7a", first_may_end))),
        asyncio.create_task(processor.process_update(_update(2, 7), handle("7b"))),
        asyncio.create_task(processor.process_update(_update(3, 8), handle("8"))),
    ]
    await tasks[2]
    assert done == ["8"]  # chat 8 did not wait for chat 7
    await asyncio.sleep(0)
    assert done == ["8"]  # 7b waits for 7a, which waits
    first_may_end.set()
    await asyncio.gather(*tasks)
    assert done == ["8", "7a", "7b"]
    await processor.shutdown()


async def test_a_poll_s_running_counts_are_handled_in_the_order_telegram_sent_them() -> None:
    processor = PerChatUpdates(Workers(threads=2), Home())
    await processor.initialize()
    stored: list[int] = []
    first_may_end = asyncio.Event()

    def counts(update_id: int, votes: int) -> Update:
        poll = {
            "id": "5001",
            "question": "Date de la prochaine réunion ?",
            "options": [{"text": "Mardi", "voter_count": votes, "persistent_id": "mardi"}],
            "total_voter_count": votes,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": True,  # required of a Poll by PTB since Bot API 9.6
            "members_only": False,
        }
        return Update.de_json({"update_id": update_id, "poll": poll}, None)

    async def store(votes: int, wait: asyncio.Event | None = None) -> None:
        if wait is not None:
            await wait.wait()
        stored.append(votes)

    older = asyncio.create_task(processor.process_update(counts(1, 3), store(3, first_may_end)))
    newer = asyncio.create_task(processor.process_update(counts(2, 4), store(4)))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert stored == []  # the newer count waits for the older one
    first_may_end.set()
    await asyncio.gather(older, newer)
    assert stored == [3, 4]  # the count kept is the newest
    await processor.shutdown()


async def test_handlers_run_their_whole_course_on_a_worker_and_reply(bot: Harness) -> None:
    # The request a handler makes from its worker thread reaches the Bot API from the bot's
    # loop (the recording transport is not thread-safe): the reply is there, once.
    replies = await bot.send("/aide", user=FOCAL, chat=private(FOCAL))
    assert len(replies) == 1
    assert "/actions" in str(replies[0]["text"])
