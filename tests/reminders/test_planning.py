"""When reminders are owed: slots, weekends, catch-up, quiet hours, moved meetings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from reminders.planning import (
    LATE_AFTER,
    Audience,
    Planned,
    ReminderKind,
    Subject,
    is_working_day,
    local_day,
    may_send,
    plan,
)
from storage.models import DeadlinePrecision, Status
from storage.views import (
    DatedAction,
    DeadlineValue,
    MeetingView,
    MilestoneView,
    ReminderSettings,
    ReminderSnapshot,
)

BAMAKO = "Africa/Bamako"  # UTC+0, no DST
NIAMEY = "Africa/Niamey"  # UTC+1, no DST
LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)
CLUSTER = 4

# June 2026: Monday 8, Thursday 11, Friday 12, Saturday 13, Monday 15.
MON_8, TUE_9, WED_10, THU_11, FRI_12, SAT_13, SUN_14, MON_15 = (
    date(2026, 6, d) for d in range(8, 16)
)


def at(day: date, hour: int = 8, minute: int = 0, tz: str = BAMAKO) -> datetime:
    """A local wall-clock time in `tz`, as the aware UTC instant the code sees."""
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(tz)).astimezone(UTC)


def end_of(day: date, tz: str = BAMAKO) -> datetime:
    """A DAY deadline's due_at: the last second of that local day."""
    return at(day, 23, 59, tz) + timedelta(seconds=59)


def action(
    due: date | datetime,
    *,
    id: int = 1,
    status: Status = Status.TODO,
    precision: DeadlinePrecision = DeadlinePrecision.DAY,
    set_at: datetime = LONG_AGO,
    tz: str = BAMAKO,
) -> DatedAction:
    due_at = due if isinstance(due, datetime) else end_of(due, tz)
    return DatedAction(
        id=id,
        cluster_id=CLUSTER,
        due_at=due_at,
        precision=precision,
        status=status,
        deadline_set_at=set_at,
    )


def meeting(
    starts_at: datetime, *, updated_at: datetime | None = LONG_AGO, has_time: bool = True
) -> MeetingView:
    return MeetingView(
        id=3,
        cluster_id=CLUSTER,
        starts_at=starts_at,
        has_time=has_time,
        place="OCHA",
        updated_at=updated_at,
    )


def milestone(
    due: date, *, id: int = 5, updated_at: datetime = LONG_AGO, tz: str = BAMAKO
) -> MilestoneView:
    return MilestoneView(
        id=id,
        cluster_id=CLUSTER,
        title="Soumission des projets",
        deadline=DeadlineValue(due_at=end_of(due, tz), precision=DeadlinePrecision.DAY),
        created_at=updated_at,
        updated_at=updated_at,
    )


def snapshot(
    *actions: DatedAction,
    settings: ReminderSettings | None = None,
    next_meeting: MeetingView | None = None,
    milestones: Sequence[MilestoneView] = (),
    tz: str = BAMAKO,
) -> ReminderSnapshot:
    return ReminderSnapshot(
        cluster_id=CLUSTER,
        timezone=tz,
        settings=settings or ReminderSettings(),
        actions=actions,
        next_meeting=next_meeting,
        milestones=milestones,
    )


def keys(planned: Iterable[Planned]) -> list[tuple[str, str, date]]:
    return [(str(p.subject), p.kind_key, p.day) for p in planned]


def kinds(planned: Sequence[Planned]) -> list[str]:
    return [p.kind_key for p in planned]


def schedule(
    snap: ReminderSnapshot, first: date, last: date, hour: int = 12
) -> list[tuple[date, str]]:
    """What one sweep a day would send, with the log keeping each (subject, kind, slot) once."""
    sent: list[tuple[date, str]] = []
    seen: set[tuple[str, str, date]] = set()
    day = first
    while day <= last:
        for p in plan(snap, at(day, hour, tz=snap.timezone)):
            key = (str(p.subject), p.kind_key, p.day)
            if key not in seen:
                seen.add(key)
                sent.append((p.day, p.kind_key))
        day += timedelta(days=1)
    return sent


