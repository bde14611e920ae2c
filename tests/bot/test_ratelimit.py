"""The rate limiter puts replies to users first and keeps Telegram's limits.

Run on an event loop whose clock moves only when nothing is ready to run: a wait of any
length takes no real time, and every instant read here is exact. The Bot API is a callback
that writes down when each request reached the wire.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import selectors
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

import pytest
from telegram.error import RetryAfter

from bot.ratelimit import BEFORE_THE_WIRE, BULK, SteadyRateLimiter
from bot.transport import AnswerTracking
from storage.db import Database
from tests.conftest import invite
from tests.harness import COORDINATOR, FOCAL, GROUP, OTHER_FOCAL, build_harness, private
from tests.reminders.faults import FaultyRequest

T = TypeVar("T")

PER_SECOND = 28  # the bot's reminders (bot.reminders.OVERALL_PER_SECOND)
TELEGRAM = 30  # Telegram's overall limit
GAP = 1 / PER_SECOND


class _JumpingSelector(selectors.DefaultSelector):
    """Waits by moving the loop's clock instead of sleeping."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 0.0

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        events = super().select(0)
        if events:
            return events
        if timeout is None:  # nothing scheduled: only a thread could wake us
            events = super().select(5)
            if not events:
                raise RuntimeError("nothing left to run and nothing scheduled: a deadlock")
            return events
        self.now += timeout
        return events


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self) -> None:
        self._jumping = _JumpingSelector()
        super().__init__(self._jumping)

    def time(self) -> float:
        return self._jumping.now


