"""A meeting's attendance, from the participants list of its minutes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from alembic import command
from sqlmodel import col, select

from storage.actions import create_action, get_action
from storage.attendance import (
    AttendanceSummary,
    AttendanceView,
    NotHeldYet,
    ParticipantInput,
    meeting_attendance,
    meeting_held_on,
    record_attendance,
)
from storage.clusters import save_cluster_for_chat
from storage.db import Database, make_engine
from storage.errors import NotFound
from storage.meetings import (
    cancel_next_meeting,
    meeting_deadline,
    next_meeting,
    schedule_next_meeting,
)
from storage.members import ensure_member
from storage.migrate import alembic_config, current_revision, head_revision, upgrade
from storage.models import AttendanceSource, AttendanceStatus, Meeting
from storage.organisations import list_organisations
from storage.reminders import reminder_snapshots
from storage.views import Author

BAMAKO = ZoneInfo("Africa/Bamako")
HELD = date(2016, 10, 20)
NOW = datetime(2016, 10, 25, 9, 0, tzinfo=UTC)
NOV_2 = datetime(2016, 11, 2, 10, 0, tzinfo=UTC)


def cluster_id(db: Database, timezone: str = "Africa/Bamako") -> int:
    with db.session() as session:
        cluster, _ = save_cluster_for_chat(
            session=session, chat_id=-7, name="CP", short_name=None, timezone=timezone, now=NOW
        )
    return cluster.id


def held_on(db: Database, cid: int, day: date = HELD, now: datetime = NOW) -> int:
    with db.session() as session:
        return meeting_held_on(session=session, cluster_id=cid, day=day, tz=BAMAKO, now=now)


def meetings(db: Database) -> list[Meeting]:
    with db.session() as session:
        return list(session.exec(select(Meeting).order_by(col(Meeting.id))).all())


def org_id(db: Database, acronym: str) -> int:
    with db.session() as session:
        return next(o.id for o in list_organisations(session=session) if o.acronym == acronym)


def record(db: Database, meeting_id: int, *participants: ParticipantInput) -> AttendanceSummary:
    with db.session() as session:
        return record_attendance(
            session=session, meeting_id=meeting_id, participants=participants, now=NOW
        )


def attendance(db: Database, meeting_id: int) -> list[AttendanceView]:
    with db.session() as session:
        return meeting_attendance(session=session, meeting_id=meeting_id)


# --- The meeting of the day ---------------------------------------------------------------


def test_a_day_without_a_meeting_gets_a_past_one_at_local_midnight(db: Database) -> None:
    cid = cluster_id(db)
    meeting_id = held_on(db, cid)

    [meeting] = meetings(db)
    assert meeting.id == meeting_id
    assert meeting.cluster_id == cid
    assert meeting.starts_at == datetime(2016, 10, 20, tzinfo=UTC)
    assert meeting.has_time is False
    assert meeting.cancelled_at is None
    assert held_on(db, cid) == meeting_id  # asked again, the same meeting
    assert len(meetings(db)) == 1


def test_local_midnight_is_stored_in_utc(db: Database) -> None:
    cid = cluster_id(db, "Asia/Tokyo")
    with db.session() as session:
        meeting_held_on(
            session=session, cluster_id=cid, day=HELD, tz=ZoneInfo("Asia/Tokyo"), now=NOW
        )
    [meeting] = meetings(db)
    assert meeting.starts_at == datetime(2016, 10, 19, 15, 0, tzinfo=UTC)


def test_the_meeting_set_for_that_day_is_reused(db: Database) -> None:
    cid = cluster_id(db)
    set_at = datetime(2016, 10, 1, 8, 0, tzinfo=UTC)
    with db.session() as session:
        change = schedule_next_meeting(
            session=session,
            cluster_id=cid,
            starts_at=datetime(2016, 10, 20, 14, 30, tzinfo=UTC),
            has_time=True,
            place="OCHA",
            now=set_at,
        )

    assert held_on(db, cid) == change.meeting.id
    [meeting] = meetings(db)
    assert meeting.starts_at == datetime(2016, 10, 20, 14, 30, tzinfo=UTC)
    assert meeting.has_time is True
    assert meeting.place == "OCHA"
    assert meeting.updated_at == set_at  # untouched


def test_a_meeting_of_another_day_or_cluster_is_not_reused(db: Database) -> None:
    cid = cluster_id(db)
    with db.session() as session:
        other, _ = save_cluster_for_chat(
            session=session,
            chat_id=-8,
            name="Santé",
            short_name=None,
            timezone="Africa/Bamako",
            now=NOW,
        )
    held_on(db, other.id)
    held_on(db, cid, date(2016, 10, 21))
    meeting_id = held_on(db, cid)

    assert len(meetings(db)) == 3
    assert meeting_id not in {m.id for m in meetings(db)[:2]}


def test_a_cancelled_meeting_of_that_day_is_left_cancelled(db: Database) -> None:
    cid = cluster_id(db)
    before = datetime(2016, 10, 1, 8, 0, tzinfo=UTC)
    with db.session() as session:
        planned = schedule_next_meeting(
            session=session,
            cluster_id=cid,
            starts_at=datetime(2016, 10, 20, 14, 30, tzinfo=UTC),
            has_time=True,
            place=None,
            now=before,
        ).meeting
        cancel_next_meeting(session=session, cluster_id=cid, meeting_id=planned.id, now=before)

    meeting_id = held_on(db, cid)

    assert meeting_id != planned.id
    cancelled, held = meetings(db)
    assert cancelled.cancelled_at == before
    assert held.cancelled_at is None


def test_a_day_not_begun_yet_is_refused_and_nothing_is_written(db: Database) -> None:
    cid = cluster_id(db)
    with pytest.raises(NotHeldYet) as refused:
        held_on(db, cid, date(2016, 10, 26))
    assert refused.value.day == date(2016, 10, 26)
    assert meetings(db) == []


def test_todays_meeting_can_be_recorded(db: Database) -> None:
    cid = cluster_id(db)
    meeting_id = held_on(db, cid, date(2016, 10, 25))
    [meeting] = meetings(db)
    assert meeting.id == meeting_id
    assert meeting.starts_at == datetime(2016, 10, 25, tzinfo=UTC)
    with db.session() as session:
        assert next_meeting(session=session, cluster_id=cid, now=NOW) is None


def test_a_held_meeting_never_becomes_the_next_one(db: Database) -> None:
    cid = cluster_id(db)
    set_at = datetime(2016, 10, 22, 8, 0, tzinfo=UTC)
    with db.session() as session:
        upcoming = schedule_next_meeting(
            session=session, cluster_id=cid, starts_at=NOV_2, has_time=True, place=None, now=set_at
        ).meeting
        deadline = meeting_deadline(
            session=session, cluster_id=cid, days_before=3, text="3 jours avant", now=set_at
        )
        assert deadline is not None
        tied = create_action(
            session=session,
            cluster_id=cid,
            description="Partager la cartographie",
            owners=[],
            deadline=deadline,
            by=Author(None, "Oumou", set_at),
        )

    held = held_on(db, cid)

    with db.session() as session:
        found = next_meeting(session=session, cluster_id=cid, now=NOW)
        [snapshot] = reminder_snapshots(session=session, now=NOW)
        action = get_action(session=session, action_id=tied.id)
        # Setting the next meeting again moves the upcoming one, not the held one.
        moved = schedule_next_meeting(
            session=session,
            cluster_id=cid,
            starts_at=NOV_2 + timedelta(days=1),
            has_time=True,
            place=None,
            now=NOW,
        )
    assert held != upcoming.id
    assert found is not None
    assert found.id == upcoming.id
    assert snapshot.next_meeting is not None
    assert snapshot.next_meeting.id == upcoming.id
    assert action is not None
    assert action.deadline.due_at == NOV_2 - timedelta(days=3)
    assert moved.previous is not None
    assert moved.previous.id == upcoming.id
    assert moved.meeting.id == upcoming.id
    assert moved.followed == 1


def test_without_a_next_meeting_a_held_one_gives_none_to_remind_or_date_from(
    db: Database,
) -> None:
    cid = cluster_id(db)
    held_on(db, cid)
    with db.session() as session:
        assert next_meeting(session=session, cluster_id=cid, now=NOW) is None
        assert (
            meeting_deadline(session=session, cluster_id=cid, days_before=1, text="x", now=NOW)
            is None
        )
        [snapshot] = reminder_snapshots(session=session, now=NOW)
    assert snapshot.next_meeting is None


# --- Who attended ----------------------------------------------------------------------------


def test_participants_are_recorded_as_present_from_the_minutes(db: Database) -> None:
    meeting_id = held_on(db, cluster_id(db))
    pnud = org_id(db, "PNUD")

    summary = record(
        db,
        meeting_id,
        ParticipantInput(
            "  Awa Diarra ",
            organisation_text="PNUD",
            organisation_id=pnud,
            function="Chargée de protection",
            email="awa.diarra@undp.org",
            phone="+223 70 00 00 01",
        ),
        ParticipantInput("Ibrahim Maïga", organisation_text="Tassaght"),
    )

    assert (summary.meeting_id, summary.added, summary.already_there) == (meeting_id, 2, 0)
    awa, ibrahim = attendance(db, meeting_id)
    assert awa.name == "Awa Diarra"
    assert (awa.organisation_acronym, awa.function, awa.email, awa.phone) == (
        "PNUD",
        "Chargée de protection",
        "awa.diarra@undp.org",
        "+223 70 00 00 01",
    )
    assert awa.status == AttendanceStatus.PRESENT
    assert awa.source == AttendanceSource.MINUTES
    assert awa.created_at == NOW
    assert ibrahim.organisation_text == "Tassaght"
    assert ibrahim.organisation_id is None
    assert [p.name for p in summary.unresolved] == ["Ibrahim Maïga"]


def test_importing_the_same_minutes_twice_does_not_double_anyone(db: Database) -> None:
    meeting_id = held_on(db, cluster_id(db))
    pnud = org_id(db, "PNUD")
    rows = (
        ParticipantInput("Awa Diarra", organisation_text="PNUD", organisation_id=pnud),
        ParticipantInput("Ibrahim Maïga", organisation_text="Tassaght"),
        ParticipantInput("Fatou Koné"),
    )
    record(db, meeting_id, *rows)

    again = record(db, meeting_id, *rows)

    assert (again.added, again.already_there, again.completed) == (0, 3, 0)
    assert len(attendance(db, meeting_id)) == 3
    assert [p.name for p in again.unresolved] == ["Ibrahim Maïga", "Fatou Koné"]


def test_the_same_person_is_found_whatever_the_case_accents_and_spelling_of_the_org(
    db: Database,
) -> None:
    meeting_id = held_on(db, cluster_id(db))
    pnud = org_id(db, "PNUD")
    record(
        db,
        meeting_id,
        ParticipantInput("Ibrahim Maïga", organisation_text="Tassaght"),
        ParticipantInput("Awa Diarra", organisation_text="PNUD", organisation_id=pnud),
    )

    again = record(
        db,
        meeting_id,
        ParticipantInput("IBRAHIM MAIGA", organisation_text="tassaght", email="im@tassaght.org"),
        ParticipantInput("awa  diarra", organisation_text="UNDP", organisation_id=pnud),
    )

    assert (again.added, again.already_there, again.completed) == (0, 2, 1)
    awa, ibrahim = attendance(db, meeting_id)
    assert (awa.name, awa.organisation_text) == ("Awa Diarra", "PNUD")  # kept as first written
    assert ibrahim.email == "im@tassaght.org"  # the missing field is filled


def test_a_namesake_of_another_organisation_is_another_person(db: Database) -> None:
    meeting_id = held_on(db, cluster_id(db))
    summary = record(
        db,
        meeting_id,
        ParticipantInput(
            "Moussa Traoré", organisation_text="OCHA", organisation_id=org_id(db, "OCHA")
        ),
        ParticipantInput(
            "Moussa Traoré", organisation_text="HCR", organisation_id=org_id(db, "HCR")
        ),
        ParticipantInput("Moussa Traoré"),
    )
    assert (summary.added, summary.already_there) == (3, 0)


def test_a_second_import_fills_what_the_first_lacked_and_keeps_what_it_had(db: Database) -> None:
    meeting_id = held_on(db, cluster_id(db))
    pnud = org_id(db, "PNUD")
    record(db, meeting_id, ParticipantInput("Awa Diarra", organisation_text="PNUD", phone="70 00"))

    again = record(
        db,
        meeting_id,
        ParticipantInput(
            "Awa Diarra",
            organisation_text="PNUD",
            organisation_id=pnud,
            function="Chargée de protection",
            phone="66 66",
        ),
    )

    assert (again.added, again.already_there, again.completed) == (0, 1, 1)
    assert again.unresolved == ()
    [awa] = attendance(db, meeting_id)
    assert (awa.organisation_id, awa.function, awa.phone) == (
        pnud,
        "Chargée de protection",
        "70 00",
    )


def test_a_member_is_the_same_person_under_another_spelling(db: Database) -> None:
    meeting_id = held_on(db, cluster_id(db))
    with db.session() as session:
        gerson = ensure_member(session=session, telegram_user_id=42, display_name="G", now=NOW)
    record(db, meeting_id, ParticipantInput("Gerson Brandao", member_id=gerson.id))

    again = record(
        db,
        meeting_id,
        ParticipantInput("G. Brandão", organisation_text="OCHA", member_id=gerson.id),
        ParticipantInput("Inconnu", organisation_text="ONG X"),
    )

    assert (again.added, again.already_there, again.completed) == (1, 1, 1)
    # A member with no known organisation is not among those to link; the stranger is.
    assert [p.name for p in again.unresolved] == ["Inconnu"]
    assert len(attendance(db, meeting_id)) == 2


def test_a_person_listed_twice_is_recorded_once(db: Database) -> None:
    meeting_id = held_on(db, cluster_id(db))
    summary = record(
        db,
        meeting_id,
        ParticipantInput("Fatou Koné", organisation_text="AMSS"),
        ParticipantInput("Fatou Kone", organisation_text="amss ", email="fk@amss.org"),
    )
    assert (summary.added, summary.already_there) == (1, 1)
    assert len(summary.unresolved) == 1
    [fatou] = attendance(db, meeting_id)
    assert fatou.email == "fk@amss.org"


def test_attendance_is_per_meeting(db: Database) -> None:
    cid = cluster_id(db)
    first, second = held_on(db, cid), held_on(db, cid, date(2016, 10, 6))
    record(db, first, ParticipantInput("Awa Diarra"))
    summary = record(db, second, ParticipantInput("Awa Diarra"))
    assert summary.added == 1
    assert [p.meeting_id for p in attendance(db, first)] == [first]


def test_attendance_reads_by_organisation_then_name(db: Database) -> None:
    meeting_id = held_on(db, cluster_id(db))
    record(
        db,
        meeting_id,
        ParticipantInput(
            "Zeinab Cissé", organisation_text="UNDP", organisation_id=org_id(db, "PNUD")
        ),
        ParticipantInput("Sans Organisation"),
        ParticipantInput(
            "Oumar Touré", organisation_text="OCHA", organisation_id=org_id(db, "OCHA")
        ),
        ParticipantInput("Élise Dembélé", organisation_text="Tassaght"),
        ParticipantInput("awa Diarra", organisation_text="PNUD"),
        ParticipantInput(
            "Aminata Sow", organisation_text="ocha", organisation_id=org_id(db, "OCHA")
        ),
    )

    assert [
        (p.organisation_acronym or p.organisation_text, p.name) for p in attendance(db, meeting_id)
    ] == [
        ("OCHA", "Aminata Sow"),
        ("OCHA", "Oumar Touré"),
        ("PNUD", "awa Diarra"),
        ("PNUD", "Zeinab Cissé"),  # written UNDP, read as the PNUD it names
        ("Tassaght", "Élise Dembélé"),
        (None, "Sans Organisation"),
    ]


def test_recording_for_an_unknown_meeting_or_without_a_name_is_refused(db: Database) -> None:
    meeting_id = held_on(db, cluster_id(db))
    with pytest.raises(NotFound):
        record(db, meeting_id + 1, ParticipantInput("Awa Diarra"))
    with pytest.raises(ValueError, match="name"):
        record(db, meeting_id, ParticipantInput("Awa Diarra"), ParticipantInput("  "))
    assert attendance(db, meeting_id) == []  # the session rolled back whole


# --- The migration ----------------------------------------------------------------------------


def test_upgrading_a_database_holding_meetings_keeps_them_and_adds_attendance(
    empty_database_url: str,
) -> None:
    url = empty_database_url
    engine = make_engine(url)
    upgrade(engine, "0007")
    at = datetime(2016, 10, 20, 14, 30)
    with engine.begin() as c:
        c.execute(
            sa.text(
                "INSERT INTO cluster (name, short_name, chat_id, timezone, created_at) "
                "VALUES ('Cluster Protection', 'CP', -100, 'Africa/Bamako', :at)"
            ),
            {"at": at},
        )
        c.execute(
            sa.text(
                "INSERT INTO meeting (cluster_id, starts_at, has_time, created_at, updated_at) "
                "VALUES (1, :at, TRUE, :at, :at)"
            ),
            {"at": at},
        )

    upgrade(engine)
    assert current_revision(engine) == head_revision()

    db = Database(engine)
    with db.session() as session:
        meeting_id = meeting_held_on(session=session, cluster_id=1, day=HELD, tz=BAMAKO, now=NOW)
        record_attendance(
            session=session,
            meeting_id=meeting_id,
            participants=[ParticipantInput("Awa Diarra")],
            now=NOW,
        )
    assert meeting_id == 1  # the meeting already stored for that day

    config = alembic_config(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    with engine.connect() as c:
        assert "attendance" not in sa.inspect(c).get_table_names()
        assert c.execute(sa.text("SELECT id FROM meeting")).scalars().all() == [1]
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()
