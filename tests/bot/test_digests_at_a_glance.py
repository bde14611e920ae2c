"""Digests a focal point can trust at a glance: what a tap changed stays written, every
reminder says which cluster it is from, one action is said once, milestones are not missed,
public holidays are not working days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import invite
from tests.harness import COORDINATOR, FOCAL, GROUP, OTHER_FOCAL, Harness, buttons

FRIDAY_8 = datetime(2016, 10, 21, 8, 0, tzinfo=UTC)


async def log_action(bot: Harness, body: str) -> None:
    [reply] = await bot.send(f"/action {body}", user=COORDINATOR, chat=GROUP)
    assert "Action enregistrée" in reply["text"], reply["text"]


async def at(bot: Harness, moment: datetime) -> None:
    bot.clock.current = moment
    await bot.sweep()


# --- A tap under a reminder stays written -------------------------------------------------


async def test_a_tap_under_a_reminder_writes_the_new_status_and_its_time_on_its_line(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 24 octobre")
    await log_action(cluster, "Partager la matrice — OCHA — 24 octobre")
    await at(cluster, FRIDAY_8)
    [digest] = cluster.api.sent(FOCAL.id)

    cluster.clock.advance(minutes=2)
    await cluster.press(digest, "🔄 1", user=FOCAL)
    after = cluster.current(digest)
    assert "🔄 <b>n° 1</b> · Rédiger la note — en cours, 08:02" in after["text"]
    assert "⏳ <b>n° 2</b> · Partager la matrice\n" in after["text"]  # the other untouched

    cluster.clock.advance(minutes=3)
    await cluster.press(after, "✅ 1", user=FOCAL)
    after = cluster.current(digest)
    assert "✅ <b>n° 1</b> · Rédiger la note — fait, 08:05" in after["text"]
    assert "— en cours" not in after["text"]  # rewritten, not appended
    assert "Responsables : OCHA" in after["text"]  # the rest of the digest is kept
    assert [label for label, _ in buttons(after)] == ["✅ 2", "🔄 2", "📅 2"]


async def test_a_tap_on_a_reminder_of_an_action_closed_since_shows_its_status_on_its_line(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 24 octobre")
    await at(cluster, FRIDAY_8)
    [digest] = cluster.api.sent(FOCAL.id)
    await cluster.send("/fait 1", user=FOCAL)

    cluster.clock.advance(minutes=10)
    await cluster.press(digest, "🔄 1", user=FOCAL)

    assert "✅ <b>n° 1</b> · Rédiger la note — fait, 08:10" in cluster.current(digest)["text"]
    assert buttons(cluster.current(digest)) == []


async def test_a_part_reported_under_a_reminder_is_written_on_the_actions_line(
    cluster: Harness,
) -> None:
    await invite(cluster, "UNICEF", OTHER_FOCAL)
    await log_action(cluster, "Partager la matrice 3W — OCHA, UNICEF — 24 octobre")
    await at(cluster, FRIDAY_8)
    [digest] = cluster.api.sent(FOCAL.id)

    await cluster.press(digest, "fait pour mon organisation", user=FOCAL)

    after = cluster.current(digest)
    assert "<b>n° 1</b> · Partager la matrice 3W — fait pour OCHA, 08:00" in after["text"]
    assert buttons(after) == []


# --- Every reminder names its cluster -----------------------------------------------------


async def test_a_digest_from_one_cluster_still_names_it(cluster: Harness) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 24 octobre")
    await cluster.send("/reunion 28 octobre 10h bureau du PNUD", user=COORDINATOR, chat=GROUP)
    await at(cluster, FRIDAY_8)

    [digest] = cluster.api.sent(FOCAL.id)
    text = digest["text"]
    assert "<b>Cluster Protection (CP)</b>" in text
    assert text.index("Cluster Protection (CP)") < text.index("Réunion dans 7 jours")
    assert text.index("Cluster Protection (CP)") < text.index("n° 1")


# --- One action, said once ----------------------------------------------------------------


async def reachable_coordinator(bot: Harness) -> None:
    await bot.send("/start", user=COORDINATOR)


async def test_a_coordinator_owner_of_a_late_action_reads_it_once_with_its_escalation(
    cluster: Harness,
) -> None:
    await reachable_coordinator(cluster)
    await log_action(cluster, "Valider la stratégie — CCP — 25 octobre")
    cluster.api.clear()

    await at(cluster, datetime(2016, 11, 1, 8, 0, tzinfo=UTC))  # seven days late

    [digest] = cluster.api.sent(COORDINATOR.id)
    text = digest["text"]
    assert text.count("<b>n° 1</b>") == 1
    assert text.count("🔴 En retard de 7 jours") == 1
    assert "en tant que coordinateur, relancez les responsables" in text
    assert [label for label, _ in buttons(digest)] == ["✅ 1", "🔄 1", "📅 1"]

    await at(cluster, datetime(2016, 11, 1, 8, 1, tzinfo=UTC))
    assert len(cluster.api.sent(COORDINATOR.id)) == 1  # both reminders are logged as sent


async def test_a_coordinator_standing_in_reads_the_action_once_with_whose_it_is(
    cluster: Harness,
) -> None:
    await reachable_coordinator(cluster)
    await log_action(cluster, "Partager la matrice — UNICEF — 25 octobre")  # no focal point
    cluster.api.clear()

    await at(cluster, datetime(2016, 11, 1, 8, 0, tzinfo=UTC))

    [digest] = [m for m in cluster.api.sent(COORDINATOR.id) if "n° 1" in m["text"]]
    text = digest["text"]
    assert text.count("<b>n° 1</b>") == 1
    assert "relancez les responsables" in text
    assert "Aucun point focal d'UNICEF ne peut recevoir ce rappel" in text


# --- The coordinator's meeting reminder --------------------------------------------------


async def test_the_coordinators_meeting_reminder_lists_the_ccp_actions_to_present(
    cluster: Harness,
) -> None:
    await reachable_coordinator(cluster)
    await log_action(cluster, "Valider la stratégie — CCP — 15 novembre")
    await log_action(cluster, "Rédiger la note — OCHA — 15 novembre")
    await cluster.send("/reunion 2 novembre 10h bureau du PNUD", user=COORDINATOR, chat=GROUP)
    cluster.api.clear()

    await at(cluster, datetime(2016, 10, 26, 8, 0, tzinfo=UTC))  # a week before

    [digest] = cluster.api.sent(COORDINATOR.id)
    text = digest["text"]
    assert "Réunion dans 7 jours" in text
    assert "Vos actions ouvertes à présenter" in text
    assert "n° 1 · Valider la stratégie" in text
    assert "Rédiger la note" not in text


# --- Milestones ---------------------------------------------------------------------------


async def test_a_milestone_added_the_afternoon_before_is_announced_on_its_morning(
    cluster: Harness,
) -> None:
    # Thursday 14:30: too late for Thursday's "demain".
    await cluster.send(
        "/echeance Soumission des projets OPS — 21 octobre", user=COORDINATOR, chat=GROUP
    )
    cluster.api.clear()

    await at(cluster, FRIDAY_8)

    for chat_id in (GROUP.id, FOCAL.id):
        [message] = cluster.api.sent(chat_id)
        assert "🎯 <b>Soumission des projets OPS</b> aujourd'hui" in message["text"]


# --- A meeting's hour confirmed ------------------------------------------------------------


async def test_confirming_the_hour_of_a_meeting_already_set_is_a_confirmation_not_a_move(
    cluster: Harness,
) -> None:
    await cluster.send("/reunion 2 novembre bureau du PNUD", user=COORDINATOR, chat=GROUP)

    echo = await cluster.say("/reunion 2 novembre 10h", user=COORDINATOR, chat=GROUP)

    assert "Heure confirmée</b> : mercredi 2 novembre 2016 à 10h00, bureau du PNUD" in echo
    assert "déplacée" not in echo
    moved = await cluster.say("/reunion 2 novembre 15h", user=COORDINATOR, chat=GROUP)
    assert "Réunion déplacée" in moved  # a new hour for an hour set is a move


# --- Public holidays ----------------------------------------------------------------------

# Monday 12 December 2016 is Mawlid, the Prophet's birthday: a public holiday in Mali.
MAWLID_8 = datetime(2016, 12, 12, 8, 0, tzinfo=UTC)


async def test_no_reminder_goes_out_on_a_public_holiday_of_mali_it_comes_the_day_before(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 13 décembre")
    cluster.api.clear()

    await at(cluster, datetime(2016, 12, 9, 8, 0, tzinfo=UTC))  # Friday
    await at(cluster, MAWLID_8)
    await at(cluster, MAWLID_8 + timedelta(hours=4))
    await at(cluster, datetime(2016, 12, 13, 8, 0, tzinfo=UTC))

    texts = [m["text"] for m in cluster.api.sent(FOCAL.id)]
    assert len(texts) == 2
    assert "Échéance dans 4 jours" in texts[0]  # Friday: before the weekend and Mawlid
    assert "Échéance aujourd'hui" in texts[1]


async def test_a_coordinator_sees_the_holidays_in_parametres_and_can_turn_them_off(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note — OCHA — 13 décembre")
    [settings] = await cluster.send("/parametres", user=COORDINATOR, chat=GROUP)
    assert "Jours fériés sans rappel : ceux du Mali" in settings["text"]
    for _ in range(3):  # Burkina Faso, Niger, none
        await cluster.press(settings, "Jours fériés", user=COORDINATOR)
    assert "Jours fériés sans rappel : aucun" in cluster.current(settings)["text"]
    cluster.api.clear()

    await at(cluster, MAWLID_8)

    [digest] = cluster.api.sent(FOCAL.id)
    assert "Échéance demain" in digest["text"]


# --- French ---------------------------------------------------------------------------------


async def test_the_french_never_says_le_cluster_cluster_and_elides_de_before_a_vowel(
    bot: Harness,
) -> None:
    await bot.say("/cluster Cluster Protection (CP)", user=COORDINATOR, chat=GROUP)
    invitation = await bot.invitation("/inviter OCHA Gerson Brandao", chat=GROUP)
    [invitation_text] = [
        str(m["text"]) for m in bot.api.sent(COORDINATOR.id) if "?start=" in str(m["text"])
    ]
    code = invitation
    invitation = invitation_text
    [welcome] = [
        str(m["text"])
        for m in await bot.send(f"/start {code}", user=FOCAL)
        if m["chat_id"] == FOCAL.id
    ]

    for text in (invitation, welcome):
        assert "cluster Cluster" not in text
        assert "point focal de" not in text
    assert "dans le Cluster Protection (CP)" in invitation
    assert "point focal d'OCHA" in invitation
    assert "point focal d'<b>OCHA</b> dans le <b>Cluster Protection (CP)</b>" in welcome


async def test_a_group_digest_and_the_attendance_have_no_nested_parentheses(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Rédiger la note — UNICEF — 24 octobre")  # no focal point
    await at(cluster, FRIDAY_8)  # nobody reachable for UNICEF: the group gets it

    [digest] = [m for m in cluster.api.sent(GROUP.id) if "🔔" in m["text"]]
    assert "Rappels du Cluster Protection (CP)" in digest["text"]
    cluster.clock.current = datetime(2016, 10, 26, 9, 0, tzinfo=UTC)
    await cluster.send("/reunion aujourd'hui 10h", user=COORDINATOR, chat=GROUP)
    [posted] = await cluster.send("/presences", user=COORDINATOR, chat=GROUP)
    assert "— Cluster Protection (CP)" in posted["text"]
    assert "((" not in posted["text"]
    assert "))" not in posted["text"]


def test_a_meetings_list_of_actions_has_no_nested_parentheses() -> None:
    from bot import texts

    line = texts.DIGEST_MEETING_ACTION.format(
        id=3, description="Cartographier", deadline="Sans échéance (« en continu »)"
    )
    assert line.count("(") == 1


def test_the_examples_the_bot_gives_are_never_in_the_past() -> None:
    import re
    from zoneinfo import ZoneInfo

    from bot import texts
    from language.deadlines import Deadline, parse_deadline
    from language.meetings import MeetingWhen, read_meeting

    tz = ZoneInfo("Africa/Bamako")
    months = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    fixed = re.compile(rf"\b\d{{1,2}} ({months})\b|\b\d{{1,2}}/\d{{1,2}}\b")
    said = [
        (name, value)
        for name, value in vars(texts).items()
        if name.isupper() and isinstance(value, str)
    ]
    # The one fixed date left is the day of minutes already written: a past meeting.
    assert [name for name, value in said if fixed.search(value)] == ["IMPORT_ASK_HELD_ON"]

    meeting = texts.PLAN_EXAMPLE_MEETING.removeprefix("/reunion ")
    milestone = texts.PLAN_EXAMPLE_MILESTONE.split(" — ")[-1]
    for month in range(1, 13):
        for day in (1, 15, 28):
            now = datetime(2027, month, day, 17, 0, tzinfo=UTC)
            when = read_meeting(meeting, now=now, tz=tz)
            assert isinstance(when, MeetingWhen)
            assert when.starts_at > now
            due = parse_deadline(milestone, now=now, tz=tz)
            assert isinstance(due, Deadline)
            assert due.due > now