# --- the three mornings before a deadline ------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(MON_8, 7, 59), []),
        (at(MON_8, 8, 0), ["due-3"]),
        (at(MON_8, 18, 59), ["due-3"]),
        (at(MON_8, 19, 0), []),
        (at(TUE_9, 8, 0), ["due-3"]),  # still the latest slot: the log keeps it to one message
        (at(WED_10, 7, 59), []),
        (at(WED_10, 8, 0), ["due-1"]),
        (at(THU_11, 8, 0), ["due-0"]),
        (at(THU_11, 18, 59), ["due-0"]),
        (at(FRI_12, 8, 0), ["overdue-1"]),
    ],
)
def test_due_reminders_go_out_at_eight_local_on_their_three_mornings(
    now: datetime, expected: list[str]
) -> None:
    assert kinds(plan(snapshot(action(THU_11)), now)) == expected


def test_a_due_reminder_is_for_the_owners_at_send_hour_on_its_day() -> None:
    [reminder] = plan(snapshot(action(THU_11, id=12)), at(WED_10, 8, 0))
    assert reminder == Planned(
        cluster_id=CLUSTER,
        subject=Subject("action", 12),
        kind=ReminderKind.DUE,
        offset_days=1,
        day=WED_10,
        send_at=datetime(2026, 6, 10, 8, 0, tzinfo=UTC),
        audiences=(Audience.OWNERS,),
        late=False,
    )


def test_a_cluster_an_hour_east_gets_its_reminders_at_its_own_eight_oclock() -> None:
    snap = snapshot(action(THU_11, tz=NIAMEY), tz=NIAMEY)
    assert plan(snap, datetime(2026, 6, 10, 6, 59, tzinfo=UTC)) == []
    [reminder] = plan(snap, datetime(2026, 6, 10, 7, 0, tzinfo=UTC))
    assert (reminder.kind_key, reminder.day) == ("due-1", WED_10)
    assert reminder.send_at == datetime(2026, 6, 10, 7, 0, tzinfo=UTC)
    # 19:00 in Niamey is 18:00 UTC.
    assert kinds(plan(snap, datetime(2026, 6, 10, 17, 59, tzinfo=UTC))) == ["due-1"]
    assert plan(snap, datetime(2026, 6, 10, 18, 0, tzinfo=UTC)) == []


def test_the_deadline_day_is_the_local_one() -> None:
    # 23:30 UTC on Thursday is already Friday 00:30 in Niamey, still Thursday in Bamako.
    due = datetime(2026, 6, 11, 23, 30, tzinfo=UTC)
    thursday_seven_utc = datetime(2026, 6, 11, 7, 0, tzinfo=UTC)
    niamey = snapshot(action(due, precision=DeadlinePrecision.MOMENT), tz=NIAMEY)
    bamako = snapshot(action(due, precision=DeadlinePrecision.MOMENT), tz=BAMAKO)
    assert keys(plan(niamey, thursday_seven_utc)) == [("action:1", "due-1", THU_11)]
    assert plan(bamako, thursday_seven_utc) == []  # 07:00 in Bamako: before send_hour


# --- weekends ----------------------------------------------------------------------------


def test_a_monday_deadline_is_announced_on_friday_once() -> None:
    # The 1-day slot (Sunday) moves to Friday, where the 3-day slot already is: one message,
    # the nearer one.
    assert schedule(snapshot(action(MON_15)), MON_8, MON_15) == [
        (FRI_12, "due-1"),
        (MON_15, "due-0"),
    ]


def test_a_saturday_deadline_is_announced_for_today_on_friday() -> None:
    assert schedule(snapshot(action(SAT_13)), MON_8, date(2026, 6, 30)) == [
        (WED_10, "due-3"),
        (FRI_12, "due-0"),  # Saturday's morning moved back, the 1-day slot merged into it
        (MON_15, "overdue-1"),  # Sunday moved forward
        (date(2026, 6, 16), "overdue-3"),
        (date(2026, 6, 22), "escalation-7"),  # Saturday 20 moved forward
        (date(2026, 6, 22), "overdue-7"),
        (date(2026, 6, 29), "overdue-14"),
    ]


def test_an_overdue_slot_on_sunday_moves_to_monday() -> None:
    assert schedule(snapshot(action(THU_11)), MON_8, date(2026, 7, 3)) == [
        (MON_8, "due-3"),
        (WED_10, "due-1"),
        (THU_11, "due-0"),
        (FRI_12, "overdue-1"),
        (MON_15, "overdue-3"),  # Sunday 14
        (date(2026, 6, 18), "escalation-7"),
        (date(2026, 6, 18), "overdue-7"),
        (date(2026, 6, 25), "overdue-14"),
        (date(2026, 7, 2), "overdue-21"),
    ]


