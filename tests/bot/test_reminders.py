"""Reminders as focal points and coordinators receive them: the digest, its buttons, and
delivery that survives failures, blocks, rate limits and crashes without repeating itself."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import select

from bot.app import build_application
from bot.reminders import TelegramOutbox
from reminders.delivery import Claim, Part, SendResult, sweep
from storage.db import Database
from storage.meetings import schedule_next_meeting
from storage.models import Action, Cluster, Member, Milestone, ReminderState, Status
from storage.reminders import reminder_log
from tests.conftest import invite
from tests.fakes.botapi import FakeBotApi, RecordingRequest
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    OTHER_FOCAL,
    TOKEN,
    FrozenClock,
    Harness,
    build_harness,
    buttons,
    private,
)

# The cluster fixture's clock: Thursday 20 October 2016, 14:30 in Bamako (UTC+0).
FRIDAY_8 = datetime(2016, 10, 21, 8, 0, tzinfo=UTC)
MONDAY_8 = datetime(2016, 10, 24, 8, 0, tzinfo=UTC)
TUESDAY_8 = datetime(2016, 10, 25, 8, 0, tzinfo=UTC)


async def log_action(bot: Harness, body: str) -> None:
    [reply] = await bot.send(f"/action {body}", user=COORDINATOR, chat=GROUP)
    assert "Action enregistrée" in reply["text"], reply["text"]


async def reachable_coordinator(bot: Harness) -> None:
    """The coordinator has started the bot privately: it can write to them."""
    await bot.send("/start", user=COORDINATOR, chat=private(COORDINATOR))


def digests(bot: Harness, user_id: int) -> list[dict[str, Any]]:
    return [m for m in bot.api.sent(user_id) if "🔔" in m["text"]]


def status_of(bot: Harness, action_id: int) -> str:
    with bot.db.session() as session:
        action = session.get(Action, action_id)
        assert action is not None
        return action.status


async def at(bot: Harness, moment: datetime) -> None:
    bot.clock.current = moment
    await bot.sweep()


# --- The digest ----------------------------------------------------------------------------


async def test_the_focal_point_gets_a_morning_digest_at_eight_with_one_tap_answers(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note de protection — OCHA — 25 octobre")
    cluster.api.clear()

    await at(cluster, FRIDAY_8 - timedelta(minutes=1))
    assert cluster.api.sent() == []

    await at(cluster, FRIDAY_8)
    [digest] = cluster.api.sent(FOCAL.id)
    assert "Vos rappels du vendredi 21 octobre 2016" in digest["text"]
    assert "<b>n° 1</b> · Rédiger la note de protection" in digest["text"]
    assert "Échéance dans 4 jours : mardi 25 octobre 2016" in digest["text"]
    assert [label for label, _ in buttons(digest)] == ["✅ 1", "🔄 1", "📅 1"]
    assert "envoyé en retard" not in digest["text"]


async def test_each_morning_brings_the_next_reminder_and_a_sweep_never_repeats_one(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note de protection — OCHA — 25 octobre")
    cluster.api.clear()

    for moment in (FRIDAY_8, FRIDAY_8 + timedelta(minutes=1), FRIDAY_8 + timedelta(hours=3)):
        await at(cluster, moment)
    await at(cluster, datetime(2016, 10, 22, 9, 0, tzinfo=UTC))  # Saturday: nothing
    for moment in (MONDAY_8, MONDAY_8 + timedelta(minutes=1), TUESDAY_8):
        await at(cluster, moment)

    texts = [m["text"] for m in cluster.api.sent(FOCAL.id)]
    assert len(texts) == 3
    assert "Échéance dans 4 jours" in texts[0]
    assert "Échéance demain" in texts[1]
    assert "Échéance aujourd'hui" in texts[2]


async def test_after_downtime_only_the_latest_reminder_goes_out_marked_late(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note de protection — OCHA — 25 octobre")
    cluster.api.clear()

    # The bot was down from Thursday to Tuesday 11:00: the 3-day and 1-day reminders are
    # obsolete; the deadline-day one is still worth sending, and says it is late.
    await at(cluster, TUESDAY_8 + timedelta(hours=3))

    [digest] = cluster.api.sent(FOCAL.id)
    assert "Échéance aujourd'hui" in digest["text"]
    assert "Rappel prévu le mardi 25/10 à 8h00, envoyé en retard." in digest["text"]
    with cluster.db.session() as session:
        [entry] = reminder_log(session=session)
    assert entry.key.kind == "due-0"
    assert entry.late


async def test_overdue_reminders_follow_and_coordinators_hear_at_seven_days(
    cluster: Harness,
) -> None:
    await reachable_coordinator(cluster)
    await log_action(cluster, "Rédiger la note de protection — OCHA — 25 octobre")
    cluster.api.clear()

    await at(cluster, datetime(2016, 10, 26, 8, 0, tzinfo=UTC))  # one day late
    [late] = cluster.api.sent(FOCAL.id)
    assert "En retard de 1 jour (échéance : mardi 25 octobre 2016)" in late["text"]
    assert cluster.api.sent(COORDINATOR.id) == []

    await at(cluster, datetime(2016, 11, 1, 8, 0, tzinfo=UTC))  # seven days late
    assert "En retard de 7 jours" in cluster.api.sent(FOCAL.id)[-1]["text"]
    [escalation] = cluster.api.sent(COORDINATOR.id)
    assert "en tant que coordinateur, relancez les responsables" in escalation["text"]
    assert "Responsables : OCHA" in escalation["text"]


async def test_a_done_or_cancelled_action_is_not_reminded(cluster: Harness) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    await log_action(cluster, "Partager la matrice — OCHA — 25 octobre")
    await cluster.send("/fait 1", user=FOCAL)
    await cluster.send("/annuler 2", user=COORDINATOR, chat=GROUP)
    cluster.api.clear()

    await at(cluster, FRIDAY_8)
    await at(cluster, datetime(2016, 11, 1, 8, 0, tzinfo=UTC))

    assert cluster.api.sent() == []


async def test_one_digest_gathers_a_persons_reminders_late_ones_first(cluster: Harness) -> None:
    cluster.clock.current = datetime(2016, 10, 14, 9, 0, tzinfo=UTC)
    await log_action(cluster, "Envoyer la liste des partenaires — OCHA — 18 octobre")
    await log_action(cluster, "Préparer le plan de contingence — OCHA — 24 octobre")
    cluster.api.clear()

    await at(cluster, FRIDAY_8)

    [digest] = cluster.api.sent(FOCAL.id)
    text = digest["text"]
    assert text.index("n° 1") < text.index("n° 2")  # the late one first
    assert "En retard de 3 jours" in text
    assert "Échéance dans 3 jours" in text
    assert [label for label, _ in buttons(digest)] == [
        "✅ 1",
        "🔄 1",
        "📅 1",
        "✅ 2",
        "🔄 2",
        "📅 2",
    ]


async def test_a_long_digest_is_split_under_telegrams_limits_with_a_pause_between_parts(
    cluster: Harness,
) -> None:
    for n in range(45):
        await log_action(cluster, f"Action {n} — " + "contexte " * 20 + "— OCHA — 24 octobre")
    cluster.api.clear()

    await at(cluster, FRIDAY_8)

    parts = cluster.api.sent(FOCAL.id)
    assert len(parts) >= 2
    assert all(len(p["text"]) <= 4096 for p in parts)
    assert all(len(buttons(p)) <= 90 for p in parts)
    numbers = sorted(int(data.split(":")[2]) for p in parts for _, data in buttons(p))
    assert numbers == sorted(list(range(1, 46)) * 3)
    assert "suite 2/" in parts[1]["text"]
    assert cluster.pauses == [1.0] * (len(parts) - 1)
    with cluster.db.session() as session:
        assert len(reminder_log(session=session)) == 45


# --- Buttons under a reminder --------------------------------------------------------------


async def test_a_tap_on_a_reminder_changes_the_action_and_keeps_the_digest(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 24 octobre")
    await log_action(cluster, "Partager la matrice — OCHA — 24 octobre")
    await at(cluster, FRIDAY_8)
    [digest] = cluster.api.sent(FOCAL.id)

    await cluster.press(digest, "✅ 1", user=FOCAL)

    assert status_of(cluster, 1) == Status.DONE
    assert cluster.last_answer()["text"] == "n° 1 : Fait"
    after = cluster.current(digest)
    assert "Vos rappels" in after["text"]  # the digest stays a digest
    assert [label for label, _ in buttons(after)] == ["✅ 2", "🔄 2", "📅 2"]

    await cluster.press(after, "🔄 2", user=FOCAL)
    assert status_of(cluster, 2) == Status.IN_PROGRESS
    assert [label for label, _ in buttons(cluster.current(digest))] == ["✅ 2", "🔄 2", "📅 2"]
    await cluster.press(cluster.current(digest), "✅ 2", user=FOCAL)
    assert status_of(cluster, 2) == Status.DONE


async def test_a_tap_on_an_old_reminder_of_a_closed_action_says_so_and_changes_nothing(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    await at(cluster, FRIDAY_8)
    [old] = cluster.api.sent(FOCAL.id)
    await cluster.send("/annuler 1", user=COORDINATOR, chat=GROUP)

    await cluster.press(old, "✅ 1", user=FOCAL)

    assert status_of(cluster, 1) == Status.CANCELLED
    answer = cluster.last_answer()
    assert answer["text"] == "L'action n° 1 est déjà annulée : rien n'a été changé."
    assert answer["show_alert"] is True
    assert buttons(cluster.current(old)) == []


async def test_a_coordinator_standing_in_answers_from_the_reminder(cluster: Harness) -> None:
    await reachable_coordinator(cluster)
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    cluster.api.block_user(FOCAL.id)
    await at(cluster, FRIDAY_8)
    await at(cluster, FRIDAY_8 + timedelta(minutes=1))
    [digest] = [m for m in cluster.api.sent(COORDINATOR.id) if "n° 1" in m["text"]]

    await cluster.press(digest, "✅ 1", user=COORDINATOR)

    assert status_of(cluster, 1) == Status.DONE


async def test_postponing_from_a_reminder_asks_the_new_deadline(cluster: Harness) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    await at(cluster, FRIDAY_8)
    [digest] = cluster.api.sent(FOCAL.id)

    [question] = await cluster.press(digest, "📅 1", user=FOCAL)
    [card] = await cluster.send("fin novembre", user=FOCAL)

    assert "nouvelle échéance" in question["text"].lower()
    assert "fin novembre : mercredi 30 novembre 2016" in card["text"]


# --- People who cannot be reached ----------------------------------------------------------


async def test_a_blocked_focal_point_is_told_about_once_and_coordinators_stand_in(
    cluster: Harness,
) -> None:
    await reachable_coordinator(cluster)
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    cluster.api.block_user(FOCAL.id)
    cluster.api.clear()

    await at(cluster, FRIDAY_8)
    await at(cluster, FRIDAY_8 + timedelta(minutes=1))
    await at(cluster, FRIDAY_8 + timedelta(minutes=2))
    await at(cluster, MONDAY_8)

    # One attempt at the blocked person, never more (no retry storm).
    assert len(cluster.api.calls_to("sendMessage")) - len(cluster.api.sent()) == 1
    with cluster.db.session() as session:
        member = session.exec(select(Member).where(Member.telegram_user_id == FOCAL.id)).one()
        assert member.reachable is False
    # The coordinator receives OCHA's reminders and is told why, once.
    to_coordinator = [m["text"] for m in cluster.api.sent(COORDINATOR.id)]
    assert sum("ne reçoit pas les rappels en privé" in t for t in to_coordinator) == 1
    assert sum("Aucun point focal d'OCHA" in t for t in to_coordinator) == 2  # Fri, Mon
    # The group hears of it once, with a plain link to start the bot and no invitation code.
    [mention] = cluster.api.sent(GROUP.id)
    assert f'<a href="tg://user?id={FOCAL.id}">Gerson Brandao</a>' in mention["text"]
    assert "https://t.me/relance_test_bot" in mention["text"]
    assert "start=" not in mention["text"]


async def test_a_focal_point_who_starts_the_bot_again_gets_reminders_again(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    cluster.api.block_user(FOCAL.id)
    await at(cluster, FRIDAY_8)
    cluster.api.unblock_user(FOCAL.id)
    await cluster.send("/start", user=FOCAL)
    cluster.api.clear()

    await at(cluster, MONDAY_8)

    [digest] = digests(cluster, FOCAL.id)
    assert "Échéance demain" in digest["text"]


async def test_without_any_reachable_person_the_group_gets_the_reminder(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    cluster.api.block_user(FOCAL.id)
    await at(cluster, FRIDAY_8)
    cluster.api.clear()

    await at(cluster, MONDAY_8)

    [digest] = cluster.api.sent(GROUP.id)
    assert "Rappels du Cluster Protection (CP)" in digest["text"]
    assert "Aucun point focal d'OCHA" in digest["text"]


# --- Failures on the way -------------------------------------------------------------------


async def test_a_rate_limited_send_is_retried_by_the_next_sweep_without_loss(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    cluster.api.clear()
    cluster.api.fail_next("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3)

    await at(cluster, FRIDAY_8)
    assert cluster.api.sent() == []
    await at(cluster, FRIDAY_8 + timedelta(minutes=1))

    assert len(cluster.api.sent(FOCAL.id)) == 1
    with cluster.db.session() as session:
        [entry] = reminder_log(session=session)
    assert entry.state == ReminderState.SENT


async def test_a_network_cut_stops_the_sweep_and_the_next_one_sends_everything_once(
    cluster: Harness,
) -> None:
    await reachable_coordinator(cluster)
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    await log_action(cluster, "Valider le rapport — CCP — 25 octobre")
    cluster.api.clear()
    cluster.api.fail_next("sendMessage", 502, "Bad Gateway")

    report_cut = await _sweep_at(cluster, FRIDAY_8)
    await at(cluster, FRIDAY_8 + timedelta(minutes=1))
    await at(cluster, FRIDAY_8 + timedelta(minutes=2))

    assert report_cut.network_down
    assert len(cluster.api.sent(FOCAL.id)) == 1
    assert len(cluster.api.sent(COORDINATOR.id)) == 1


async def _sweep_at(bot: Harness, moment: datetime) -> Any:
    bot.clock.current = moment
    return await bot.sweep()


async def test_with_the_rate_limiter_a_429_is_waited_out_and_retried_in_the_same_sweep(
    db: Database,
) -> None:
    bot = build_harness(db, rate_limit=True)
    bot.api.set_chat_member_status(GROUP.id, COORDINATOR.id, "administrator")
    await bot.app.initialize()
    try:
        await bot.say("/cluster Cluster Protection (CP)", user=COORDINATOR, chat=GROUP)
        await invite(bot, "OCHA", FOCAL, "Gerson Brandao")
        await log_action(bot, "Rédiger la note — OCHA — 25 octobre")
        bot.api.clear()
        # Telegram's smallest retry_after: the limiter waits it out (about a second).
        bot.api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)

        report = await _sweep_at(bot, FRIDAY_8)
    finally:
        await bot.app.shutdown()

    attempts = bot.api.calls_to("sendMessage")
    assert len(attempts) == 2
    assert len(bot.api.sent(FOCAL.id)) == 1
    assert report.retry_later == 0
    with bot.db.session() as session:
        [entry] = reminder_log(session=session)
    assert entry.state == ReminderState.SENT


class ProcessDied(Exception):
    """The process stops right after Telegram accepted the message, before the log says so."""


class DyingOutbox(TelegramOutbox):
    async def send(self, chat_id: int, part: Part, claim: Claim) -> SendResult:
        await super().send(chat_id, part, claim)
        raise ProcessDied


async def test_a_crash_between_send_and_record_never_sends_the_reminder_twice(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    cluster.api.clear()
    cluster.clock.current = FRIDAY_8

    died = await sweep(db=cluster.db, outbox=DyingOutbox(cluster.app.bot), now=FRIDAY_8)
    assert len(died.failures) == 1  # reported, with its traceback in the log
    # The bot restarts and sweeps again, twice.
    await at(cluster, FRIDAY_8 + timedelta(minutes=1))
    await at(cluster, FRIDAY_8 + timedelta(minutes=2))

    assert len(cluster.api.sent(FOCAL.id)) == 1
    with cluster.db.session() as session:
        [entry] = reminder_log(session=session)
    assert entry.state == ReminderState.SENDING  # it may have arrived: never resent


async def test_two_sweeps_at_once_send_each_reminder_once(cluster: Harness) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    await log_action(cluster, "Partager la matrice — OCHA, CCP — 24 octobre")
    await reachable_coordinator(cluster)
    cluster.api.clear()
    cluster.clock.current = FRIDAY_8
    outbox = TelegramOutbox(cluster.app.bot)

    first, second = await asyncio.gather(
        sweep(db=cluster.db, outbox=outbox, now=FRIDAY_8),
        sweep(db=cluster.db, outbox=outbox, now=FRIDAY_8),
    )

    assert len(cluster.api.sent(FOCAL.id)) == 1
    assert len(cluster.api.sent(COORDINATOR.id)) == 1
    assert first.messages_sent + second.messages_sent == 2


# --- Meetings and milestones ---------------------------------------------------------------


async def test_a_week_before_the_meeting_members_get_its_place_hour_and_their_open_actions(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 15 novembre")
    await log_action(cluster, "Partager la matrice 3W — UNICEF — 15 novembre")
    with cluster.db.session() as session:
        schedule_next_meeting(
            session=session,
            cluster_id=1,
            starts_at=datetime(2016, 11, 2, 10, 0, tzinfo=UTC),
            has_time=True,
            place="bureau du PNUD",
            now=cluster.clock.now(),
        )
    cluster.api.clear()

    await at(cluster, datetime(2016, 10, 26, 8, 0, tzinfo=UTC))  # a week before

    [digest] = cluster.api.sent(FOCAL.id)
    text = digest["text"]
    assert "Réunion dans 7 jours</b> : mercredi 2 novembre 2016 à 10h00, bureau du PNUD" in text
    assert "Actions ouvertes d'OCHA à présenter" in text
    assert "n° 1 · Rédiger la note" in text
    assert "matrice 3W" not in text

    await at(cluster, datetime(2016, 11, 1, 8, 0, tzinfo=UTC))  # the day before
    assert "Réunion demain" in cluster.api.sent(FOCAL.id)[-1]["text"]


async def test_a_milestone_is_announced_to_the_group_and_its_members(cluster: Harness) -> None:
    with cluster.db.session() as session:
        session.add(
            Milestone(
                cluster_id=1,
                title="Soumission des projets OPS",
                due_at=datetime(2016, 10, 31, 23, 59, 59, tzinfo=UTC),
                deadline_precision="day",
                created_at=cluster.clock.now(),
                updated_at=cluster.clock.now(),
            )
        )
    cluster.api.clear()

    await at(cluster, datetime(2016, 10, 24, 8, 0, tzinfo=UTC))  # 7 days before

    [to_group] = cluster.api.sent(GROUP.id)
    [to_focal] = cluster.api.sent(FOCAL.id)
    for message in (to_group, to_focal):
        assert (
            "🎯 <b>Soumission des projets OPS</b> dans 7 jours : lundi 31 octobre 2016"
            in (message["text"])
        )


async def test_a_group_that_became_a_supergroup_is_followed(cluster: Harness) -> None:
    with cluster.db.session() as session:
        session.add(
            Milestone(
                cluster_id=1,
                title="Atelier OPS",
                due_at=datetime(2016, 10, 31, 23, 59, 59, tzinfo=UTC),
                deadline_precision="day",
                created_at=cluster.clock.now(),
                updated_at=cluster.clock.now(),
            )
        )
    new_id = -1009999999999
    cluster.api.migrate_chat(GROUP.id, new_id)
    cluster.api.clear()

    await at(cluster, datetime(2016, 10, 24, 8, 0, tzinfo=UTC))

    assert len(cluster.api.sent(new_id)) == 1
    with cluster.db.session() as session:
        assert session.exec(select(Cluster.chat_id)).one() == new_id


async def test_reminders_off_for_a_cluster_sends_nothing(cluster: Harness) -> None:
    from storage.models import ReminderSettingsRow

    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    with cluster.db.session() as session:
        session.add(
            ReminderSettingsRow(
                cluster_id=1,
                enabled=False,
                deadline_days_before=[3, 1, 0],
                overdue_days_after=[1, 3, 7],
                meeting_days_before=[7, 1],
                milestone_days_before=[7, 3, 1],
                updated_at=cluster.clock.now(),
            )
        )
    cluster.api.clear()

    await at(cluster, FRIDAY_8)

    assert cluster.api.sent() == []


# --- What coordinators set in the chat drives the reminders --------------------------------


async def test_a_meeting_set_and_moved_with_reunion_is_reminded_on_its_new_date(
    cluster: Harness,
) -> None:
    await cluster.send("/reunion 2 novembre 10h bureau du PNUD", user=COORDINATOR, chat=GROUP)
    await cluster.send("/reunion 9 novembre 10h bureau du PNUD", user=COORDINATOR, chat=GROUP)
    cluster.api.clear()

    await at(cluster, datetime(2016, 10, 26, 8, 0, tzinfo=UTC))  # 7 days before the old date
    assert cluster.api.sent(FOCAL.id) == []

    await at(cluster, datetime(2016, 11, 2, 8, 0, tzinfo=UTC))  # 7 days before the new one
    [digest] = cluster.api.sent(FOCAL.id)
    assert "Réunion dans 7 jours</b> : mercredi 9 novembre 2016 à 10h00" in digest["text"]


async def test_a_cancelled_meeting_is_not_reminded(cluster: Harness) -> None:
    [echo] = await cluster.send("/reunion 2 novembre 10h", user=COORDINATOR, chat=GROUP)
    await cluster.press(echo, "Annuler la réunion", user=COORDINATOR)
    await cluster.press(echo, "Oui", user=COORDINATOR)
    assert "annulée" in cluster.current(echo)["text"]
    cluster.api.clear()

    await at(cluster, datetime(2016, 10, 26, 8, 0, tzinfo=UTC))
    await at(cluster, datetime(2016, 11, 1, 8, 0, tzinfo=UTC))

    assert cluster.api.sent() == []


async def test_a_milestone_added_with_echeance_reaches_the_group_four_times(
    cluster: Harness,
) -> None:
    await cluster.send(
        "/echeance Soumission des projets OPS — jeudi 3 novembre", user=COORDINATOR, chat=GROUP
    )
    cluster.api.clear()

    day = datetime(2016, 10, 21, 8, 0, tzinfo=UTC)
    while day < datetime(2016, 11, 4, tzinfo=UTC):
        await at(cluster, day)
        day += timedelta(days=1)

    to_group = [m["text"] for m in cluster.api.sent(GROUP.id)]
    assert ["dans 7 jours" in t for t in to_group] == [True, False, False, False]
    assert ["dans 3 jours" in t for t in to_group] == [False, True, False, False]
    assert ["demain" in t for t in to_group] == [False, False, True, False]
    assert ["aujourd'hui" in t for t in to_group] == [False, False, False, True]


async def test_reminders_switched_off_in_parametres_stop_until_switched_on(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    [settings] = await cluster.send("/parametres", user=COORDINATOR, chat=GROUP)
    await cluster.press(settings, "Désactiver", user=COORDINATOR)
    cluster.api.clear()

    await at(cluster, FRIDAY_8)
    assert cluster.api.sent() == []

    await cluster.press(settings, "Réactiver", user=COORDINATOR)
    await at(cluster, MONDAY_8)
    [digest] = cluster.api.sent(FOCAL.id)
    assert "Échéance demain" in digest["text"]


async def test_without_reachable_coordinators_the_escalation_is_posted_in_the_group(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    cluster.api.clear()

    await at(cluster, datetime(2016, 11, 1, 8, 0, tzinfo=UTC))  # seven days late

    [posted] = cluster.api.sent(GROUP.id)
    assert "aucun coordinateur ne reçoit les rappels en privé" in posted["text"]
    assert "en tant que coordinateur" not in posted["text"]
    assert "En retard de 7 jours" in cluster.api.sent(FOCAL.id)[0]["text"]


async def test_who_receives_is_decided_on_the_morning_not_when_the_action_was_logged(
    cluster: Harness,
) -> None:
    await reachable_coordinator(cluster)
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    # A second OCHA focal point joins after the action was logged: they get it too.
    await invite(cluster, "OCHA", OTHER_FOCAL, "Hanan Talbi")
    # The coordinator loses the group's administration: no escalation for them any more.
    cluster.api.set_chat_member_status(GROUP.id, COORDINATOR.id, "member")
    await cluster.send("/parametres", user=COORDINATOR, chat=GROUP)
    cluster.api.clear()

    await at(cluster, FRIDAY_8)
    await at(cluster, datetime(2016, 11, 1, 8, 0, tzinfo=UTC))  # seven days late

    assert len(cluster.api.sent(FOCAL.id)) == 2
    assert len(cluster.api.sent(OTHER_FOCAL.id)) == 2
    assert cluster.api.sent(COORDINATOR.id) == []
    [escalation] = cluster.api.sent(GROUP.id)
    assert "aucun coordinateur ne reçoit les rappels en privé" in escalation["text"]


async def test_the_sweep_job_runs_late_rather_than_skip_and_never_overlaps(db: Database) -> None:
    app = build_application(
        token=TOKEN,
        db=db,
        clock=FrozenClock(FRIDAY_8),
        default_timezone="Africa/Bamako",
        request=RecordingRequest(FakeBotApi()),
        rate_limit=False,
        sweep_every=60,
    )
    assert app.job_queue is not None
    [job] = app.job_queue.jobs()
    # APScheduler skips a run more than a second late unless told otherwise.
    assert job.job.misfire_grace_time is None
    assert job.job.coalesce is True
    assert job.job.max_instances == 1
    assert job.job.trigger.interval.total_seconds() == 60
