"""Meetings, and the deadlines that hang on the next one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from storage.models import OPEN_STATUSES, Action, DeadlinePrecision, Meeting
from storage.views import DeadlineValue, MeetingView


def meeting_view(meeting: Meeting) -> MeetingView:
    assert meeting.id is not None
    return MeetingView(
        id=meeting.id,
        cluster_id=meeting.cluster_id,
        starts_at=meeting.starts_at,
        has_time=meeting.has_time,
        place=meeting.place,
        agenda=meeting.agenda,
        updated_at=meeting.updated_at,
    )


def _next(session: Session, cluster_id: int, now: datetime) -> Meeting | None:
    return session.exec(
        select(Meeting)
        .where(
            Meeting.cluster_id == cluster_id,
            col(Meeting.starts_at) >= now,
            col(Meeting.cancelled_at).is_(None),
        )
        .order_by(col(Meeting.starts_at), col(Meeting.id))
    ).first()


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """A local day as the UTC instants it starts and ends."""
    starts = datetime.combine(day, time(0, 0), tzinfo=tz).astimezone(UTC)
    ends = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=tz).astimezone(UTC)
    return starts, ends


def meeting_of_day(
    *, session: Session, cluster_id: int, day: date, tz: ZoneInfo, at: datetime | None = None
) -> Meeting | None:
    """The cluster's meeting on that local day, not cancelled. With several (one held at 9h,
    the next set for 15h), the one under way `at` that instant: the last begun by then, else
    the first to come; with no instant, the earliest."""
    starts, ends = day_bounds(day, tz)
    meetings = session.exec(
        select(Meeting)
        .where(
            Meeting.cluster_id == cluster_id,
            col(Meeting.starts_at) >= starts,
            col(Meeting.starts_at) < ends,
            col(Meeting.cancelled_at).is_(None),
        )
        .order_by(col(Meeting.starts_at), col(Meeting.id))
    ).all()
    begun = [m for m in meetings if at is not None and m.starts_at <= at]
    if begun:
        return begun[-1]
    return meetings[0] if meetings else None


def meeting_of_today(
    *, session: Session, cluster_id: int, now: datetime, tz: ZoneInfo
) -> MeetingView | None:
    """The cluster's meeting of today's local date (begun or not), not cancelled: the one
    under way when the day has several."""
    meeting = meeting_of_day(
        session=session, cluster_id=cluster_id, day=now.astimezone(tz).date(), tz=tz, at=now
    )
    return meeting_view(meeting) if meeting is not None else None


def last_held(*, session: Session, cluster_id: int, before: datetime) -> Meeting | None:
    """The latest meeting that began before `before` and was not cancelled."""
    return session.exec(
        select(Meeting)
        .where(
            Meeting.cluster_id == cluster_id,
            col(Meeting.starts_at) < before,
            col(Meeting.cancelled_at).is_(None),
        )
        .order_by(col(Meeting.starts_at).desc(), col(Meeting.id).desc())
    ).first()


def upcoming(*, session: Session, cluster_id: int, now: datetime) -> Meeting | None:
    """The cluster's next meeting, not begun by `now` and not cancelled."""
    return _next(session, cluster_id, now)


def next_meeting(*, session: Session, cluster_id: int, now: datetime) -> MeetingView | None:
    meeting = _next(session, cluster_id, now)
    return meeting_view(meeting) if meeting else None


def meeting_due(meeting_starts_at: datetime, days_before: int) -> datetime:
    """A deadline `days_before` days before a meeting is due when that day's meeting starts."""
    return meeting_starts_at - timedelta(days=days_before)


def meeting_deadline(
    *, session: Session, cluster_id: int, days_before: int, text: str, now: datetime
) -> DeadlineValue | None:
    """The deadline tied to the next meeting, or None when no next meeting is set."""
    meeting = _next(session, cluster_id, now)
    if meeting is None:
        return None
    return DeadlineValue(
        due_at=meeting_due(meeting.starts_at, days_before),
        precision=DeadlinePrecision.MEETING,
        text=text,
        meeting_offset_days=days_before,
    )