def test_two_overdue_slots_on_the_same_monday_keep_the_later_one() -> None:
    # Deadline Friday: 1 day after is Saturday, moved to Monday, where 3 days after already is.
    assert schedule(snapshot(action(FRI_12)), FRI_12, date(2026, 6, 19)) == [
        (FRI_12, "due-0"),
        (MON_15, "overdue-3"),
        (date(2026, 6, 19), "escalation-7"),
        (date(2026, 6, 19), "overdue-7"),
    ]


@pytest.mark.parametrize("now", [at(SAT_13, 10), at(SUN_14, 8)])
def test_nothing_goes_out_on_a_weekend(now: datetime) -> None:
    assert plan(snapshot(action(MON_15), action(FRI_12, id=2)), now) == []


# --- month and year ends -----------------------------------------------------------------


def test_a_deadline_on_the_first_of_march() -> None:
    assert schedule(snapshot(action(date(2027, 3, 1))), date(2027, 2, 22), date(2027, 3, 8)) == [
        (date(2027, 2, 26), "due-1"),  # Sunday 28 February -> Friday 26, with the 3-day slot
        (date(2027, 3, 1), "due-0"),
        (date(2027, 3, 2), "overdue-1"),
        (date(2027, 3, 4), "overdue-3"),
        (date(2027, 3, 8), "escalation-7"),
        (date(2027, 3, 8), "overdue-7"),
    ]


def test_a_deadline_on_new_years_eve() -> None:
    assert schedule(
        snapshot(action(date(2026, 12, 31))), date(2026, 12, 21), date(2027, 1, 15)
    ) == [
        (date(2026, 12, 28), "due-3"),
        (date(2026, 12, 30), "due-1"),
        (date(2026, 12, 31), "due-0"),
        # New Year's Day is a public holiday in Mali, then a weekend: the 1-day reminder
        # moves to Monday 4, where it is one with the 3-day one (Sunday 3 January).
        (date(2027, 1, 4), "overdue-3"),
        (date(2027, 1, 7), "escalation-7"),
        (date(2027, 1, 7), "overdue-7"),
        (date(2027, 1, 14), "overdue-14"),
    ]


# --- overdue, weekly, escalation ---------------------------------------------------------


@pytest.mark.parametrize(
    ("days_late", "expected"),
    [
        (1, "overdue-1"),
        (4, "overdue-3"),  # 3 days after is Sunday: moved to Monday the 15th
        (6, "overdue-3"),
        (7, "overdue-7"),
        (13, "overdue-7"),
        (14, "overdue-14"),
        (21, "overdue-21"),
        (70, "overdue-70"),
        (74, "overdue-70"),  # the Monday after
        (364, "overdue-364"),
    ],
)
def test_overdue_reminders_after_one_three_seven_days_then_weekly(
    days_late: int, expected: str
) -> None:
    now = at(THU_11 + timedelta(days=days_late), 9, 0)
    owners = [p for p in plan(snapshot(action(THU_11)), now) if p.kind == ReminderKind.OVERDUE]
    assert kinds(owners) == [expected]


def test_weekly_overdue_reminders_come_every_seven_days_for_a_year() -> None:
    settings = ReminderSettings(escalation_days=None)
    sent = schedule(snapshot(action(THU_11), settings=settings), FRI_12, date(2027, 6, 11))
    weekly = sent[3:]
    assert sent[:3] == [
        (FRI_12, "overdue-1"),
        (MON_15, "overdue-3"),
        (THU_11 + timedelta(7), "overdue-7"),
    ]
    assert weekly == [(THU_11 + timedelta(days=n), f"overdue-{n}") for n in range(14, 365, 7)]


def test_weekly_slots_on_saturdays_all_move_to_mondays() -> None:
    snap = snapshot(action(SAT_13), settings=ReminderSettings(escalation_days=None))
    # 21 days after Saturday 13 is Saturday 4 July: sent Monday 6 July, not before.
    assert kinds(plan(snap, at(date(2026, 7, 3), 10))) == ["overdue-14"]
    assert plan(snap, at(date(2026, 7, 6), 7, 59)) == []
    assert keys(plan(snap, at(date(2026, 7, 6), 8, 0))) == [
        ("action:1", "overdue-21", date(2026, 7, 6))
    ]


def test_without_weekly_reminders_the_last_listed_one_stays_the_latest() -> None:
    snap = snapshot(action(THU_11), settings=ReminderSettings(overdue_weekly=False))
    now = at(THU_11 + timedelta(days=70), 9)
    assert keys(p for p in plan(snap, now) if p.kind == ReminderKind.OVERDUE) == [
        ("action:1", "overdue-7", date(2026, 6, 18))
    ]


