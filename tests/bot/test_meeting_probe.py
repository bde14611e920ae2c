"""Meetings as records, decisions, attendance and votes as coordinators and focal points
use them on a busy day: several meetings on one day, old messages, minutes of decisions only,
a button pressed twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from bot import texts
from bot.handlers.common import plain
from bot.handlers.decisions import DECISIONS_SHOWN
from storage.decisions import record_decision
from storage.models import Attendance, Decision, Meeting, Vote
from storage.views import Author
from tests.bot.test_importing import import_docx
from tests.bot.test_meeting_records import minutes
from tests.harness import COORDINATOR, FOCAL, GROUP, Harness


def stored_decisions(bot: Harness) -> list[Decision]:
    with bot.db.session() as session:
        return list(session.exec(select(Decision).order_by(Decision.id)).all())  # type: ignore[arg-type]


def meeting_at(bot: Harness, hour: int) -> int:
    """The id of the cluster's meeting of 20 October 2016 at that hour (Bamako is UTC)."""
    with bot.db.session() as session:
        meeting = session.exec(
            select(Meeting).where(Meeting.starts_at == datetime(2016, 10, 20, hour, tzinfo=UTC))
        ).one()
        assert meeting.id is not None
        return meeting.id


async def two_meetings_today(bot: Harness) -> None:
    """A meeting at 9h, held; at 10h the next one is set for 15h the same day; it is 15h30."""
    bot.clock.current = datetime(2016, 10, 20, 8, 0, tzinfo=UTC)
    await bot.send("/reunion 20 octobre 9h", user=COORDINATOR, chat=GROUP)
    bot.clock.current = datetime(2016, 10, 20, 10, 0, tzinfo=UTC)
    await bot.send("/reunion 20 octobre 15h salle B", user=COORDINATOR, chat=GROUP)
    bot.clock.current = datetime(2016, 10, 20, 15, 30, tzinfo=UTC)


# --- Several meetings on one day -------------------------------------------------------------


async def test_with_two_meetings_today_a_decision_goes_to_the_one_under_way(
    cluster: Harness,
) -> None:
    await two_meetings_today(cluster)

    await cluster.send("/decision Valider le plan", user=COORDINATOR, chat=GROUP)

    [decision] = stored_decisions(cluster)
    assert decision.meeting_id == meeting_at(cluster, 15)


async def test_with_two_meetings_today_attendance_is_taken_for_the_one_under_way(
    cluster: Harness,
) -> None:
    await two_meetings_today(cluster)

    [posted] = await cluster.send("/presences", user=FOCAL, chat=GROUP)
    await cluster.press(posted, "Présent", user=FOCAL)

    with cluster.db.session() as session:
        [row] = session.exec(select(Attendance)).all()
    assert row.meeting_id == meeting_at(cluster, 15)


async def test_with_two_meetings_today_a_vote_is_of_the_one_under_way(cluster: Harness) -> None:
    await two_meetings_today(cluster)

    await cluster.send("/vote Quel lieu ? — Mopti — Gao", user=COORDINATOR, chat=GROUP)

    with cluster.db.session() as session:
        [vote] = session.exec(select(Vote)).all()
    assert vote.meeting_id == meeting_at(cluster, 15)


async def test_before_the_days_first_meeting_begins_it_is_todays(cluster: Harness) -> None:
    await two_meetings_today(cluster)
    cluster.clock.current = datetime(2016, 10, 20, 8, 30, tzinfo=UTC)

    await cluster.send("/decision Préparer la salle", user=COORDINATOR, chat=GROUP)

    assert stored_decisions(cluster)[0].meeting_id == meeting_at(cluster, 9)


# --- ✋ on an old meeting's message ------------------------------------------------------------


async def test_a_tap_on_the_last_meetings_message_at_the_next_one_records_nothing(
    cluster: Harness,
) -> None:
    cluster.clock.current = datetime(2016, 10, 3, 9, 0, tzinfo=UTC)
    await cluster.send("/reunion 3 octobre 10h", user=COORDINATOR, chat=GROUP)
    cluster.clock.current = datetime(2016, 10, 3, 10, 30, tzinfo=UTC)
    [old] = await cluster.send("/presences", user=FOCAL, chat=GROUP)
    await cluster.send("/reunion 20 octobre 10h", user=COORDINATOR, chat=GROUP)
    cluster.clock.current = datetime(2016, 10, 20, 10, 5, tzinfo=UTC)

    await cluster.press(old, "Présent", user=FOCAL)

    answer = cluster.last_answer()
    assert answer["text"] == plain(texts.ATTENDANCE_PAST.format(day="lundi 3 octobre 2016"))
    assert answer.get("show_alert") is True
    with cluster.db.session() as session:
        assert session.exec(select(Attendance)).all() == []
    # Today's message counts the same tap.
    [today] = await cluster.send("/presences", user=FOCAL, chat=GROUP)
    await cluster.press(today, "Présent", user=FOCAL)
    with cluster.db.session() as session:
        [row] = session.exec(select(Attendance)).all()
    assert row.meeting_id == meeting_at(cluster, 10)


