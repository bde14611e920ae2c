"""Delivery under faults, probed as a focal point on a flaky link lives it: a proxy's error
page, a hang followed by a refused connection, a long digest cut by a hang, a refusal for good.
Through the real Application; what each person holds is counted."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any, Literal

import httpx
import pytest
from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from bot import texts
from storage.db import Database
from storage.models import ReminderState
from storage.reminders import reminder_log
from tests.bot.test_followup import reviewable
from tests.conftest import invite
from tests.fakes.botapi import error_body
from tests.harness import COORDINATOR, FOCAL, GROUP, Harness, build_harness, buttons
from tests.reminders.faults import FaultyRequest
from tests.reminders.test_delivery_faults import EVERYONE_ONCE, _cluster, received

Answer = Literal["bad-gateway", "blocked", "too-many"]


class AnsweringRequest(FaultyRequest):
    """The faulty link, and besides it sendMessage calls answered with an error status in
    turn (`answers`), as Telegram or a proxy in front of it answers them."""

    def __init__(self, api: Any) -> None:
        super().__init__(api)
        self.answers: deque[Answer] = deque()
        self.hang_in: int | None = None  # a chat whose sendMessage calls all hang

    def _to(self, request_data: RequestData | None) -> object:
        return request_data.parameters.get("chat_id") if request_data else None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if url.endswith("/sendMessage") and self.hang_in == self._to(request_data):
            raise TimedOut from httpx.ReadTimeout("timed out")
        if url.endswith("/sendMessage") and self.answers:
            answer = self.answers.popleft()
            if answer == "bad-gateway":  # nginx's page, not Telegram's JSON
                return 502, b"<html><center><h1>502 Bad Gateway</h1></center></html>"
            if answer == "blocked":
                body = error_body(403, "Forbidden: bot was blocked by the user")
                return 403, json.dumps(body).encode()
            body = error_body(429, "Too Many Requests: retry after 5", {"retry_after": 5})
            return 429, json.dumps(body).encode()
        return await super().do_request(url, method, request_data)


@pytest.fixture
async def link(db: Database) -> AsyncIterator[Harness]:
    bot = await _cluster(build_harness(db, transport=AnsweringRequest))
    yield bot
    await bot.app.shutdown()


def faulty(bot: Harness) -> AnsweringRequest:
    inner = bot.app.bot.request.inner  # type: ignore[attr-defined]
    assert isinstance(inner, AnsweringRequest)
    return inner


def states(bot: Harness) -> list[ReminderState]:
    with bot.db.session() as session:
        return sorted(e.state for e in reminder_log(session=session))


async def test_a_proxys_error_page_is_an_answer_and_the_reminder_goes_at_the_next_sweep(
    link: Harness,
) -> None:
    faulty(link).answers.append("bad-gateway")
    down = await link.sweep()
    assert (down.retry_later, down.uncertain, down.messages_sent) == (1, 0, 0)

    link.clock.advance(minutes=1)
    await link.sweep()
    assert received(link) == EVERYONE_ONCE


def repeated(bot: Harness) -> list[str]:
    return [str(m["text"]) for m in bot.api.sent() if texts.REMINDER_MAYBE_REPEATED in m["text"]]


async def test_a_hung_reminder_that_then_meets_a_refused_connection_still_says_it_is_a_repeat(
    link: Harness,
) -> None:
    faulty(link).faults.append("hang")
    await link.sweep()  # 08:00: no answer, the focal point may hold it
    faulty(link).always = "refused"
    link.clock.advance(minutes=1)
    down = await link.sweep()  # 08:01: the network is down, nothing leaves
    assert (down.network_down, down.messages_sent) == (True, 0)
    faulty(link).always = None
    link.clock.advance(minutes=1)
    await link.sweep()

    assert received(link) == EVERYONE_ONCE
    assert len(repeated(link)) == 1  # the one that met the hang still says it may be a repeat
    assert set(states(link)) == {ReminderState.SENT}


async def test_a_429_left_nothing_on_the_wire_and_the_next_sweep_sends_it_once(
    link: Harness,
) -> None:
    faulty(link).answers.append("too-many")
    limited = await link.sweep()
    assert (limited.retry_later, limited.uncertain, limited.resend) == (1, 0, 0)

    link.clock.advance(minutes=1)
    await link.sweep()
    assert received(link) == EVERYONE_ONCE
    assert not repeated(link)
    assert set(states(link)) == {ReminderState.SENT}


async def test_a_focal_point_who_blocked_the_bot_is_failed_for_good_and_not_asked_again(
    link: Harness,
) -> None:
    link.api.block_user(FOCAL.id)  # digests go out side by side: the blocked one is named
    first = await link.sweep()
    assert len(first.unreachable) == 1
    for _ in range(3):
        link.clock.advance(minutes=1)
        await link.sweep()

    counts = received(link)
    assert sorted(counts.values()) == [0, 1, 1, 1, 1]
    assert states(link).count(ReminderState.FAILED) == 1
    # Refused once for good: no request was ever made to that chat again.
    assert len([c for c in link.api.calls if c.params.get("chat_id") == FOCAL.id]) == 1


async def test_a_long_digest_cut_by_a_hang_resends_only_its_unanswered_part_saying_so(
    link: Harness,
) -> None:
    for n in range(30):  # OCHA's digest is two messages now: 31 actions
        await link.send(f"/action Note {n} — OCHA — 25 octobre", user=COORDINATOR, chat=GROUP)
    link.api.clear()
    faulty(link).chat_faults[FOCAL.id] = deque(["ok", "hang"])  # OCHA's two parts
    await link.sweep()
    link.clock.advance(minutes=1)
    await link.sweep()

    texts_ = [str(m["text"]) for m in link.api.sent(FOCAL.id)]
    assert len(texts_) == 2  # the first part once, the unanswered one once, again
    assert texts.REMINDER_MAYBE_REPEATED not in texts_[0]
    assert texts_[1].startswith(texts.REMINDER_MAYBE_REPEATED)
    assert set(states(link)) == {ReminderState.SENT}


async def test_the_review_post_that_met_a_hang_is_posted_once_the_link_answers_saying_so(
    db: Database,
) -> None:
    bot = build_harness(db, transport=AnsweringRequest)
    bot.api.set_chat_member_status(GROUP.id, COORDINATOR.id, "administrator")
    await bot.app.initialize()
    try:
        await bot.say("/cluster Cluster Protection (CP)", user=COORDINATOR, chat=GROUP)
        await invite(bot, "OCHA", FOCAL, "Gerson Brandao")
        await reviewable(bot)
        faulty(bot).hang_in = GROUP.id
        bot.clock.current = datetime(2016, 11, 2, 8, 0, tzinfo=UTC)
        hung = await bot.sweep()
        assert hung.resend == 1
        faulty(bot).hang_in = None
        for _ in range(3):
            bot.clock.advance(minutes=1)
            await bot.sweep()

        posts = [m for m in bot.api.sent(GROUP.id) if "Ordre du jour" in str(m["text"])]
        assert len(posts) == 1
        assert str(posts[0]["text"]).startswith(texts.REMINDER_MAYBE_REPEATED)
        assert buttons(posts[0])  # its pages, as the first post would have had them
        assert set(states(bot)) == {ReminderState.SENT}
    finally:
        await bot.app.shutdown()
