"""Coordinators are the group's administrators, all of them: learned from Telegram, even one
who never wrote in the group, forgotten once demoted, and asked about sparingly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.db import Database
from tests.conftest import invite
from tests.fakes.updates import FakeUser
from tests.harness import COORDINATOR, FOCAL, GROUP, Harness, build_harness, private

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


def silent_admin(bot: Harness) -> None:
    bot.api.know_user(SILENT.to_json())
    bot.api.set_chat_member_status(GROUP.id, SILENT.id, "administrator")


def admin_checks(bot: Harness) -> int:
    return len(bot.api.calls_to("getChatAdministrators")) + len(bot.api.calls_to("getChatMember"))


# --- Every administrator, even one who never spoke ----------------------------------------


async def test_an_administrator_who_never_spoke_receives_the_escalation_privately(
    cluster: Harness,
) -> None:
    silent_admin(cluster)
    await cluster.send("/start", user=SILENT, chat=private(SILENT))  # only the bot, privately
    await log_action(cluster, "Rédiger la note de protection — OCHA — 25 octobre")
    cluster.api.clear()

    await at(cluster, SEVEN_DAYS_LATE)

    [escalation] = cluster.api.sent(SILENT.id)
    assert "en tant que coordinateur, relancez les responsables" in escalation["text"]
    assert cluster.api.sent(GROUP.id) == []  # not "aucun coordinateur ne reçoit…"
    assert "Coordination : Mariam Coulibaly, Oumou Sow" in await cluster.say(
        "/membres", user=FOCAL, chat=GROUP
    )


async def test_an_administrator_who_never_spoke_gets_the_ccp_reminders_and_the_notices(
    cluster: Harness,
) -> None:
    silent_admin(cluster)
    await cluster.send("/start", user=SILENT, chat=private(SILENT))
    await log_action(cluster, "Valider le rapport — CCP — 25 octobre")
    cluster.api.clear()

    await at(cluster, FRIDAY_8)

    # The "CCP" reminder, and the notice that the other coordinator, who never started the
    # bot, cannot receive theirs.
    [digest] = cluster.api.sent(SILENT.id)
    assert "Valider le rapport" in digest["text"]
    assert "<b>Oumou Sow</b> ne reçoit pas les rappels en privé" in digest["text"]


async def test_an_administrator_learned_before_speaking_may_act_at_once(
    cluster: Harness,
) -> None:
    silent_admin(cluster)
    await cluster.sweep()  # the morning's sweep learns the administrators

    assert "Action n° 1" in await cluster.say(
        "/action Faire X — OCHA — demain", user=SILENT, chat=GROUP
    )


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


# --- Promoted and demoted -------------------------------------------------------------------


async def test_a_demoted_administrator_is_forgotten_when_telegram_says_so(
    cluster: Harness,
) -> None:
    silent_admin(cluster)
    await cluster.send("/start", user=SILENT, chat=private(SILENT))
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    await cluster.set_status(SILENT, "administrator", "member")
    cluster.api.clear()

    assert "Seuls les coordinateurs" in await cluster.say(
        "/action Faire Y — OCHA — demain", user=SILENT, chat=GROUP
    )
    await at(cluster, SEVEN_DAYS_LATE)
    assert cluster.api.sent(SILENT.id) == []
    assert "Coordination : Oumou Sow" in await cluster.say("/membres", user=FOCAL, chat=GROUP)


async def test_a_demotion_telegram_did_not_announce_is_learned_by_the_next_sweep(
    cluster: Harness,
) -> None:
    # The bot is not an administrator of the group: Telegram sends it no chat_member update.
    silent_admin(cluster)
    await cluster.send("/start", user=SILENT, chat=private(SILENT))
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    cluster.api.set_chat_member_status(GROUP.id, SILENT.id, "member")
    cluster.api.clear()

    await at(cluster, SEVEN_DAYS_LATE)

    assert cluster.api.sent(SILENT.id) == []
    assert cluster.api.sent(COORDINATOR.id) == []  # never started the bot: the group hears
    [posted] = cluster.api.sent(GROUP.id)
    assert "aucun coordinateur ne reçoit les rappels en privé" in posted["text"]


async def test_a_promotion_telegram_announces_needs_no_question(cluster: Harness) -> None:
    await cluster.say("/actions", user=COORDINATOR, chat=GROUP)  # a list already asked
    await cluster.set_status(SILENT, "member", "administrator")
    cluster.api.clear()

    assert "Action n° 1" in await cluster.say(
        "/action Faire X — OCHA — demain", user=SILENT, chat=GROUP
    )
    assert admin_checks(cluster) == 0


async def test_a_refusal_is_asked_of_telegram_again_before_it_is_given(
    cluster: Harness,
) -> None:
    assert "Action n° 1" in await cluster.say(
        "/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP
    )
    # Promoted a second later, and no chat_member update reaches the bot.
    cluster.api.set_chat_member_status(GROUP.id, FOCAL.id, "administrator")

    assert "Action n° 2" in await cluster.say(
        "/action Faire Y — OCHA — demain", user=FOCAL, chat=GROUP
    )


# --- A busy meeting does not spend the group's messages on checks ---------------------------


async def test_a_busy_meeting_asks_telegram_about_its_administrators_once(
    cluster: Harness,
) -> None:
    cluster.api.clear()
    for n in range(1, 13):
        cluster.clock.advance(seconds=20)
        assert f"Action n° {n}" in await cluster.say(
            f"/action Point {n} — OCHA — demain", user=COORDINATOR, chat=GROUP
        )
    # Four minutes, twelve coordinator commands: one question, and only because the
    # fixture's own was asked before the clock moved.
    assert admin_checks(cluster) <= 1
    assert len(cluster.api.sent(GROUP.id)) == 12

    cluster.clock.advance(minutes=10)  # the list has aged: asked again, once
    await cluster.say("/action Point 13 — OCHA — demain", user=COORDINATOR, chat=GROUP)
    await cluster.say("/action Point 14 — OCHA — demain", user=COORDINATOR, chat=GROUP)
    assert admin_checks(cluster) <= 2


async def test_the_sweeps_of_a_morning_ask_little(cluster: Harness) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 25 octobre")
    cluster.api.clear()
    for minute in range(0, 120):
        cluster.clock.current = FRIDAY_8 + timedelta(minutes=minute)
        await cluster.sweep()
    assert len(cluster.api.calls_to("getChatAdministrators")) == 2


async def test_a_demotion_telegram_did_not_announce_ends_the_rights_within_minutes(
    cluster: Harness,
) -> None:
    assert "Action n° 1" in await cluster.say(
        "/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP
    )
    cluster.api.set_chat_member_status(GROUP.id, COORDINATOR.id, "member")

    cluster.clock.advance(minutes=6)  # the list that granted the right has aged
    assert "Seuls les coordinateurs" in await cluster.say(
        "/action Faire Y — OCHA — demain", user=COORDINATOR, chat=GROUP
    )
    assert "Coordination : (aucun coordinateur enregistré)" in await cluster.say(
        "/membres", user=FOCAL, chat=GROUP
    )


async def test_showing_the_meeting_to_a_member_asks_telegram_nothing(cluster: Harness) -> None:
    await cluster.say("/reunion 2 novembre 10h bureau du PNUD", user=COORDINATOR, chat=GROUP)
    cluster.api.clear()
    for _ in range(5):
        await cluster.say("/reunion", user=FOCAL, chat=GROUP)
        await cluster.say("/ordre_du_jour", user=FOCAL, chat=GROUP)
    assert admin_checks(cluster) == 0


async def test_when_the_bot_s_own_rights_change_the_administrators_are_asked_again(
    cluster: Harness,
) -> None:
    bot_user = FakeUser(cluster.api.bot_id, "Relance")
    silent_admin(cluster)  # promoted before the bot could hear of it
    await cluster.process(
        cluster.updates.chat_member(
            chat=GROUP, user=bot_user, old="member", new="administrator", by=COORDINATOR, mine=True
        )
    )
    cluster.api.clear()

    assert "Action n° 1" in await cluster.say(
        "/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP
    )
    assert len(cluster.api.calls_to("getChatAdministrators")) == 1
    assert "Coordination : Mariam Coulibaly, Oumou Sow" in await cluster.say(
        "/membres", user=FOCAL, chat=GROUP
    )


async def test_a_demotion_heard_by_another_process_ends_the_rights_here_at_once(
    cluster: Harness, db_url: str
) -> None:
    # This process granted a right from Telegram's list a minute ago.
    assert "Action n° 1" in await cluster.say(
        "/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP
    )
    # The other process on the same database, polling while this one stands by, is told of
    # the demotion and records it.
    other_db = Database.from_url(db_url)
    other = build_harness(other_db, start=cluster.clock.current)
    await other.app.initialize()
    try:
        await other.set_status(COORDINATOR, "administrator", "member")
    finally:
        await other.app.shutdown()
        other_db.dispose()
    cluster.api.set_chat_member_status(GROUP.id, COORDINATOR.id, "member")

    cluster.clock.advance(minutes=1)  # this process's list is still fresh
    assert "Seuls les coordinateurs" in await cluster.say(
        "/action Faire Y — OCHA — demain", user=COORDINATOR, chat=GROUP
    )


async def test_a_fresh_list_grants_without_asking_telegram_again(cluster: Harness) -> None:
    await cluster.say("/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP)
    cluster.api.clear()
    for n in range(3):
        assert f"Action n° {n + 2}" in await cluster.say(
            f"/action Faire {n} — OCHA — demain", user=COORDINATOR, chat=GROUP
        )
    assert admin_checks(cluster) == 0
