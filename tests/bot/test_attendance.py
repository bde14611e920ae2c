"""Attendance: ✋ Présent(e) under /presences, /present and /excuse, and /membres."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot import keyboards, texts
from storage.attendance import ParticipantInput, meeting_held_on, record_attendance
from storage.clusters import get_cluster_by_chat
from storage.models import Attendance, AttendanceSource, AttendanceStatus
from storage.organisations import organisation_named
from tests.harness import COORDINATOR, FOCAL, GROUP, OUTSIDER, Harness, buttons, private

BAMAKO = ZoneInfo("Africa/Bamako")


def rows(bot: Harness) -> list[Attendance]:
    with bot.db.session() as session:
        return list(session.exec(select(Attendance).order_by(Attendance.id)).all())  # type: ignore[arg-type]


async def today_meeting(bot: Harness) -> dict[str, Any]:
    """The meeting at 16h today (the clock says 14h30 on 20 October 2016), and /presences."""
    await bot.send("/reunion 20 octobre 16h bureau OCHA", user=COORDINATOR, chat=GROUP)
    [posted] = await bot.send("/presences", user=FOCAL, chat=GROUP)
    return posted


async def test_presences_posts_todays_meeting_with_the_button(cluster: Harness) -> None:
    posted = await today_meeting(cluster)

    assert "Présences — réunion du jeudi 20 octobre 2016" in posted["text"]
    assert texts.ATTENDANCE_NOBODY in posted["text"]
    assert [label for label, _ in buttons(posted)] == ["✋ Présent(e)"]
    assert buttons(posted)[0][1].startswith("p:")


async def test_a_focal_points_tap_records_them_and_their_organisation_once(
    cluster: Harness,
) -> None:
    posted = await today_meeting(cluster)

    await cluster.press(posted, "Présent", user=FOCAL)
    assert cluster.last_answer()["text"] == "Noté : Gerson Brandao, présent(e)."
    shown = cluster.current(posted)["text"]
    assert "Organisations présentes (1) : OCHA" in shown
    assert "Participants (1) : Gerson Brandao (OCHA)" in shown
    [row] = rows(cluster)
    assert row.source == AttendanceSource.SELF.value
    assert row.member_id is not None
    assert row.organisation_id is not None

    await cluster.press(posted, "Présent", user=FOCAL)
    assert "Déjà noté(e)" in cluster.last_answer()["text"]
    assert len(rows(cluster)) == 1


async def test_a_stranger_tap_is_refused_and_records_nothing(cluster: Harness) -> None:
    posted = await today_meeting(cluster)

    await cluster.press(posted, "Présent", user=OUTSIDER)

    answer = cluster.last_answer()
    assert answer["show_alert"] is True
    assert "Seuls les membres du cluster" in answer["text"]
    assert rows(cluster) == []


async def test_a_coordinator_marks_organisations_present_then_excused_without_doubling(
    cluster: Harness,
) -> None:
    await today_meeting(cluster)

    marked = await cluster.say("/present OIM, HCR", user=COORDINATOR, chat=GROUP)
    assert "Noté présent(s) à la réunion du jeudi 20 octobre 2016 : OIM, HCR" in marked
    assert "Organisations présentes (2) : HCR, OIM" in marked

    excused = await cluster.say("/excuse OIM", user=COORDINATOR, chat=GROUP)
    assert "Noté excusé(s)" in excused
    assert "Organisations présentes (1) : HCR" in excused
    assert "Excusées (1) : OIM" in excused
    assert len(rows(cluster)) == 2
    statuses = {r.name: r.status for r in rows(cluster)}
    assert statuses == {"OIM": AttendanceStatus.EXCUSED.value, "HCR": "present"}

    again = await cluster.say("/excuse OIM", user=COORDINATOR, chat=GROUP)
    assert "Déjà noté(s) ainsi : OIM" in again


async def test_unknown_names_are_listed_and_only_the_known_are_recorded(
    cluster: Harness,
) -> None:
    await today_meeting(cluster)

    said = await cluster.say("/present OIM, Zorglub, CCP", user=COORDINATOR, chat=GROUP)

    assert "« Zorglub »" in said
    assert "« CCP »" in said
    assert "rien n'est noté pour eux" in said
    assert [r.name for r in rows(cluster)] == ["OIM"]


async def test_a_coordinator_marks_a_member_and_a_later_tap_does_not_double_them(
    cluster: Harness,
) -> None:
    posted = await today_meeting(cluster)

    said = await cluster.say("/present Gerson Brandao", user=COORDINATOR, chat=GROUP)
    assert "Gerson Brandao (OCHA)" in said
    await cluster.press(posted, "Présent", user=FOCAL)

    assert "Déjà noté(e)" in cluster.last_answer()["text"]
    [row] = rows(cluster)
    assert row.source == AttendanceSource.COORDINATOR.value


async def test_marking_others_is_for_coordinators_and_bad_input_says_what_to_type(
    cluster: Harness,
) -> None:
    await today_meeting(cluster)

    assert "Seuls les coordinateurs" in await cluster.say("/present OIM", user=FOCAL, chat=GROUP)
    assert await cluster.say("/present", user=COORDINATOR, chat=GROUP) == texts.PRESENT_USAGE
    assert await cluster.say("/excuse  ", user=COORDINATOR, chat=GROUP) == texts.EXCUSE_USAGE
    assert await cluster.say("/present OIM", user=COORDINATOR, chat=private(COORDINATOR)) == (
        texts.ATTENDANCE_PRIVATE
    )
    assert rows(cluster) == []


async def test_without_a_meeting_today_the_last_held_is_shown_and_said(cluster: Harness) -> None:
    await cluster.send("/reunion 21 octobre 10h", user=COORDINATOR, chat=GROUP)
    cluster.clock.advance(days=5)

    [posted] = await cluster.send("/presences", user=FOCAL, chat=GROUP)

    assert "réunion du vendredi 21 octobre 2016" in posted["text"]
    assert texts.ATTENDANCE_NOT_TODAY in posted["text"]


async def test_without_any_meeting_the_reply_says_how_to_set_one(cluster: Harness) -> None:
    said = await cluster.say("/presences", user=FOCAL, chat=GROUP)
    assert "Aucune réunion de Cluster Protection (CP) aujourd'hui ni avant" in said
    assert "/reunion" in said
    assert "Aucune réunion" in await cluster.say("/present OIM", user=COORDINATOR, chat=GROUP)


async def test_a_tap_on_a_cancelled_or_future_meeting_records_nothing(cluster: Harness) -> None:
    [echo] = await cluster.send("/reunion 27 octobre 10h", user=COORDINATOR, chat=GROUP)
    meeting_id = int(buttons(echo)[0][1].split(":")[2])
    [data] = [d for _, d in buttons({"reply_markup": keyboards.attendance(meeting_id).to_dict()})]

    async def tap() -> str:
        await cluster.process(cluster.updates.callback(data, message=echo, user=FOCAL))
        return str(cluster.last_answer()["text"])

    assert await tap() == texts.ATTENDANCE_NOT_YET
    await cluster.press(echo, "Annuler la réunion", user=COORDINATOR)
    await cluster.press(echo, "Oui, annuler", user=COORDINATOR)
    assert await tap() == texts.ATTENDANCE_CANCELLED
    assert rows(cluster) == []


def _held(bot: Harness, day: date, organisations: list[str]) -> None:
    """A meeting held that day with these organisations' delegates, as imported minutes."""
    with bot.db.session() as session:
        cluster = get_cluster_by_chat(session=session, chat_id=GROUP.id)
        assert cluster is not None
        meeting_id = meeting_held_on(
            session=session, cluster_id=cluster.id, day=day, tz=BAMAKO, now=bot.clock.now()
        )
        people = []
        for acronym in organisations:
            org = organisation_named(session=session, name=acronym)
            assert org is not None
            people.append(ParticipantInput(f"Délégué {acronym}", acronym, org.id))
        record_attendance(
            session=session, meeting_id=meeting_id, participants=people, now=bot.clock.now()
        )


