"""Milestones, reminder settings, the next meeting's cancellation and agenda, and what is due
in the coming days: stored whole, read back as plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.actions import change_status, create_action, get_action, open_actions_due_between
from storage.clusters import save_cluster_for_chat
from storage.db import Database
from storage.meetings import (
    cancel_next_meeting,
    meeting_deadline,
    next_meeting,
    schedule_next_meeting,
    set_meeting_agenda,
)
from storage.milestones import (
    cancel_milestone,
    create_milestone,
    get_milestone,
    upcoming_milestones,
)
from storage.models import DeadlinePrecision, Status
from storage.settings import reminder_settings, save_reminder_settings
from storage.views import ActionView, Author, DeadlineValue, ReminderSettings

NOW = datetime(2016, 10, 20, 14, 30, tzinfo=UTC)
OCT_31 = datetime(2016, 10, 31, 23, 59, 59, tzinfo=UTC)
MEETING = datetime(2016, 10, 27, 10, 0, tzinfo=UTC)


def new_cluster(db: Database, chat_id: int = -5, name: str = "CP") -> int:
    with db.session() as session:
        cluster, _ = save_cluster_for_chat(
            session=session,
            chat_id=chat_id,
            name=name,
            short_name=None,
            timezone="Africa/Bamako",
            now=NOW,
        )
    return cluster.id


def day(due: datetime) -> DeadlineValue:
    return DeadlineValue(due, DeadlinePrecision.DAY, text="31 octobre")


def new_action(db: Database, cid: int, deadline: DeadlineValue, text: str = "X") -> ActionView:
    with db.session() as session:
        return create_action(
            session=session,
            cluster_id=cid,
            description=text,
            owners=[],
            deadline=deadline,
            by=Author(None, "Oumou", NOW),
        )


def tied_action(db: Database, cid: int, days_before: int = 0) -> ActionView:
    with db.session() as session:
        deadline = meeting_deadline(
            session=session,
            cluster_id=cid,
            days_before=days_before,
            text="avant la prochaine réunion",
            now=NOW,
        )
    assert deadline is not None
    return new_action(db, cid, deadline)


def schedule(db: Database, cid: int, starts_at: datetime, now: datetime = NOW) -> int:
    with db.session() as session:
        change = schedule_next_meeting(
            session=session, cluster_id=cid, starts_at=starts_at, has_time=True, place=None, now=now
        )
    return change.followed


def fresh(db: Database, action_id: int) -> ActionView:
    with db.session() as session:
        found = get_action(session=session, action_id=action_id)
    assert found is not None
    return found


# --- Reminder settings ----------------------------------------------------------------------


def test_a_cluster_without_settings_gets_the_defaults(db: Database) -> None:
    cid = new_cluster(db)
    with db.session() as session:
        settings = reminder_settings(session=session, cluster_id=cid)
    assert settings == ReminderSettings()
    assert settings.deadline_days_before == (3, 1, 0)
    assert settings.escalation_days == 7
    assert settings.send_hour == 8


def test_saved_settings_are_read_back_per_cluster(db: Database) -> None:
    cid, other = new_cluster(db), new_cluster(db, -6, "CRP")
    chosen = ReminderSettings(
        enabled=False,
        deadline_days_before=(7, 3, 1, 0),
        overdue_days_after=(),
        overdue_weekly=False,
        escalation_days=None,
        meeting_days_before=(1,),
        milestone_days_before=(3, 1),
        send_hour=10,
    )
    with db.session() as session:
        saved = save_reminder_settings(session=session, cluster_id=cid, settings=chosen, now=NOW)
    assert saved == chosen
    with db.session() as session:
        assert reminder_settings(session=session, cluster_id=cid) == chosen
        assert reminder_settings(session=session, cluster_id=other) == ReminderSettings()


def test_saving_again_replaces_the_settings(db: Database) -> None:
    cid = new_cluster(db)
    with db.session() as session:
        save_reminder_settings(
            session=session, cluster_id=cid, settings=ReminderSettings(send_hour=7), now=NOW
        )
    with db.session() as session:
        save_reminder_settings(
            session=session,
            cluster_id=cid,
            settings=ReminderSettings(send_hour=9, meeting_days_before=()),
            now=NOW + timedelta(minutes=1),
        )
    with db.session() as session:
        settings = reminder_settings(session=session, cluster_id=cid)
    assert settings.send_hour == 9
    assert settings.meeting_days_before == ()


# --- Milestones -----------------------------------------------------------------------------


def test_a_milestone_is_stored_with_its_deadline_and_listed_while_upcoming(db: Database) -> None:
    cid, other = new_cluster(db), new_cluster(db, -6, "CRP")
    with db.session() as session:
        ops = create_milestone(
            session=session,
            cluster_id=cid,
            title="Soumission des projets OPS",
            deadline=day(OCT_31),
            by=Author(None, "Oumou", NOW),
        )
        create_milestone(
            session=session,
            cluster_id=cid,
            title="Plus tard",
            deadline=day(OCT_31 + timedelta(days=60)),
            by=Author(None, "Oumou", NOW),
        )
        create_milestone(
            session=session,
            cluster_id=other,
            title="Ailleurs",
            deadline=day(OCT_31),
            by=Author(None, "Oumou", NOW),
        )
    assert ops.due_at == OCT_31
    assert ops.deadline.text == "31 octobre"
    with db.session() as session:
        found = upcoming_milestones(
            session=session, cluster_ids=[cid], start=NOW, end=NOW + timedelta(days=30)
        )
    assert [m.title for m in found] == ["Soumission des projets OPS"]


def test_a_cancelled_milestone_is_no_longer_listed_nor_found(db: Database) -> None:
    cid = new_cluster(db)
    with db.session() as session:
        ops = create_milestone(
            session=session,
            cluster_id=cid,
            title="OPS",
            deadline=day(OCT_31),
            by=Author(None, "Oumou", NOW),
        )
    with db.session() as session:
        assert cancel_milestone(session=session, milestone_id=ops.id, now=NOW) is not None
    with db.session() as session:
        assert cancel_milestone(session=session, milestone_id=ops.id, now=NOW) is None
        assert get_milestone(session=session, milestone_id=ops.id) is None
        assert (
            upcoming_milestones(
                session=session, cluster_ids=[cid], start=NOW, end=NOW + timedelta(days=30)
            )
            == []
        )


# --- The next meeting: cancel, re-date, agenda ----------------------------------------------


def test_cancelling_the_meeting_leaves_its_tied_deadlines_waiting_without_a_date(
    db: Database,
) -> None:
    cid = new_cluster(db)
    schedule(db, cid, MEETING)
    tied = tied_action(db, cid, days_before=2)
    dated = new_action(db, cid, day(OCT_31))
    later = NOW + timedelta(hours=1)
    with db.session() as session:
        meeting = next_meeting(session=session, cluster_id=cid, now=NOW)
        assert meeting is not None
        cancelled = cancel_next_meeting(
            session=session, cluster_id=cid, meeting_id=meeting.id, now=later
        )
    assert cancelled is not None
    assert cancelled.waiting == 1
    assert fresh(db, tied.id).deadline.due_at is None
    assert fresh(db, tied.id).deadline.precision == DeadlinePrecision.MEETING
    assert fresh(db, dated.id).deadline.due_at == OCT_31
    with db.session() as session:
        assert next_meeting(session=session, cluster_id=cid, now=later) is None

    followed = schedule(db, cid, MEETING + timedelta(days=7), now=later)

    assert followed == 1
    assert fresh(db, tied.id).deadline.due_at == MEETING + timedelta(days=5)


def test_cancelling_a_meeting_that_is_no_longer_the_next_one_changes_nothing(
    db: Database,
) -> None:
    cid = new_cluster(db)
    schedule(db, cid, MEETING)
    with db.session() as session:
        assert cancel_next_meeting(session=session, cluster_id=cid, meeting_id=999, now=NOW) is None
        assert next_meeting(session=session, cluster_id=cid, now=NOW) is not None


def test_a_late_action_tied_to_a_meeting_already_held_keeps_its_date(db: Database) -> None:
    cid = new_cluster(db)
    schedule(db, cid, MEETING)
    tied = tied_action(db, cid)
    closed = tied_action(db, cid)
    with db.session() as session:
        change_status(
            session=session,
            action_id=closed.id,
            status=Status.DONE,
            expected=None,
            by=Author(None, "Oumou", NOW),
        )
    after_meeting = MEETING + timedelta(days=1)

    followed = schedule(db, cid, MEETING + timedelta(days=14), now=after_meeting)

    assert followed == 0
    assert fresh(db, tied.id).deadline.due_at == MEETING
    assert fresh(db, closed.id).deadline.due_at == MEETING


def test_moving_the_meeting_reports_what_it_was_and_how_many_deadlines_followed(
    db: Database,
) -> None:
    cid = new_cluster(db)
    schedule(db, cid, MEETING)
    tied_action(db, cid)
    tied_action(db, cid, days_before=7)
    with db.session() as session:
        change = schedule_next_meeting(
            session=session,
            cluster_id=cid,
            starts_at=MEETING + timedelta(days=1),
            has_time=True,
            place="OCHA",
            now=NOW,
        )
    assert change.previous is not None
    assert change.previous.starts_at == MEETING
    assert change.meeting.starts_at == MEETING + timedelta(days=1)
    assert change.meeting.place == "OCHA"
    assert change.followed == 2


def test_the_agenda_belongs_to_the_next_meeting_and_survives_a_move(db: Database) -> None:
    cid = new_cluster(db)
    with db.session() as session:
        assert set_meeting_agenda(session=session, cluster_id=cid, agenda="1. X", now=NOW) is None
    schedule(db, cid, MEETING)
    with db.session() as session:
        set_meeting_agenda(session=session, cluster_id=cid, agenda="1. Suivi\n2. Divers", now=NOW)
    schedule(db, cid, MEETING + timedelta(days=1))
    with db.session() as session:
        meeting = next_meeting(session=session, cluster_id=cid, now=NOW)
    assert meeting is not None
    assert meeting.agenda == "1. Suivi\n2. Divers"


# --- What is due in the coming days ---------------------------------------------------------


def test_open_actions_due_in_a_window_soonest_first(db: Database) -> None:
    cid, other = new_cluster(db), new_cluster(db, -6, "CRP")
    late = new_action(db, cid, day(NOW - timedelta(days=2)), "En retard")
    later = new_action(db, cid, day(OCT_31), "Fin du mois")
    sooner = new_action(db, cid, day(NOW + timedelta(days=2)), "Bientôt")
    new_action(db, cid, day(NOW + timedelta(days=45)), "Trop loin")
    new_action(db, cid, DeadlineValue(None, DeadlinePrecision.UNDATED), "Sans date")
    new_action(db, other, day(OCT_31), "Autre cluster")
    done = new_action(db, cid, day(OCT_31), "Faite")
    with db.session() as session:
        change_status(
            session=session,
            action_id=done.id,
            status=Status.DONE,
            expected=None,
            by=Author(None, "Oumou", NOW),
        )
    with db.session() as session:
        found = open_actions_due_between(
            session=session, cluster_ids=[cid], start=NOW, end=NOW + timedelta(days=30)
        )
    assert [a.id for a in found] == [sooner.id, later.id]
    assert late.id not in [a.id for a in found]
