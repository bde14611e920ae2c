"""Every meeting of a cluster as a record: held, to come or cancelled, with what it produced.

"Held" is derived, never stored: a meeting that began and was not cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.actions import OPEN_VALUES
from storage.meetings import meeting_view
from storage.models import (
    Action,
    ActionEvent,
    Attendance,
    AttendanceStatus,
    Decision,
    EventKind,
    Meeting,
    Status,
)
from storage.views import MeetingView


@dataclass(frozen=True)
class MeetingRecord:
    meeting: MeetingView
    cancelled: bool
    held: bool  # began, and was not cancelled
    created: int  # actions created at it
    done: int  # of those, done since
    open: int  # of those, still open
    decisions: int
    participants: int  # attendance recorded as present
    reported: int = 0  # actions whose status was reported at it (a review, typically)


def meeting_records(
    *, session: Session, cluster_id: int, now: datetime, limit: int
) -> tuple[list[MeetingRecord], int]:
    """The cluster's newest `limit` meetings, newest first, with their counts; and how many
    meetings it has in all. Six statements, whatever the number of meetings."""
    total = int(
        session.exec(
            select(func.count()).select_from(Meeting).where(Meeting.cluster_id == cluster_id)
        ).one()
    )
    meetings = session.exec(
        select(Meeting)
        .where(Meeting.cluster_id == cluster_id)
        .order_by(col(Meeting.starts_at).desc(), col(Meeting.id).desc())
        .limit(limit)
    ).all()
    ids = [m.id for m in meetings]
    if not ids:
        return [], total
    by_status: dict[int, dict[str, int]] = {}
    for meeting_id, status, count in session.exec(
        select(Action.meeting_id, Action.status, func.count())
        .where(col(Action.meeting_id).in_(ids))
        .group_by(col(Action.meeting_id), col(Action.status))
    ).all():
        assert meeting_id is not None
        by_status.setdefault(meeting_id, {})[status] = int(count)
    decisions = dict(
        session.exec(
            select(Decision.meeting_id, func.count())
            .where(col(Decision.meeting_id).in_(ids))
            .group_by(col(Decision.meeting_id))
        ).all()
    )
    present = dict(
        session.exec(
            select(Attendance.meeting_id, func.count())
            .where(
                col(Attendance.meeting_id).in_(ids),
                Attendance.status == AttendanceStatus.PRESENT.value,
            )
            .group_by(col(Attendance.meeting_id))
        ).all()
    )
    reported = dict(
        session.exec(
            select(ActionEvent.meeting_id, func.count(func.distinct(ActionEvent.action_id)))
            .where(
                col(ActionEvent.meeting_id).in_(ids),
                ActionEvent.kind == EventKind.STATUS.value,
            )
            .group_by(col(ActionEvent.meeting_id))
        ).all()
    )
    records = []
    for m in meetings:
        assert m.id is not None
        counts = by_status.get(m.id, {})
        records.append(
            MeetingRecord(
                meeting=meeting_view(m),
                cancelled=m.cancelled_at is not None,
                held=m.cancelled_at is None and m.starts_at <= now,
                created=sum(counts.values()),
                done=counts.get(Status.DONE.value, 0),
                open=sum(n for s, n in counts.items() if s in OPEN_VALUES),
                decisions=int(decisions.get(m.id, 0)),
                participants=int(present.get(m.id, 0)),
                reported=int(reported.get(m.id, 0)),
            )
        )
    return records, total
