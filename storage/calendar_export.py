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
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    and_,
    case,
    func,
    null,
    or_,
    type_coerce,
)
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.actions import OPEN_VALUES
from storage.meetings import meeting_view
from storage.milestones import milestone_view
from storage.models import (
    Action,
    ActionOwner,
    Cluster,
    DeadlinePrecision,
    Meeting,
    Milestone,
    OwnerKind,
    Status,
)
from storage.views import (
    ActionView,
    DeadlineValue,
    MeetingView,
    MilestoneView,
    OwnerView,
)

RECENTLY_ENDED = timedelta(days=90)
# Read a day wider than needed, then kept by each cluster's own local today.
_ONE_DAY = timedelta(days=1)

_COLUMNS: tuple[Any, ...] = (
    Action.id,
    Action.cluster_id,
    Action.meeting_id,
    Action.description,
    type_coerce(Action.due_at, String),
    Action.deadline_precision,
    Action.deadline_label,
    Action.deadline_text,
    Action.meeting_offset_days,
    Action.status,
    type_coerce(Action.created_at, String),
    type_coerce(Action.updated_at, String),
    # A meeting moved moves the deadlines tied to it without touching updated_at: then
    # when it was set is the last change (else NULL: no datetime to read for nothing).
    type_coerce(
        case(
            (
                and_(
                    col(Action.deadline_precision) == DeadlinePrecision.MEETING.value,
                    col(Action.deadline_set_at) > col(Action.updated_at),
                ),
                col(Action.deadline_set_at),
            ),
            else_=null(),
        ),
        String,
    ),
    type_coerce(Meeting.starts_at, String),
)
_OWNER_COLUMNS: tuple[Any, ...] = (
    ActionOwner.action_id,
    ActionOwner.kind,
    ActionOwner.label,
    ActionOwner.organisation_id,
    ActionOwner.member_id,
    ActionOwner.unknown,
)
# Values to members by dictionary: calling the enum for each of thousands of rows shows.
_STATUSES = {s.value: s for s in Status}
_PRECISIONS = {p.value: p for p in DeadlinePrecision}
_KINDS = {k.value: k for k in OwnerKind}


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
    """Plain columns through Core, soonest first: 20,000 ORM rows and their loading took
    most of the whole database's calendar (bench/exports.py)."""
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
    connection = session.connection()
    rows = connection.execute(
        sa_select(*_COLUMNS)
        .outerjoin(Meeting, col(Meeting.id) == col(Action.meeting_id))
        .where(*conditions)
        .order_by(col(Action.due_at), col(Action.id))
    ).all()
    if not rows:
        return ()
    owners = _owners(connection, sa_select(col(Action.id)).where(*conditions))
    none: tuple[OwnerView, ...] = ()
    moments = _Moments()
    # Many actions share a deadline: one view each, which the writer's caches then find at once.
    deadlines: dict[tuple[Any, ...], DeadlineValue] = {}
    found = []
    for (
        action_id,
        cluster_id,
        meeting_id,
        description,
        due_at,
        precision,
        label,
        said,
        offset,
        status,
        created_at,
        updated_at,
        moved_at,
        meeting_starts_at,
    ) in rows:
        due_at = moments[due_at]
        created_at = moments[created_at]
        updated_at = moments[updated_at]
        key = (due_at, precision, label, said, offset)
        deadline = deadlines.get(key)
        if deadline is None:
            deadline = deadlines[key] = DeadlineValue(
                due_at, _PRECISIONS[precision], label, said, offset
            )
        view = ActionView(
            action_id,
            cluster_id,
            "",
            description,
            owners.get(action_id, none),
            deadline,
            _STATUSES[status],
            created_at,
            updated_at,
            meeting_id,
            None if meeting_starts_at is None else moments[meeting_starts_at],
        )
        found.append(CalendarAction(view, updated_at if moved_at is None else moments[moved_at]))
    return tuple(found)


class _Moments(dict[Any, datetime]):
    """The datetimes of the rows, read as the driver gives them (SQLite: their text, which
    storage.db.UTCDateTime would parse one by one) and parsed once each: aware, UTC. The
    same instant in another column is the same object."""

    def __missing__(self, value: str | datetime) -> datetime:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
        self[value] = moment
        return moment


def _owners(
    connection: Connection, matching: Select[int | None]
) -> dict[int, tuple[OwnerView, ...]]:
    """Each action's owners in order; the same owner (an organisation owns hundreds of
    actions) is one view."""
    views: dict[tuple[Any, ...], OwnerView] = {}
    lists: dict[int, list[OwnerView]] = {}
    for action_id, *owner in connection.execute(
        sa_select(*_OWNER_COLUMNS)
        .where(col(ActionOwner.action_id).in_(matching))
        .order_by(col(ActionOwner.action_id), col(ActionOwner.position))
    ).all():
        key = tuple(owner)
        view = views.get(key)
        if view is None:
            kind, label, organisation_id, member_id, unknown = key
            view = views[key] = OwnerView(
                _KINDS[kind], label, organisation_id, member_id, bool(unknown)
            )
        lists.setdefault(action_id, []).append(view)
    return {action_id: tuple(found) for action_id, found in lists.items()}


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
