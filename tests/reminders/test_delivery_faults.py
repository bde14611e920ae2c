"""A network that misbehaves loses no reminder and doubles none: a hang, a connection cut
after Telegram accepted, a request that never left, a stop or a failure during a fan-out.
Each test counts what every focal point received, through the real Application."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import cast

import pytest
from sqlmodel import select

from bot import texts
from bot.reminders import TelegramOutbox, report_uncertain
from bot.transport import AnswerTracking
from reminders.delivery import Claim, Digest, Part, SendResult, sweep, writes_settled
from storage.db import Database
from storage.models import ReminderState, SentReminder
from storage.reminders import reminder_log
from tests.conftest import invite
from tests.fakes.updates import FakeUser
from tests.harness import COORDINATOR, FOCAL, GROUP, OTHER_FOCAL, Harness, build_harness
from tests.reminders.faults import Fault, FaultyRequest

FRIDAY_8 = datetime(2016, 10, 21, 8, 0, tzinfo=UTC)  # the 25 October deadline's "dans 3 jours"
FOCALS = {
    "OCHA": FOCAL,
    "NRC": OTHER_FOCAL,
    "UNICEF": FakeUser(205, "Issa", "Maïga"),
    "HCR": FakeUser(206, "Fanta", "Coulibaly"),
    "OIM": FakeUser(207, "Moussa", "Keïta"),
}


async def _cluster(bot: Harness) -> Harness:
    """Five organisations, each with a focal point and an action due on 25 October: five
    digests this Friday morning, one each."""
    bot.api.set_chat_member_status(GROUP.id, COORDINATOR.id, "administrator")
    await bot.app.initialize()
    await bot.say("/cluster Cluster Protection (CP)", user=COORDINATOR, chat=GROUP)
    for org, user in FOCALS.items():
        await invite(bot, org, user)
        await bot.send(
            f"/action Rapport de {org} — {org} — 25 octobre", user=COORDINATOR, chat=GROUP
        )
    bot.api.clear()
    bot.clock.current = FRIDAY_8
    return bot


@pytest.fixture
async def link(db: Database) -> AsyncIterator[Harness]:
    bot = await _cluster(build_harness(db, transport=FaultyRequest))
    transport(bot).met = 0
    yield bot
    await bot.app.shutdown()


@pytest.fixture
async def limited(db: Database) -> AsyncIterator[Harness]:
    """The same morning, swept through the real rate limiter (28 a second: five digests in
    0.2 s). The cluster is set up without it: its 20 a minute per group would make the
    setup's replies in the group wait."""
    setup = await _cluster(build_harness(db))
    await setup.app.shutdown()
    bot = build_harness(db, FRIDAY_8, rate_limit=True, transport=FaultyRequest)
    await bot.app.initialize()
    yield bot
    await bot.app.shutdown()


def transport(bot: Harness) -> FaultyRequest:
    """The faulty link under the bot's answer-tracking transport (bot/transport.py)."""
    return cast(FaultyRequest, cast(AnswerTracking, bot.app.bot.request).inner)


def received(bot: Harness) -> dict[str, int]:
    """Digests each focal point holds (the transport records only what Telegram accepted)."""
    return {
        org: sum("🔔" in m["text"] for m in bot.api.sent(user.id)) for org, user in FOCALS.items()
    }


EVERYONE_ONCE = dict.fromkeys(FOCALS, 1)


# --- A hang ------------------------------------------------------------------------------


async def test_a_hang_stops_the_sweep_at_the_first_silence_and_loses_nothing(
    link: Harness,
) -> None:
    transport(link).always = "hang"
    hung = await link.sweep()

    # One message met the silence; the sweep did not claim and lose the others.
    assert (hung.resend, hung.messages_sent, transport(link).met) == (1, 0, 1)
    for _ in range(9):  # a ten-minute hang: each sweep probes with one message
        link.clock.advance(minutes=1)
        assert (await link.sweep()).messages_sent == 0
    transport(link).always = None
    link.clock.advance(minutes=1)
    await link.sweep()

    assert received(link) == EVERYONE_ONCE
    repeated = [m for m in link.api.sent() if texts.REMINDER_MAYBE_REPEATED in m["text"]]
    assert len(repeated) == 1  # the one that met the hang says it may be a repeat


async def test_a_hung_reminder_is_sent_again_once_the_link_answers_even_after_a_restart(
    link: Harness,
) -> None:
    transport(link).faults.append("hang")
    await link.sweep()
    with link.db.session() as session:
        states = sorted(e.state for e in reminder_log(session=session))
    assert states == [ReminderState.RESEND]  # the log, not the process, remembers it

    link.clock.advance(minutes=1)
    await link.sweep()
    link.clock.advance(minutes=1)
    await link.sweep()

    assert received(link) == EVERYONE_ONCE
    with link.db.session() as session:
        assert {e.state for e in reminder_log(session=session)} == {ReminderState.SENT}


# --- A cut after Telegram accepted ---------------------------------------------------------


