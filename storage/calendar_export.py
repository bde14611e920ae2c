"""What a calendar file holds (/calendrier): the coming meetings, milestones and the deadlines
of open actions of some clusters, as frozen views.

A calendar that imports the file again updates the events it already has (same UID) but
never deletes one that is simply left out of the new file. So what ended recently comes
back once more, marked cancelled: an action closed, a meeting or a milestone cancelled in
the last RECENTLY_ENDED days. Older ones are left out: whoever imported them has long seen
them pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import Session, col, select

from storage.actions import OPEN_VALUES, select_views
from storage.meetings import meeting_view
from storage.milestones import milestone_view
from storage.models import Action, Cluster, DeadlinePrecision, Meeting, Milestone
from storage.views import ActionView, MeetingView, MilestoneView

RECENTLY_ENDED = timedelta(days=90)
# Read a day wider than needed, then kept by each cluster's own local today.
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class CalendarAction:
    action: ActionView
    # Its last change, deadline moves with its meeting included: the event's revision.
    changed_at: datetime


@dataclass(frozen=True)
class CalendarMeeting:
    meeting: MeetingView
    created_at: datetime
    cancelled_at: datetime | None = None

    @property
    def changed_at(self) -> datetime:
        changes = [self.meeting.updated_at or self.created_at, self.cancelled_at or self.created_at]
        return max(changes)


@dataclass(frozen=True)
class CalendarMilestone:
    milestone: MilestoneView
    cancelled_at: datetime | None = None

    @property
    def changed_at(self) -> datetime:
        return max(self.milestone.updated_at, self.cancelled_at or self.milestone.updated_at)


@dataclass(frozen=True)
class CalendarExport:
    """Soonest first in each list. Actions: open with a date, and closed recently;
    meetings and milestones: from today on, cancelled recently included."""

    actions: tuple[CalendarAction, ...]
    meetings: tuple[CalendarMeeting, ...]
    milestones: tuple[CalendarMilestone, ...]
    undated: int  # open actions with no date: not in a calendar


def calendar_export(
    *,
    session: Session,
    cluster_ids: Sequence[int],
    now: datetime,
    action_ids: Sequence[int] | None = None,
) -> CalendarExport:
    """What the calendar of these clusters holds at `now`; `action_ids` (an organisation's
    part) narrows the actions, never the meetings and milestones every member attends."""
    if not cluster_ids:
        return CalendarExport((), (), (), 0)
    zones: dict[int, ZoneInfo] = {
        cluster_id: ZoneInfo(zone)
        for cluster_id, zone in session.exec(
            select(Cluster.id, Cluster.timezone).where(col(Cluster.id).in_(cluster_ids))
        ).all()
        if cluster_id is not None
    }
    today = {cluster_id: now.astimezone(tz).date() for cluster_id, tz in zones.items()}
    ended_since = now - RECENTLY_ENDED
    return CalendarExport(
        actions=_actions(session, cluster_ids, action_ids, ended_since),
        meetings=_meetings(session, cluster_ids, now, ended_since, zones, today),
        milestones=_milestones(session, cluster_ids, now, ended_since, zones, today),
        undated=_undated(session, cluster_ids, action_ids),
    )


def _of_actions(
    cluster_ids: Sequence[int], action_ids: Sequence[int] | None
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [col(Action.cluster_id).in_(cluster_ids)]
    if action_ids is not None:
        conditions.append(col(Action.id).in_(action_ids))
    return conditions


def _actions(
    session: Session,
    cluster_ids: Sequence[int],
    action_ids: Sequence[int] | None,
    ended_since: datetime,
) -> tuple[CalendarAction, ...]:
    if action_ids is not None and not action_ids:
        return ()
    conditions = [
        *_of_actions(cluster_ids, action_ids),
        col(Action.due_at).is_not(None),
        or_(
            col(Action.status).in_(OPEN_VALUES),
            and_(col(Action.status).not_in(OPEN_VALUES), col(Action.updated_at) >= ended_since),
        ),
    ]
    views = select_views(session, *conditions)
    # A meeting moved moves the deadlines tied to it without touching updated_at.
    tied = col(Action.deadline_precision) == DeadlinePrecision.MEETING.value
    deadline_set = dict(
        session.exec(select(Action.id, Action.deadline_set_at).where(*conditions, tied)).all()
    )
    found = [
        CalendarAction(view, max(view.updated_at, deadline_set.get(view.id, view.updated_at)))
        for view in views
    ]
    found.sort(key=lambda a: (a.action.deadline.due_at or ended_since, a.action.id))
    return tuple(found)


def _undated(session: Session, cluster_ids: Sequence[int], action_ids: Sequence[int] | None) -> int:
    if action_ids is not None and not action_ids:
        return 0
    query = (
        select(func.count())
        .select_from(Action)
        .where(
            *_of_actions(cluster_ids, action_ids),
            col(Action.due_at).is_(None),
            col(Action.status).in_(OPEN_VALUES),
        )
    )
    return int(session.exec(query).one())


def _meetings(
    session: Session,
    cluster_ids: Sequence[int],
    now: datetime,
    ended_since: datetime,
    zones: dict[int, ZoneInfo],
    today: dict[int, date],
) -> tuple[CalendarMeeting, ...]:
    rows = session.exec(
        select(Meeting)
        .where(
            col(Meeting.cluster_id).in_(cluster_ids),
            col(Meeting.starts_at) >= now - _ONE_DAY,
            or_(col(Meeting.cancelled_at).is_(None), col(Meeting.cancelled_at) >= ended_since),
        )
        .order_by(col(Meeting.starts_at), col(Meeting.id))
    ).all()
    return tuple(
        CalendarMeeting(meeting_view(m), m.created_at, m.cancelled_at)
        for m in rows
        if m.starts_at.astimezone(zones[m.cluster_id]).date() >= today[m.cluster_id]
    )


def _milestones(
    session: Session,
    cluster_ids: Sequence[int],
    now: datetime,
    ended_since: datetime,
    zones: dict[int, ZoneInfo],
    today: dict[int, date],
) -> tuple[CalendarMilestone, ...]:
    rows = session.exec(
        select(Milestone)
        .where(
            col(Milestone.cluster_id).in_(cluster_ids),
            col(Milestone.due_at) >= now - _ONE_DAY,
            or_(
                col(Milestone.cancelled_at).is_(None),
                col(Milestone.cancelled_at) >= ended_since,
            ),
        )
        .order_by(col(Milestone.due_at), col(Milestone.id))
    ).all()
    return tuple(
        CalendarMilestone(milestone_view(m), m.cancelled_at)
        for m in rows
        if m.due_at.astimezone(zones[m.cluster_id]).date() >= today[m.cluster_id]
    )