def test_coordinators_are_told_when_an_action_is_seven_days_late() -> None:
    planned = plan(snapshot(action(THU_11)), at(date(2026, 6, 18), 8))
    assert [(p.kind_key, p.audiences) for p in planned] == [
        ("escalation-7", (Audience.COORDINATORS,)),
        ("overdue-7", (Audience.OWNERS,)),
    ]
    assert plan(snapshot(action(THU_11)), at(date(2026, 6, 17), 18))[0].kind_key == "overdue-3"


def test_escalation_stays_due_and_can_be_turned_off() -> None:
    later = at(date(2026, 7, 30), 9)
    assert "escalation-7" in kinds(plan(snapshot(action(THU_11)), later))
    off = ReminderSettings(escalation_days=None)
    assert "escalation-7" not in kinds(plan(snapshot(action(THU_11), settings=off), later))


def test_an_escalation_on_a_weekend_goes_on_monday() -> None:
    settings = ReminderSettings(escalation_days=10)  # Sunday 21 June
    sent = schedule(snapshot(action(THU_11), settings=settings), FRI_12, date(2026, 6, 26))
    assert (date(2026, 6, 22), "escalation-10") in sent
    assert [kind for _, kind in sent].count("escalation-10") == 1


# --- catching up after downtime ----------------------------------------------------------


def test_after_downtime_only_the_latest_slot_comes_and_it_says_late() -> None:
    # Down from Monday to Thursday morning: the "dans 3 jours" and "demain" are obsolete.
    [reminder] = plan(snapshot(action(THU_11)), at(THU_11, 10, 30))
    assert (reminder.kind_key, reminder.day, reminder.late) == ("due-0", THU_11, True)


@pytest.mark.parametrize(
    ("now", "late"),
    [
        (at(WED_10, 8, 0), False),
        (at(WED_10, 8, 0) + LATE_AFTER, False),
        (at(WED_10, 8, 0) + LATE_AFTER + timedelta(seconds=1), True),
        (at(WED_10, 18, 0), True),
    ],
)
def test_late_means_more_than_an_hour_after_send_at(now: datetime, late: bool) -> None:
    [reminder] = plan(snapshot(action(THU_11)), now)
    assert reminder.late is late


def test_a_missed_day_of_reminder_is_not_sent_after_the_deadline() -> None:
    noon = datetime(2026, 6, 11, 12, 0, tzinfo=UTC)
    snap = snapshot(action(noon, precision=DeadlinePrecision.MOMENT))
    assert kinds(plan(snap, at(THU_11, 11, 59))) == ["due-0"]
    assert plan(snap, at(THU_11, 12, 1)) == []
    # Down through Friday morning: the overdue one comes, the "aujourd'hui" never does.
    assert keys(plan(snap, at(FRI_12, 15))) == [("action:1", "overdue-1", FRI_12)]


# --- when the deadline was set -----------------------------------------------------------


def test_an_action_set_at_ten_for_tomorrow_gets_no_late_reminder_today() -> None:
    snap = snapshot(action(THU_11, set_at=at(WED_10, 10, 0)))
    assert plan(snap, at(WED_10, 10, 1)) == []
    assert plan(snap, at(WED_10, 18, 59)) == []
    assert keys(plan(snap, at(THU_11, 8, 0))) == [("action:1", "due-0", THU_11)]


def test_an_action_set_before_the_morning_sweep_gets_that_mornings_reminder() -> None:
    snap = snapshot(action(THU_11, set_at=at(WED_10, 7, 30)))
    assert kinds(plan(snap, at(WED_10, 8, 0))) == ["due-1"]


def test_a_deadline_moved_back_into_the_past_waits_for_its_next_slot() -> None:
    # Set on Tuesday 16 to Thursday 11: overdue-3 (Monday 15) was before that and is not owed.
    snap = snapshot(action(THU_11, set_at=at(date(2026, 6, 16), 10)))
    assert plan(snap, at(date(2026, 6, 17), 9)) == []
    assert kinds(plan(snap, at(date(2026, 6, 18), 9))) == ["escalation-7", "overdue-7"]


# --- quiet hours and the meeting-day exception -------------------------------------------