async def test_members_shows_the_last_meetings_each_organisation_attended(
    cluster: Harness,
) -> None:
    cluster.clock.current = datetime(2017, 5, 10, 9, 0, tzinfo=UTC)
    _held(cluster, date(2017, 3, 7), [])
    _held(cluster, date(2017, 4, 4), ["OCHA"])
    _held(cluster, date(2017, 5, 2), ["OCHA"])
    _held(cluster, date(2016, 12, 6), ["OCHA"])  # older than the last three: not counted

    roster = await cluster.say("/membres", user=FOCAL, chat=GROUP)

    assert "présent aux réunions du 4 avril et du 2 mai (2 des 3 dernières)" in roster


async def test_members_says_an_organisation_missed_the_last_meetings(cluster: Harness) -> None:
    await cluster.say("/organisation AMSS Association malienne", user=COORDINATOR, chat=GROUP)
    await cluster.send("/inviter AMSS Awa", user=COORDINATOR, chat=GROUP)
    _held(cluster, date(2016, 10, 4), ["OCHA"])
    _held(cluster, date(2016, 10, 18), ["OCHA"])

    roster = await cluster.say("/membres", user=FOCAL, chat=GROUP)

    assert "absent des 2 dernières réunions" in roster
    assert "présent aux réunions du 4 octobre et du 18 octobre (2 des 2 dernières)" in roster


async def test_long_lists_stay_within_telegrams_message_limit(cluster: Harness) -> None:
    await today_meeting(cluster)
    names = ", ".join(f"Organisation inconnue numéro {i} {'x' * 50}" for i in range(39))

    replies = await cluster.send(f"/present OIM, {names}", user=COORDINATOR, chat=GROUP)

    assert replies
    assert all(len(r["text"]) <= 4096 for r in replies)
    assert [r.name for r in rows(cluster)] == ["OIM"]
