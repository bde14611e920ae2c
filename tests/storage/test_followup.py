"""The follow-up that opens a meeting: which actions, grouped how, with which counts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from storage.actions import add_comment, change_status, create_action
from storage.attendance import meeting_held_on
from storage.clusters import save_cluster_for_chat
from storage.db import Database
from storage.followup import follow_up
from storage.meetings import schedule_next_meeting
from storage.models import DeadlinePrecision, OwnerKind, Status
from storage.views import Author, DeadlineValue, OwnerInput

BAMAKO = ZoneInfo("Africa/Bamako")
APRIL_4 = datetime(2017, 4, 4, 10, 0, tzinfo=UTC)


def _author(at: datetime) -> Author:
    return Author(None, "Awa", at)


def _action(
    db: Database, cid: int, text: str, at: datetime, meeting_id: int | None, due: datetime | None
) -> int:
    with db.session() as session:
        deadline = DeadlineValue(due, DeadlinePrecision.DAY if due else DeadlinePrecision.UNDATED)
        owners = [OwnerInput(OwnerKind.UNLINKED, "OIM", unknown=True)]
        return create_action(
            session=session,
            cluster_id=cid,
            description=text,
            owners=owners,
            deadline=deadline,
            by=_author(at),
            meeting_id=meeting_id,
        ).id


def test_the_follow_up_groups_open_actions_by_meeting_and_counts_what_changed(db: Database) -> None:
    with db.session() as session:
        cluster, _ = save_cluster_for_chat(
            session=session,
            chat_id=-7,
            name="CP",
            short_name=None,
            timezone="Africa/Bamako",
            now=APRIL_4,
        )
        cid = cluster.id
        march = meeting_held_on(
            session=session, cluster_id=cid, day=date(2017, 3, 7), tz=BAMAKO, now=APRIL_4
        )
        april = meeting_held_on(
            session=session, cluster_id=cid, day=date(2017, 4, 4), tz=BAMAKO, now=APRIL_4
        )
    old = _action(
        db,
        cid,
        "Partager la carte",
        APRIL_4 - timedelta(days=28),
        march,
        APRIL_4 - timedelta(days=10),
    )
    done = _action(db, cid, "Envoyer la note", APRIL_4 - timedelta(days=28), march, None)
    recent = _action(
        db, cid, "Mettre à jour la matrice", APRIL_4, april, APRIL_4 + timedelta(days=20)
    )
    loose = _action(db, cid, "Relancer le bailleur", APRIL_4 + timedelta(days=3), None, None)
    may_2 = datetime(2017, 5, 2, 9, 0, tzinfo=UTC)
    with db.session() as session:
        change_status(
            session=session,
            action_id=done,
            status=Status.DONE,
            expected=None,
            by=_author(APRIL_4 + timedelta(days=1)),
        )
        add_comment(
            session=session,
            action_id=old,
            text="En attente du bailleur",
            by=_author(APRIL_4 + timedelta(days=2)),
        )
        schedule_next_meeting(
            session=session,
            cluster_id=cid,
            starts_at=may_2,
            has_time=True,
            place=None,
            now=APRIL_4 + timedelta(days=5),
        )
        seen = follow_up(session=session, cluster_id=cid, now=may_2 - timedelta(days=1), tz=BAMAKO)
    assert seen.meeting is not None
    assert seen.meeting.starts_at == may_2
    assert seen.last is not None
    assert seen.last.id == april
    assert [
        (g.meeting.id if g.meeting else None, [a.id for a in g.actions]) for g in seen.groups
    ] == [
        (april, [recent]),
        (march, [old]),
        (None, [loose]),
    ]
    assert seen.last_comments == {old: "En attente du bailleur"}
    assert (seen.done_since, seen.late, seen.new) == (1, 2, 1)  # the last meeting's own are not new


def test_a_meeting_of_today_with_no_hour_reviews_what_was_logged_that_morning(
    db: Database,
) -> None:
    morning = datetime(2017, 4, 4, 8, 0, tzinfo=UTC)
    with db.session() as session:
        cluster, _ = save_cluster_for_chat(
            session=session,
            chat_id=-7,
            name="CP",
            short_name=None,
            timezone="Africa/Bamako",
            now=morning,
        )
        cid = cluster.id
    logged = _action(db, cid, "Partager la carte", morning, None, None)
    later = morning + timedelta(hours=2)
    with db.session() as session:
        today = meeting_held_on(
            session=session, cluster_id=cid, day=date(2017, 4, 4), tz=BAMAKO, now=later
        )
        seen = follow_up(session=session, cluster_id=cid, now=later, tz=BAMAKO)
    assert seen.meeting is not None
    assert seen.meeting.id == today
    assert [a.id for a in seen.actions] == [logged]


def test_with_two_meetings_today_the_follow_up_is_for_the_one_under_way(db: Database) -> None:
    nine = datetime(2017, 4, 4, 9, 0, tzinfo=UTC)
    with db.session() as session:
        cluster, _ = save_cluster_for_chat(
            session=session,
            chat_id=-7,
            name="CP",
            short_name=None,
            timezone="Africa/Bamako",
            now=nine,
        )
        cid = cluster.id
        schedule_next_meeting(
            session=session, cluster_id=cid, starts_at=nine, has_time=True, place=None, now=nine
        )
    morning = _action(db, cid, "Partager la carte", nine - timedelta(hours=1), None, None)
    three = nine + timedelta(hours=6)
    with db.session() as session:
        schedule_next_meeting(
            session=session,
            cluster_id=cid,
            starts_at=three,
            has_time=True,
            place=None,
            now=nine + timedelta(hours=1),
        )
    noon = _action(db, cid, "Relancer le bailleur", nine + timedelta(hours=3), None, None)
    with db.session() as session:
        seen = follow_up(
            session=session, cluster_id=cid, now=three + timedelta(minutes=30), tz=BAMAKO
        )
    assert seen.meeting is not None
    assert seen.meeting.starts_at == three
    assert seen.last is not None
    assert seen.last.starts_at == nine  # the morning's is the afternoon's last meeting
    assert [a.id for a in seen.actions] == [morning, noon]


def test_an_action_logged_this_very_second_is_in_the_follow_up(db: Database) -> None:
    with db.session() as session:
        cluster, _ = save_cluster_for_chat(
            session=session,
            chat_id=-7,
            name="CP",
            short_name=None,
            timezone="Africa/Bamako",
            now=APRIL_4,
        )
    logged = _action(db, cluster.id, "Partager la carte", APRIL_4, None, None)
    with db.session() as session:
        seen = follow_up(session=session, cluster_id=cluster.id, now=APRIL_4, tz=BAMAKO)
    assert [a.id for a in seen.actions] == [logged]