def run_virtual(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    loop = VirtualTimeLoop()
    try:
        return loop.run_until_complete(main())
    finally:
        loop.close()


@dataclass
class Wire:
    """What reached the Bot API, in order, and when (loop time)."""

    limiter: SteadyRateLimiter = field(
        default_factory=lambda: SteadyRateLimiter(per_second=PER_SECOND, max_retries=5)
    )
    sent: list[tuple[float, str]] = field(default_factory=list)
    unlimited: set[str] = field(default_factory=set)  # labels of calls with no chat
    refuse: dict[str, int] = field(default_factory=dict)  # label: retry_after, once
    refused: asyncio.Event = field(default_factory=asyncio.Event)

    async def call(self, label: str, chat_id: int | None = 1) -> None:
        async def to_telegram() -> dict[str, Any]:
            self.sent.append((asyncio.get_running_loop().time(), label))
            retry_after = self.refuse.pop(label, None)
            if retry_after is not None:
                self.refused.set()
                raise RetryAfter(retry_after)
            return {}

        if chat_id is None:
            self.unlimited.add(label)
        data = {} if chat_id is None else {"chat_id": chat_id}
        await self.limiter.process_request(to_telegram, (), {}, "sendMessage", data, None)

    async def remind(self, label: str, chat_id: int = 1) -> None:
        BULK.set(True)  # as the sweep runs (in this task's own context)
        await self.call(label, chat_id)

    def labels(self) -> list[str]:
        return [label for _, label in self.sent]

    def at(self, label: str) -> list[float]:
        return [at for at, sent in self.sent if sent == label]

    def busiest(self, labels: Callable[[str], bool] = lambda _: True) -> int:
        """The most messages in any one second (a sliding window, as Telegram counts),
        among windows that end with one whose label passes `labels`."""
        times = [at for at, label in self.sent if label not in self.unlimited]
        return max(
            (
                sum(1 for t in times if t <= end < t + 1)
                for end, label in self.sent
                if labels(label) and label not in self.unlimited
            ),
            default=0,
        )


def now() -> float:
    return asyncio.get_running_loop().time()


def reminders(wire: Wire, count: int) -> list[asyncio.Task[None]]:
    return [
        asyncio.create_task(wire.remind(f"reminder {n}", chat_id=10_000 + n)) for n in range(count)
    ]


def test_a_reply_queued_behind_100_waiting_reminders_goes_out_next_and_at_once() -> None:
    async def main() -> tuple[Wire, int, float]:
        wire = Wire()
        morning = reminders(wire, 160)
        await asyncio.sleep(1.5)  # the morning under way: the last second holds 28 reminders
        assert 160 - len(wire.sent) >= 100
        before, asked = len(wire.sent), now()
        await wire.call("reply", chat_id=7)
        await asyncio.gather(*morning)
        return wire, before, asked

    wire, before, asked = run_virtual(main)

    assert wire.labels()[before] == "reply"
    assert wire.at("reply") == [asked]
    assert len(wire.sent) == 161


def test_a_commands_two_calls_go_back_to_back_in_the_middle_of_a_morning() -> None:
    async def main() -> tuple[Wire, float]:
        wire = Wire()
        morning = reminders(wire, 100)
        await asyncio.sleep(2.0)
        asked = now()
        await wire.call("card", chat_id=7)  # sendMessage
        await wire.call("card edited", chat_id=7)  # then editMessageText
        # A button press: its answer has no chat (not limited), then the card's edit.
        await wire.call("press answered", chat_id=None)
        await wire.call("press edited", chat_id=7)
        await asyncio.gather(*morning)
        return wire, asked

    wire, asked = run_virtual(main)

    calls = ["card", "card edited", "press answered", "press edited"]
    first = wire.labels().index("card")
    assert wire.labels()[first : first + 4] == calls
    assert [wire.at(label) for label in calls] == [[asked]] * 4
    assert wire.busiest() <= TELEGRAM


def test_with_nothing_else_to_send_replies_are_not_spaced() -> None:
    async def main() -> Wire:
        wire = Wire()
        await asyncio.gather(*(wire.call(f"reply {n}", chat_id=n + 1) for n in range(10)))
        return wire

    wire = run_virtual(main)

    assert {at for at, _ in wire.sent} == {0.0}


async def claimed_now() -> bool:
    return True


def test_reminders_alone_take_evenly_spaced_turns_28_a_second() -> None:
    async def main() -> Wire:
        wire = Wire()
        morning = reminders(wire, 40)

        async def claimed(label: str) -> None:
            # A send with a claim to make is a reminder, wherever the sweep is run from.
            BEFORE_THE_WIRE.set(claimed_now)
            await wire.call(label, chat_id=99)

        await asyncio.gather(*morning, *(claimed(f"claimed {n}") for n in range(16)))
        return wire

    wire = run_virtual(main)

    times = [at for at, _ in wire.sent]
    assert len(times) == 56
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) > GAP * 0.999
    assert max(gaps) < GAP * 1.001
    # 28 turns a second apart: both ends of a second may hold one.
    assert wire.busiest() <= PER_SECOND + 1


def test_mixed_traffic_never_exceeds_the_overall_limit_in_any_second() -> None:
    rng = random.Random(20250303)

    async def main() -> tuple[Wire, dict[str, float]]:
        wire = Wire()
        asked: dict[str, float] = {}
        morning = reminders(wire, 300)

        async def user(n: int, at: float, calls: int) -> None:
            await asyncio.sleep(at)
            asked[f"reply {n}"] = now()
            for _ in range(calls):
                await wire.call(f"reply {n}", chat_id=n + 1)

        # Over ten seconds: lone messages, commands with an edit or two, and five people
        # pressing the same button at once, now and then.
        people = []
        for n in range(40):
            at = rng.uniform(0, 10)
            people.append(user(n, at, rng.choice([1, 2, 2, 3])))
        for burst in range(4):
            at = rng.uniform(0, 10)
            people += [user(1000 + 10 * burst + k, at, 2) for k in range(5)]
        await asyncio.gather(*morning, *people)
        return wire, asked

    wire, asked = run_virtual(main)

    assert wire.busiest() <= TELEGRAM
    assert wire.busiest(lambda label: label.startswith("reminder")) <= PER_SECOND + 1
    # A reply waits only when replies crowd the last second (the bursts): for a moment.
    waits = [min(wire.at(label)) - at for label, at in asked.items()]
    assert max(waits) < 0.5
    # Reminders fill what replies leave: the morning ends as if everything were reminders.
    last_reminder = max(at for at, label in wire.sent if label.startswith("reminder"))
    assert last_reminder <= len(wire.sent) / PER_SECOND + 1