def test_on_the_meeting_day_its_missed_reminder_goes_out_before_the_office_opens() -> None:
    snap = snapshot(action(THU_11), next_meeting=meeting(at(THU_11, 9, 0)))
    # The bot was down on Wednesday: not in the night, but at 07:00 the meeting's reminder
    # goes, the action's waits.
    assert plan(snap, at(THU_11, 0, 1)) == []
    assert plan(snap, at(THU_11, 6, 59)) == []
    [early] = plan(snap, at(THU_11, 7, 0))
    assert (str(early.subject), early.kind_key, early.day, early.late) == (
        "meeting:3",
        "meeting-1",
        WED_10,
        True,
    )
    assert early.audiences == (Audience.MEMBERS,)
    assert keys(plan(snap, at(THU_11, 8, 0))) == [
        ("meeting:3", "meeting-1", WED_10),
        ("action:1", "due-0", THU_11),
    ]
    # Once it has started, no more meeting reminders.
    assert kinds(plan(snap, at(THU_11, 9, 0))) == ["due-0"]


@pytest.mark.parametrize(
    "now",
    [
        at(WED_10, 19, 0),  # the evening before: not the meeting's day yet
        at(WED_10, 23, 59),
        at(THU_11, 9, 0),  # started
        at(THU_11, 20, 0),
    ],
)
def test_quiet_hours_hold_for_a_meeting_on_another_day_or_already_started(
    now: datetime,
) -> None:
    assert plan(snapshot(next_meeting=meeting(at(THU_11, 9, 0))), now) == []


def test_the_meeting_day_exception_holds_on_a_weekend_until_the_start() -> None:
    snap = snapshot(next_meeting=meeting(at(SAT_13, 10, 0)))
    assert plan(snap, at(SAT_13, 0, 1)) == []
    assert keys(plan(snap, at(SAT_13, 7, 0))) == [("meeting:3", "meeting-1", FRI_12)]
    assert keys(plan(snap, at(SAT_13, 9, 59))) == [("meeting:3", "meeting-1", FRI_12)]
    assert plan(snap, at(SAT_13, 10, 0)) == []


def test_the_meeting_day_is_the_clusters_local_day() -> None:
    # Thursday 00:30 in Niamey is Wednesday 23:30 UTC: at 23:10 UTC it is already Thursday there.
    snap = snapshot(next_meeting=meeting(datetime(2026, 6, 10, 23, 30, tzinfo=UTC)), tz=NIAMEY)
    assert keys(plan(snap, datetime(2026, 6, 10, 23, 10, tzinfo=UTC))) == [
        ("meeting:3", "meeting-1", WED_10)
    ]
    assert plan(snap, datetime(2026, 6, 10, 22, 50, tzinfo=UTC)) == []  # 23:50 Wednesday


# --- meetings ----------------------------------------------------------------------------


def test_members_are_reminded_a_week_and_a_day_before_a_meeting() -> None:
    snap = snapshot(next_meeting=meeting(at(date(2026, 6, 18), 10)))
    assert schedule(snap, MON_8, date(2026, 6, 19)) == [
        (THU_11, "meeting-7"),
        (date(2026, 6, 17), "meeting-1"),
    ]


def test_a_meeting_moved_later_after_its_week_reminder_gets_a_fresh_one() -> None:
    # Set for Thursday 18 (week reminder sent Thursday 11); moved on Friday 12 at 10:00 to
    # Tuesday 23: its new week slot, Tuesday 16, comes after the move.
    moved = meeting(at(date(2026, 6, 23), 10), updated_at=at(FRI_12, 10))
    assert plan(snapshot(next_meeting=moved), at(FRI_12, 10, 1)) == []
    assert schedule(snapshot(next_meeting=moved), MON_15, date(2026, 6, 23)) == [
        (date(2026, 6, 16), "meeting-7"),
        (date(2026, 6, 22), "meeting-1"),
    ]


def test_a_meeting_set_on_its_week_slot_day_after_the_hour_gets_it_at_once_on_time() -> None:
    # A weekly meeting: set on Monday 15 at 10:00, at the meeting, for Monday 22. Its week
    # slot (Monday 15, 08:00) is today: it goes out now, not late, then the "demain" (Sunday
    # 21) on Friday 19.
    weekly = meeting(at(date(2026, 6, 22), 10), updated_at=at(MON_15, 10))
    [week] = plan(snapshot(next_meeting=weekly), at(MON_15, 10, 1))
    assert (week.kind_key, week.day, week.late) == ("meeting-7", MON_15, False)
    assert schedule(snapshot(next_meeting=weekly), MON_15, date(2026, 6, 22)) == [
        (MON_15, "meeting-7"),
        (date(2026, 6, 19), "meeting-1"),
    ]


