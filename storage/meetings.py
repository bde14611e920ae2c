"""Meetings, and the deadlines that hang on the next one."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from storage.models import OPEN_STATUSES, Action, DeadlinePrecision, Meeting
from storage.views import DeadlineValue, MeetingView


def _view(meeting: Meeting) -> MeetingView:
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
        .order_by(col(Meeting.starts_at))
    ).first()


def next_meeting(*, session: Session, cluster_id: int, now: datetime) -> MeetingView | None:
    meeting = _next(session, cluster_id, now)
    return _view(meeting) if meeting else None


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


def set_next_meeting(
    *,
    session: Session,
    cluster_id: int,
    starts_at: datetime,
    has_time: bool,
    place: str | None,
    now: datetime,
) -> MeetingView:
    """Set (or move) the cluster's next meeting; every deadline tied to it follows."""
    meeting = _next(session, cluster_id, now)
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
    tied = session.exec(
        select(Action).where(
            Action.cluster_id == cluster_id,
            Action.deadline_precision == DeadlinePrecision.MEETING.value,
            col(Action.status).in_([s.value for s in OPEN_STATUSES]),
        )
    ).all()
    for action in tied:
        action.due_at = meeting_due(starts_at, action.meeting_offset_days or 0)
        action.deadline_set_at = now
        session.add(action)
    session.flush()
    return _view(meeting)