async def test_a_connection_cut_after_telegram_accepted_is_not_sent_again(
    link: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    transport(link).faults.append("cut")
    with caplog.at_level(logging.WARNING):
        cut = await link.sweep()

    assert (cut.uncertain, cut.messages_sent) == (1, 0)  # and the sweep stopped there
    for _ in range(5):
        link.clock.advance(minutes=1)
        await link.sweep()

    assert received(link) == EVERYONE_ONCE
    assert not any(texts.REMINDER_MAYBE_REPEATED in m["text"] for m in link.api.sent())
    # Who may have missed what is in the log.
    assert any(
        "may not have arrived" in r.message and "action:" in r.message for r in caplog.records
    )


@pytest.mark.parametrize("fault", ["refused", "connect-timeout", "pool-timeout"])
async def test_a_request_that_never_left_is_released_and_sent_by_the_next_sweep(
    link: Harness, fault: Fault
) -> None:
    transport(link).faults.append(fault)
    down = await link.sweep()
    assert (down.network_down, down.retry_later, down.messages_sent) == (True, 1, 0)

    link.clock.advance(minutes=1)
    await link.sweep()

    assert received(link) == EVERYONE_ONCE
    assert not any(texts.REMINDER_MAYBE_REPEATED in m["text"] for m in link.api.sent())


# --- A crash loses at most what is on the wire -----------------------------------------------


async def test_a_reminder_is_claimed_when_its_turn_comes_not_while_it_waits(
    limited: Harness,
) -> None:
    claimed_when_sent: list[int] = []

    def count_claims() -> None:
        with limited.db.session() as session:
            rows = session.exec(
                select(SentReminder).where(SentReminder.state == ReminderState.SENDING.value)
            ).all()
        claimed_when_sent.append(len(rows))

    transport(limited).on_send = count_claims
    await limited.sweep()

    # Five digests wait at the limiter at once; each is claimed only as it goes, so a crash
    # at any of these instants would have lost that one message, not five. (The one before
    # may still be claimed there: its fate is written off the loop, and it went out.)
    assert len(claimed_when_sent) == 5
    assert claimed_when_sent[0] == 1
    assert all(1 <= n <= 2 for n in claimed_when_sent), claimed_when_sent
    assert received(limited) == EVERYONE_ONCE


async def test_a_crash_mid_fan_out_loses_only_the_message_on_the_wire_and_says_whose(
    limited: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    sends = 0
    fan_out = asyncio.create_task(limited.sweep())

    def killed_at_the_third() -> None:
        # SIGKILL with the third message on the wire: nothing of the sweep runs after it
        # (cancelled, no task records anything), whatever waits at the limiter included.
        nonlocal sends
        sends += 1
        if sends == 3:
            fan_out.cancel()
            raise asyncio.CancelledError

    transport(limited).on_send = killed_at_the_third
    with pytest.raises(asyncio.CancelledError):
        await fan_out
    # The record of the second message, begun on the sweep's thread before the kill, lands
    # (a cancelled task does not stop its thread): only the third is left on the wire.
    await writes_settled()
    # The bot starts again: the start-up report, then the sweeps.
    transport(limited).on_send = None
    with caplog.at_level(logging.WARNING):
        report_uncertain(limited.app)
        report_uncertain(limited.app)  # a second start counts nothing again
    for _ in range(3):
        limited.clock.advance(minutes=1)
        await limited.sweep()

    counts = received(limited)
    assert sorted(counts.values()) == [0, 1, 1, 1, 1]  # one lost, on the wire; none twice
    [lost] = [org for org, n in counts.items() if n == 0]
    [report] = [r.message for r in caplog.records if "last stopped" in r.message]
    assert report.startswith("1 reminders were being sent")
    assert FOCALS[lost].first_name in report
    assert "action:" in report


# --- A stop during a fan-out ------------------------------------------------------------------


async def test_a_stop_during_a_fan_out_sends_nothing_more_and_the_next_start_sends_the_rest(
    limited: Harness,
) -> None:
    sends = 0

    def stop_at_the_second() -> None:
        nonlocal sends
        sends += 1
        if sends == 2:
            limited.app.bot_data.stopping.set()  # SIGTERM, as bot.cli sets it

    transport(limited).on_send = stop_at_the_second
    stopped = await limited.sweep()

    assert stopped.halted
    assert stopped.messages_sent == 2  # the one on the wire finished; nothing else went
    limited.app.bot_data.stopping.clear()  # the next start
    limited.clock.advance(minutes=1)
    await limited.sweep()
    assert received(limited) == EVERYONE_ONCE


# --- A sweep that fails ---------------------------------------------------------------------


class BrokenFor(TelegramOutbox):
    """Delivery raises for the named focal points, as a bug would."""

    def __init__(self, bot: Harness, *broken: FakeUser) -> None:
        super().__init__(bot.app.bot)
        self.broken = {u.id for u in broken}

    def compose(self, digest_: Digest, now: datetime) -> list[Part]:
        if digest_.recipient.chat_id in self.broken:
            raise RuntimeError(f"cannot compose for {digest_.recipient.chat_id}")
        return super().compose(digest_, now)

    async def send(self, chat_id: int, part: Part, claim: Claim) -> SendResult:
        return await super().send(chat_id, part, claim)


async def test_a_sweep_that_fails_reports_every_failure_and_still_delivers_the_rest(
    link: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    outbox = BrokenFor(link, FOCAL, OTHER_FOCAL)
    with caplog.at_level(logging.ERROR):
        report = await sweep(db=link.db, outbox=outbox, now=link.clock.now())

    assert len(report.failures) == 2
    failures = [r for r in caplog.records if "failed" in r.message]
    assert len(failures) == 2
    assert all(r.exc_info for r in failures)
    assert received(link) == {"OCHA": 0, "NRC": 0, "UNICEF": 1, "HCR": 1, "OIM": 1}


async def test_the_sweep_ends_with_its_summary_line(
    link: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    transport(link).faults.extend(["ok", "cut"])
    with caplog.at_level(logging.INFO, logger="bot.reminders"):
        await link.sweep()
    [summary] = [r.message for r in caplog.records if r.message.startswith("reminders:")]
    assert "1 messages (1 reminders) sent" in summary
    assert "1 uncertain" in summary
    link.clock.advance(minutes=1)
    assert (await link.sweep()).messages_sent == 3