def test_a_meeting_moved_after_its_new_week_slot_day_gets_only_the_day_before() -> None:
    # Moved on Tuesday 16 to Monday 22: the new week slot (Monday 15) is a past day, never
    # owed; the "demain" (Sunday 21) comes on Friday 19.
    moved = meeting(at(date(2026, 6, 22), 10), updated_at=at(date(2026, 6, 16), 10))
    assert plan(snapshot(next_meeting=moved), at(date(2026, 6, 16), 10, 1)) == []
    assert schedule(snapshot(next_meeting=moved), MON_15, date(2026, 6, 22)) == [
        (date(2026, 6, 19), "meeting-1"),
    ]


def test_a_meeting_without_a_known_update_time_owes_its_latest_slot() -> None:
    snap = snapshot(next_meeting=meeting(at(date(2026, 6, 18), 10), updated_at=None))
    assert kinds(plan(snap, at(MON_15, 9))) == ["meeting-7"]


def test_a_slot_at_or_after_the_meeting_start_is_dropped() -> None:
    settings = ReminderSettings(meeting_days_before=(1, 0))
    early = snapshot(next_meeting=meeting(at(THU_11, 7, 30)), settings=settings)
    # 08:00 is after a 07:30 start: the day-of slot never exists, Wednesday's stays the latest.
    assert keys(plan(early, at(THU_11, 7, 0))) == [("meeting:3", "meeting-1", WED_10)]
    late = snapshot(next_meeting=meeting(at(THU_11, 14, 0)), settings=settings)
    assert keys(plan(late, at(THU_11, 8, 0))) == [("meeting:3", "meeting-0", THU_11)]


def test_a_meeting_without_a_time_is_reminded_before_its_day() -> None:
    # Its starts_at is local midnight, so a same-day slot would come after the start.
    settings = ReminderSettings(meeting_days_before=(7, 1, 0))
    undated_hour = meeting(at(date(2026, 6, 18), 0), has_time=False)
    assert schedule(
        snapshot(next_meeting=undated_hour, settings=settings), MON_8, date(2026, 6, 19)
    ) == [
        (THU_11, "meeting-7"),
        (date(2026, 6, 17), "meeting-1"),
    ]


def test_a_past_meeting_gets_nothing() -> None:
    assert plan(snapshot(next_meeting=meeting(at(WED_10, 10))), at(WED_10, 11)) == []


# --- milestones --------------------------------------------------------------------------


def test_milestones_go_to_the_group_and_the_members_seven_three_one_day_before_and_on_the_day() -> (
    None
):
    snap = snapshot(milestones=[milestone(date(2026, 6, 19))])
    assert schedule(snap, MON_8, date(2026, 6, 26)) == [
        (FRI_12, "milestone-7"),
        (date(2026, 6, 16), "milestone-3"),
        (date(2026, 6, 18), "milestone-1"),
        (date(2026, 6, 19), "milestone-0"),
    ]
    [reminder] = plan(snap, at(FRI_12, 8))
    assert reminder.subject == Subject("milestone", 5)
    assert reminder.audiences == (Audience.GROUP, Audience.MEMBERS)


def test_a_monday_milestone_is_announced_once_on_the_friday_before() -> None:
    snap = snapshot(milestones=[milestone(date(2026, 6, 22))])
    assert schedule(snap, MON_8, date(2026, 6, 22)) == [
        (MON_15, "milestone-7"),
        (date(2026, 6, 19), "milestone-1"),  # Sunday 21, with the 3-day slot (Friday 19)
        (date(2026, 6, 22), "milestone-0"),  # and on the morning itself
    ]


def test_a_milestone_added_late_gets_only_the_slots_after_it() -> None:
    snap = snapshot(milestones=[milestone(date(2026, 6, 19), updated_at=at(date(2026, 6, 16), 11))])
    assert schedule(snap, MON_15, date(2026, 6, 20)) == [
        (date(2026, 6, 18), "milestone-1"),
        (date(2026, 6, 19), "milestone-0"),
    ]


def test_a_milestone_added_the_afternoon_before_is_announced_on_its_morning() -> None:
    snap = snapshot(milestones=[milestone(date(2026, 6, 19), updated_at=at(date(2026, 6, 18), 15))])
    assert schedule(snap, MON_15, date(2026, 6, 20)) == [(date(2026, 6, 19), "milestone-0")]