async def test_the_last_held_meetings_message_still_counts_when_none_is_today(
    cluster: Harness,
) -> None:
    await cluster.send("/reunion 21 octobre 10h", user=COORDINATOR, chat=GROUP)
    cluster.clock.advance(days=5)
    [posted] = await cluster.send("/presences", user=FOCAL, chat=GROUP)

    await cluster.press(posted, "Présent", user=FOCAL)

    assert cluster.last_answer()["text"] == "Noté : Gerson Brandao, présent(e)."


# --- Minutes that hold only decisions ----------------------------------------------------------

RECOMMENDATIONS = [
    ("Le cluster valide le plan de réponse sectoriel", "", ""),
    ("Renforcer la présence dans les zones de retour", "", ""),
]


async def test_minutes_of_decisions_only_are_not_said_to_need_checking_nor_to_be_actions(
    cluster: Harness,
) -> None:
    preview = await import_docx(cluster, minutes(RECOMMENDATIONS))

    assert "à vérifier" not in preview["text"]
    assert texts.IMPORT_NO_DEADLINES not in preview["text"]
    assert texts.IMPORT_AS_DECISIONS.format(count=2) in preview["text"]
    assert "⚠️" not in preview["text"]

    await cluster.press(preview, "Tout créer", user=COORDINATOR)

    result = cluster.current(preview)["text"]
    assert "2 décision(s) enregistrée(s) : /decisions pour les voir." in result
    assert "/actions" not in result
    assert len(stored_decisions(cluster)) == 2


async def test_a_decision_row_beside_an_action_is_not_counted_to_check(cluster: Harness) -> None:
    rows = [("Partager la matrice 3W", "OCHA", "31 octobre"), RECOMMENDATIONS[0]]

    preview = await import_docx(cluster, minutes(rows))

    assert "à vérifier" not in preview["text"]
    await cluster.press(preview, "Tout créer", user=COORDINATOR)
    assert "/actions pour les voir." in cluster.current(preview)["text"]


# --- A decision's button pressed twice ------------------------------------------------------


async def test_a_second_press_on_a_decision_being_made_an_action_asks_nothing_twice(
    cluster: Harness,
) -> None:
    [echo] = await cluster.send("/decision Partager la matrice 3W", user=COORDINATOR, chat=GROUP)
    first = await cluster.press(echo, "En faire une action", user=COORDINATOR)
    assert len(first) == 2  # what happens, and who the owners are

    again = await cluster.press(echo, "En faire une action", user=COORDINATOR)

    assert again == []
    answer = cluster.last_answer()
    assert answer["text"] == texts.DECISION_DRAFT_OPEN.format(id=1)
    assert answer.get("show_alert") is True

    # Abandoned, it can be taken up again.
    await cluster.send("/annuler", user=COORDINATOR, chat=GROUP)
    assert len(await cluster.press(echo, "En faire une action", user=COORDINATOR)) == 2


# --- /decisions after years of meetings ---------------------------------------------------------


async def test_decisions_of_years_of_meetings_list_the_newest_in_a_few_messages(
    cluster: Harness,
) -> None:
    by = Author(None, "Oumou Sow", cluster.clock.now())
    with cluster.db.session() as session:
        for month in range(100):  # 100 monthly meetings, 5 long decisions each
            starts = datetime(2008, 1, 1, 10, tzinfo=UTC) + timedelta(days=30 * month)
            meeting = Meeting(
                cluster_id=1, starts_at=starts, has_time=True, created_at=starts, updated_at=starts
            )
            session.add(meeting)
            session.flush()
            for n in range(5):
                text = f"Décision {n} du mois {month} : " + "partager la matrice 3W " * 20
                record_decision(
                    session=session, cluster_id=1, meeting_id=meeting.id, text=text, by=by
                )

    replies = await cluster.send("/decisions", user=FOCAL, chat=GROUP)

    assert len(replies) <= 4
    assert all(len(r["text"]) <= 4096 for r in replies)
    shown = "\n".join(r["text"] for r in replies)
    assert "<b>D500</b>" in shown  # the newest meeting's
    assert "<b>D1</b> " not in shown
    assert texts.DECISIONS_OLDER.format(count=500 - DECISIONS_SHOWN) in shown