@dataclass(frozen=True)
class MeetingChange:
    """What setting (or moving) the next meeting did."""

    previous: MeetingView | None  # the next meeting as it was; None when there was none
    meeting: MeetingView
    followed: int  # open actions whose deadline follows it ("avant la prochaine réunion")


def _tied_to(session: Session, cluster_id: int, meeting: Meeting | None) -> list[Action]:
    """Open actions waiting on `meeting`: dated from it, or waiting for a date since the last
    one was cancelled. An action tied to a meeting already held keeps its date (and stays
    late): the next meeting set later is not the one it was asked for."""
    candidates = session.exec(
        select(Action).where(
            Action.cluster_id == cluster_id,
            Action.deadline_precision == DeadlinePrecision.MEETING.value,
            col(Action.status).in_([s.value for s in OPEN_STATUSES]),
        )
    ).all()
    return [
        a
        for a in candidates
        if a.due_at is None
        or (
            meeting is not None
            and a.due_at == meeting_due(meeting.starts_at, a.meeting_offset_days or 0)
        )
    ]


def schedule_next_meeting(
    *,
    session: Session,
    cluster_id: int,
    starts_at: datetime,
    has_time: bool,
    place: str | None,
    now: datetime,
) -> MeetingChange:
    """Set (or move) the cluster's next meeting; every deadline tied to it follows, and those
    left waiting by a cancelled meeting are dated from this one. A place of None keeps it."""
    meeting = _next(session, cluster_id, now)
    previous = meeting_view(meeting) if meeting is not None else None
    tied = _tied_to(session, cluster_id, meeting)
    if meeting is None:
        meeting = Meeting(
            cluster_id=cluster_id, starts_at=starts_at, created_at=now, updated_at=now
        )
    meeting.starts_at = starts_at
    meeting.updated_at = now
    meeting.has_time = has_time
    if place is not None:
        meeting.place = place
    session.add(meeting)
    for action in tied:
        action.due_at = meeting_due(starts_at, action.meeting_offset_days or 0)
        action.deadline_set_at = now
        session.add(action)
    session.flush()
    return MeetingChange(previous=previous, meeting=meeting_view(meeting), followed=len(tied))


@dataclass(frozen=True)
class MeetingCancellation:
    meeting: MeetingView  # as it was before it was cancelled
    waiting: int  # open actions tied to it, now waiting for the next meeting's date


def cancel_next_meeting(
    *, session: Session, cluster_id: int, meeting_id: int, now: datetime
) -> MeetingCancellation | None:
    """Cancel the next meeting if it is still `meeting_id` (None otherwise: it was moved to
    another row, held or cancelled meanwhile). Its tied deadlines lose their date and wait
    for the next meeting set, which dates them again."""
    meeting = _next(session, cluster_id, now)
    if meeting is None or meeting.id != meeting_id:
        return None
    tied = _tied_to(session, cluster_id, meeting)
    meeting.cancelled_at = now
    session.add(meeting)
    for action in tied:
        action.due_at = None
        action.deadline_set_at = now
        session.add(action)
    session.flush()
    return MeetingCancellation(meeting=meeting_view(meeting), waiting=len(tied))


def set_meeting_agenda(
    *, session: Session, cluster_id: int, agenda: str | None, now: datetime
) -> MeetingView | None:
    """Replace the next meeting's agenda (None clears it); None when no meeting is set."""
    meeting = _next(session, cluster_id, now)
    if meeting is None:
        return None
    meeting.agenda = agenda
    session.add(meeting)
    session.flush()
    return meeting_view(meeting)


def next_meetings(
    *, session: Session, cluster_ids: Sequence[int], now: datetime
) -> dict[int, MeetingView]:
    """The next meeting of each of these clusters that has one, by cluster id."""
    found: dict[int, MeetingView] = {}
    for cluster_id in cluster_ids:
        meeting = _next(session, cluster_id, now)
        if meeting is not None:
            found[cluster_id] = meeting_view(meeting)
    return found