def test_milestone_reminders_turned_off_have_no_morning_one_either() -> None:
    off = ReminderSettings(milestone_days_before=())
    snap = snapshot(milestones=[milestone(date(2026, 6, 19))], settings=off)
    assert schedule(snap, MON_8, date(2026, 6, 20)) == []


def test_a_past_milestone_gets_nothing() -> None:
    assert plan(snapshot(milestones=[milestone(WED_10)]), at(THU_11, 9)) == []


# --- what gets no reminder ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.TODO, ["escalation-7", "overdue-7"]),
        (Status.IN_PROGRESS, ["escalation-7", "overdue-7"]),
        (Status.BLOCKED, ["escalation-7", "overdue-7"]),
        (Status.DONE, []),
        (Status.CANCELLED, []),
    ],
)
def test_only_open_actions_are_reminded(status: Status, expected: list[str]) -> None:
    assert (
        kinds(plan(snapshot(action(THU_11, status=status)), at(date(2026, 6, 18), 9))) == expected
    )


@pytest.mark.parametrize(
    ("precision", "expected"),
    [
        (DeadlinePrecision.DAY, ["due-1"]),
        (DeadlinePrecision.PERIOD, ["due-1"]),
        (DeadlinePrecision.MOMENT, ["due-1"]),
        (DeadlinePrecision.MEETING, ["due-1"]),
        (DeadlinePrecision.UNDATED, []),
    ],
)
def test_every_dated_precision_is_reminded_by_its_due_at(
    precision: DeadlinePrecision, expected: list[str]
) -> None:
    assert kinds(plan(snapshot(action(THU_11, precision=precision)), at(WED_10, 9))) == expected


# --- settings ----------------------------------------------------------------------------


def test_disabled_reminders_send_nothing() -> None:
    snap = snapshot(
        action(THU_11),
        next_meeting=meeting(at(THU_11, 9)),
        milestones=[milestone(THU_11)],
        settings=ReminderSettings(enabled=False),
    )
    assert plan(snap, at(THU_11, 6, 30)) == []
    assert plan(snap, at(THU_11, 8, 30)) == []


def test_a_later_send_hour_moves_every_slot() -> None:
    snap = snapshot(action(THU_11), settings=ReminderSettings(send_hour=10))
    assert plan(snap, at(WED_10, 9, 59)) == []
    [reminder] = plan(snap, at(WED_10, 10, 0))
    assert reminder.send_at == at(WED_10, 10, 0)
    assert not reminder.late
    assert plan(snap, at(WED_10, 11, 0, tz=BAMAKO) + timedelta(seconds=1))[0].late


def test_a_send_hour_before_seven_still_waits_for_the_end_of_quiet_hours() -> None:
    snap = snapshot(action(THU_11), settings=ReminderSettings(send_hour=6))
    assert plan(snap, at(WED_10, 6, 30)) == []
    [reminder] = plan(snap, at(WED_10, 7, 0))
    assert (reminder.send_at, reminder.late) == (at(WED_10, 6, 0), False)


def test_the_send_hour_is_local_in_another_zone() -> None:
    snap = snapshot(action(THU_11, tz=NIAMEY), settings=ReminderSettings(send_hour=10), tz=NIAMEY)
    assert plan(snap, datetime(2026, 6, 10, 8, 59, tzinfo=UTC)) == []
    [reminder] = plan(snap, datetime(2026, 6, 10, 9, 0, tzinfo=UTC))
    assert reminder.send_at == datetime(2026, 6, 10, 9, 0, tzinfo=UTC)


def test_empty_lists_turn_each_series_off() -> None:
    settings = ReminderSettings(
        deadline_days_before=(),
        overdue_days_after=(),
        overdue_weekly=False,
        escalation_days=None,
        meeting_days_before=(),
        milestone_days_before=(),
    )
    snap = snapshot(
        action(THU_11),
        next_meeting=meeting(at(date(2026, 6, 18), 10)),
        milestones=[milestone(date(2026, 6, 19))],
        settings=settings,
    )
    assert schedule(snap, MON_8, date(2026, 7, 31)) == []