def test_a_429_pauses_replies_too_and_the_reply_goes_when_it_ends() -> None:
    async def main() -> tuple[Wire, float]:
        wire = Wire(refuse={"reminder 9": 2})
        morning = reminders(wire, 60)
        await wire.refused.wait()
        await asyncio.sleep(0.5)
        asked = now()
        await wire.call("reply", chat_id=7)
        await asyncio.gather(*morning)
        return wire, asked

    wire, asked = run_virtual(main)

    [refused_at, again_at] = wire.at("reminder 9")
    resumed = refused_at + 2 + 0.1  # retry_after, and the tenth PTB adds
    assert asked < resumed
    assert not [label for at, label in wire.sent if refused_at < at < resumed]
    [replied_at] = wire.at("reply")
    assert resumed <= replied_at < resumed + GAP
    assert again_at > resumed
    assert len(wire.labels()) == 62


def test_ptbs_group_limit_still_holds_replies_to_20_a_minute_in_one_group() -> None:
    async def main() -> Wire:
        wire = Wire()
        await asyncio.gather(*(wire.call(f"reply {n}", chat_id=-1001) for n in range(21)))
        return wire

    wire = run_virtual(main)

    times = sorted(at for at, _ in wire.sent)
    assert times[19] == 0.0
    assert times[20] >= 2.9  # one more every 3 s once the first 20 are spent


def test_a_reminder_dropped_while_waiting_gives_its_turn_to_the_next() -> None:
    async def main() -> Wire:
        wire = Wire()
        morning = reminders(wire, 10)
        await asyncio.sleep(GAP / 2)
        morning[3].cancel()  # a stop: dropped while it waited its turn
        await asyncio.gather(*morning, return_exceptions=True)
        return wire

    wire = run_virtual(main)

    assert "reminder 3" not in wire.labels()
    assert len(wire.sent) == 9
    times = [at for at, _ in wire.sent]
    assert max(b - a for a, b in itertools.pairwise(times)) < GAP * 1.001


# --- Through the bot: the sweep's requests are the reminders ---------------------------------


async def test_a_reply_during_the_sweep_goes_before_the_digests_still_waiting(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = build_harness(db)
    setup.api.set_chat_member_status(GROUP.id, COORDINATOR.id, "administrator")
    await setup.app.initialize()
    await setup.say("/cluster Cluster Protection (CP)", user=COORDINATOR, chat=GROUP)
    for org, user in (("OCHA", FOCAL), ("NRC", OTHER_FOCAL)):
        await invite(setup, org, user)
        await setup.send(
            f"/action Rapport de {org} — {org} — 25 octobre", user=COORDINATOR, chat=GROUP
        )
    await setup.app.shutdown()
    # Two reminders a second: the second digest waits its turn long after the reply is made.
    monkeypatch.setattr("bot.reminders.OVERALL_PER_SECOND", 2)
    friday_8 = datetime(2016, 10, 21, 8, 0, tzinfo=UTC)  # 25 October's "dans 3 jours"
    bot = build_harness(db, friday_8, rate_limit=True, transport=FaultyRequest)
    await bot.app.initialize()
    try:
        first_digest = asyncio.Event()
        cast(
            FaultyRequest, cast(AnswerTracking, bot.app.bot.request).inner
        ).on_send = first_digest.set
        sweeping = asyncio.create_task(bot.sweep())
        await first_digest.wait()
        [reply] = await bot.send("/aide", user=FOCAL, chat=private(FOCAL))
        bot.app.bot_data.stopping.set()  # the bot stops: the digest still waiting is dropped
        await sweeping
    finally:
        await bot.app.shutdown()

    sent = [m["text"] for m in bot.api.sent()]
    assert len(sent) == 2
    assert "🔔" in sent[0]
    assert sent[1] == reply["text"]
    assert "🔔" not in reply["text"]
