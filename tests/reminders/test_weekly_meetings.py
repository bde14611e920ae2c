"""Meeting reminders on time: a weekly meeting, set at the one before, gets its "dans 7
jours" that day; a reminder caught up on the meeting's day waits for the morning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.harness import COORDINATOR, FOCAL, GROUP, Harness


def digests(bot: Harness) -> list[str]:
    return [str(m["text"]) for m in bot.api.sent(FOCAL.id) if "🔔" in str(m["text"])]


async def sweep_at(bot: Harness, moment: datetime) -> None:
    bot.clock.current = moment
    await bot.sweep()


async def test_a_weekly_meeting_set_at_the_one_before_gets_its_week_reminder_that_day(
    cluster: Harness,
) -> None:
    await cluster.send("/reunion 2 novembre 10h bureau du PNUD", user=COORDINATOR, chat=GROUP)
    # At the meeting of Wednesday 2 November, the next one is set for a week later.
    cluster.clock.current = datetime(2016, 11, 2, 10, 30, tzinfo=UTC)
    await cluster.send("/reunion 9 novembre 10h bureau du PNUD", user=COORDINATOR, chat=GROUP)
    cluster.api.clear()

    await sweep_at(cluster, datetime(2016, 11, 2, 10, 31, tzinfo=UTC))
    [week] = digests(cluster)
    assert "Réunion dans 7 jours</b> : mercredi 9 novembre 2016 à 10h00" in week
    assert "en retard" not in week

    moment = datetime(2016, 11, 2, 10, 32, tzinfo=UTC)
    while moment < datetime(2016, 11, 9, 10, 0, tzinfo=UTC):  # every hour until it starts
        await sweep_at(cluster, moment)
        moment += timedelta(hours=1)
    assert len(digests(cluster)) == 2
    assert "Réunion demain" in digests(cluster)[1]


async def test_a_meeting_reminder_missed_the_day_before_is_not_caught_up_in_the_night(
    cluster: Harness,
) -> None:
    await cluster.send("/reunion 2 novembre 10h bureau du PNUD", user=COORDINATOR, chat=GROUP)
    cluster.api.clear()
    # The bot was down all of Tuesday 1 November, the day before; it is back at midnight.
    for hour, minute in ((0, 1), (3, 0), (6, 59)):
        await sweep_at(cluster, datetime(2016, 11, 2, hour, minute, tzinfo=UTC))
    assert digests(cluster) == []

    await sweep_at(cluster, datetime(2016, 11, 2, 7, 0, tzinfo=UTC))
    [caught_up] = digests(cluster)
    assert "Réunion aujourd'hui</b> : mercredi 2 novembre 2016 à 10h00" in caught_up
    assert "Rappel prévu le mardi 01/11 à 8h00, envoyé en retard." in caught_up