def test_no_listed_overdue_days_with_weekly_means_every_seven_days() -> None:
    settings = ReminderSettings(
        deadline_days_before=(), overdue_days_after=(), escalation_days=None
    )
    sent = schedule(snapshot(action(THU_11), settings=settings), MON_8, date(2026, 7, 3))
    assert sent == [
        (date(2026, 6, 18), "overdue-7"),
        (date(2026, 6, 25), "overdue-14"),
        (date(2026, 7, 2), "overdue-21"),
    ]


def test_custom_days_before() -> None:
    settings = ReminderSettings(deadline_days_before=(2,), overdue_days_after=(2,))
    sent = schedule(snapshot(action(THU_11), settings=settings), MON_8, date(2026, 6, 16))
    assert sent == [
        (TUE_9, "due-2"),
        (SAT_13 + timedelta(days=2), "overdue-2"),  # Saturday 13 -> Monday 15
    ]


# --- a sweep every minute ----------------------------------------------------------------


def busy_cluster() -> ReminderSnapshot:
    return snapshot(
        action(THU_11, id=1),
        action(FRI_12, id=2, status=Status.BLOCKED),
        action(date(2026, 6, 5), id=7),
        action(WED_10, id=8, status=Status.DONE),
        next_meeting=meeting(at(date(2026, 6, 12), 10)),
        milestones=[milestone(date(2026, 6, 18)), milestone(date(2026, 6, 15), id=6)],
    )


def test_planning_twice_or_a_minute_later_gives_the_same_reminders() -> None:
    snap = busy_cluster()
    now = at(THU_11, 8, 30)
    first = plan(snap, now)
    assert len(first) >= 4
    assert plan(snap, now) == first
    assert plan(snap, now + timedelta(minutes=1)) == first


def test_the_same_reminders_all_day_long() -> None:
    snap = busy_cluster()
    morning = keys(plan(snap, at(THU_11, 8, 0)))
    for minute in range(1, 11 * 60):
        assert keys(plan(snap, at(THU_11, 8, 0) + timedelta(minutes=minute))) == morning


def test_nothing_is_ever_planned_for_later_or_outside_the_window() -> None:
    snap = busy_cluster()
    now = at(date(2026, 5, 25), 0)
    while now < at(date(2026, 8, 1), 0):
        for p in plan(snap, now):
            assert p.send_at <= now
            assert p.subject == Subject("meeting", 3) or may_send(now, BAMAKO, snap.settings)
        now += timedelta(minutes=17)


def test_late_ones_come_first_then_by_send_time_then_subject() -> None:
    snap = snapshot(
        action(THU_11, id=5),  # due-0 today
        action(date(2026, 6, 5), id=7),  # overdue-3 on Monday 8
        action(FRI_12, id=3),  # due-1 today
        milestones=[milestone(MON_15, id=1)],  # milestone-7 on Monday 8
    )
    assert keys(plan(snap, at(THU_11, 8, 30))) == [
        ("action:7", "overdue-3", MON_8),
        ("milestone:1", "milestone-7", MON_8),
        ("action:3", "due-1", THU_11),
        ("action:5", "due-0", THU_11),
    ]


# --- helpers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [(MON_8, True), (FRI_12, True), (SAT_13, False), (SUN_14, False)],
)
def test_the_work_week_is_monday_to_friday(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_local_day_reads_the_clusters_zone() -> None:
    instant = datetime(2026, 6, 11, 23, 30, tzinfo=UTC)
    assert local_day(instant, BAMAKO) == THU_11
    assert local_day(instant, ZoneInfo(NIAMEY)) == FRI_12


@pytest.mark.parametrize(
    ("now", "open_"),
    [
        (at(THU_11, 7, 59), False),
        (at(THU_11, 8, 0), True),
        (at(THU_11, 18, 59), True),
        (at(THU_11, 19, 0), False),
        (at(SAT_13, 10, 0), False),
    ],
)
def test_the_send_window(now: datetime, open_: bool) -> None:
    assert may_send(now, BAMAKO, ReminderSettings()) is open_


def test_kind_keys_name_the_kind_and_its_days() -> None:
    base = Planned(
        cluster_id=CLUSTER,
        subject=Subject("action", 1),
        kind=ReminderKind.DUE,
        offset_days=3,
        day=MON_8,
        send_at=at(MON_8),
        audiences=(Audience.OWNERS,),
        late=False,
    )
    assert base.kind_key == "due-3"
    assert replace(base, kind=ReminderKind.ESCALATION, offset_days=7).kind_key == "escalation-7"
    assert replace(base, kind=ReminderKind.MILESTONE, offset_days=1).kind_key == "milestone-1"
