"""Coordinators are the group's administrators, all of them: learned from Telegram, even one
who never wrote in the group, forgotten once demoted, and asked about sparingly."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import invite
from tests.fakes.updates import FakeUser
from tests.harness import COORDINATOR, FOCAL, GROUP, Harness, private

# The cluster fixture's clock: Thursday 20 October 2016, 14:30 in Bamako (UTC+0).
FRIDAY_8 = datetime(2016, 10, 21, 8, 0, tzinfo=UTC)
SEVEN_DAYS_LATE = datetime(2016, 11, 1, 8, 0, tzinfo=UTC)  # of a deadline on 25 October

# An administrator of the group who never types anything there.
SILENT = FakeUser(105, "Mariam", "Coulibaly")


async def log_action(bot: Harness, body: str) -> None:
    [reply] = await bot.send(f"/action {body}", user=COORDINATOR, chat=GROUP)
    assert "Action enregistrée" in reply["text"], reply["text"]


async def at(bot: Harness, moment: datetime) -> None:
    bot.clock.current = moment
    await bot.sweep()


# --- A coordinator who started the bot first ----------------------------------------------


async def test_a_coordinator_who_started_the_bot_before_the_cluster_existed_is_reachable(
    bot: Harness,
) -> None:
    await bot.send("/start", user=COORDINATOR, chat=private(COORDINATOR))
    await bot.say("/cluster Cluster Protection (CP)", user=COORDINATOR, chat=GROUP)
    await invite(bot, "OCHA", FOCAL, "Gerson Brandao")
    await log_action(bot, "Rédiger la note de protection — OCHA — 25 octobre")
    bot.api.clear()

    await at(bot, SEVEN_DAYS_LATE)

    [escalation] = bot.api.sent(COORDINATOR.id)
    assert "en tant que coordinateur, relancez les responsables" in escalation["text"]
    assert bot.api.sent(GROUP.id) == []
