"""The follow-up that opens every meeting: the open actions of the earlier meetings, by the
meeting they came from, with what changed since the last one.

"The meeting it is for" is the cluster's meeting of today (begun or not; of two on one
day, the latest begun), else its next one; "the last meeting" is the latest one held before
that day (before it began, for the second meeting of a day). The actions reviewed are
those still open that were created before the meeting it is for began: what this meeting
creates is its own business, reviewed at the next one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from storage.actions import OPEN_VALUES, get_actions, select_views
from storage.meetings import last_held, meeting_of_day, meeting_view, upcoming
from storage.models import Action, ActionEvent, Cluster, EventKind, Meeting, Status
from storage.parts import Parts, parts_of_views
from storage.views import ActionView, MeetingView


@dataclass(frozen=True)
class FollowUpGroup:
    meeting: MeetingView | None  # None: actions logged between meetings (/action)
    # Read whole for the first `detail_limit` actions of the follow-up only (all by default).
    actions: tuple[ActionView, ...]
    action_ids: tuple[int, ...]  # every action of the group, in order


@dataclass(frozen=True)
class FollowUp:
    cluster_id: int
    meeting: MeetingView | None  # the meeting it is for; None when none is set
    last: MeetingView | None  # the last meeting held before it
    # Newest meeting first; the actions logged between meetings come last.
    groups: tuple[FollowUpGroup, ...]
    last_comments: dict[int, str]  # by action id: the latest comment, when there is one
    done_since: int  # actions done since the last meeting began
    late: int  # of the actions reviewed
    new: int  # actions added since the last meeting began, not at it (and before this one)
    # By action id: the organisations' parts of the shared actions reviewed.
    parts: Mapping[int, Parts] = field(default_factory=dict)

    @property
    def actions(self) -> tuple[ActionView, ...]:
        """The actions read whole, in order: every one unless a `detail_limit` was given."""
        return tuple(a for g in self.groups for a in g.actions)

    @property
    def action_ids(self) -> tuple[int, ...]:
        """Every action reviewed, in order."""
        return tuple(i for g in self.groups for i in g.action_ids)


def _day_start(moment: datetime, tz: ZoneInfo) -> datetime:
    local = moment.astimezone(tz).date()
    return datetime.combine(local, time(0, 0), tzinfo=tz).astimezone(UTC)


def meeting_for(
    *, session: Session, cluster_id: int, now: datetime, tz: ZoneInfo
) -> Meeting | None:
    """Today's meeting (the one under way when the day has several, begun or not), else the
    next one: the same meeting a decision, a vote or attendance typed now belongs to."""
    today = meeting_of_day(
        session=session, cluster_id=cluster_id, day=now.astimezone(tz).date(), tz=tz, at=now
    )
    return today if today is not None else upcoming(session=session, cluster_id=cluster_id, now=now)


def last_meeting_before(
    *, session: Session, cluster_id: int, before: datetime, tz: ZoneInfo
) -> Meeting | None:
    """The latest meeting held on a day before the one of `before`."""
    return last_held(session=session, cluster_id=cluster_id, before=_day_start(before, tz))


_LATEST_COMMENT = (
    sa_select(col(ActionEvent.new_value))
    .where(
        col(ActionEvent.action_id) == bindparam("action_id"),
        col(ActionEvent.kind) == EventKind.COMMENT.value,
    )
    .order_by(col(ActionEvent.id).desc())
    .limit(1)
)


def latest_comments(
    *, session: Session, action_ids: list[int], among: SelectOfScalar[Any] | None = None
) -> dict[int, str]:
    """The latest comment of each of these actions that has one; `among`, a query of the
    same ids, spares a parameter per id when there are hundreds."""
    if not action_ids:
        return {}
    session.flush()
    connection = session.connection()
    if len(action_ids) == 1 and among is None:
        # A card, a review's item: one prebuilt statement, read off (action, kind).
        [action_id] = action_ids
        text = connection.execute(_LATEST_COMMENT, {"action_id": action_id}).scalar()
        return {action_id: text} if text else {}
    chosen = col(ActionEvent.action_id).in_(among if among is not None else action_ids)
    latest = (
        sa_select(col(ActionEvent.action_id), func.max(ActionEvent.id).label("last"))
        .where(chosen, col(ActionEvent.kind) == EventKind.COMMENT.value)
        .group_by(col(ActionEvent.action_id))
        .subquery()
    )
    rows = connection.execute(
        sa_select(col(ActionEvent.action_id), col(ActionEvent.new_value)).join(
            latest, col(ActionEvent.id) == latest.c.last
        )
    )
    return {action_id: text for action_id, text in rows if text}


def follow_up(
    *,
    session: Session,
    cluster_id: int,
    now: datetime,
    tz: ZoneInfo,
    detail_limit: int | None = None,
) -> FollowUp:
    """The follow-up of the meeting it is for. Its last comments and parts are read for the
    first `detail_limit` actions in its order only (a page of /suivi shows no more); None:
    for all of them (a review walks every one)."""
    meeting = meeting_for(session=session, cluster_id=cluster_id, now=now, tz=tz)
    # What the meeting created is reviewed at the next one: the actions created before it
    # began. A meeting with no hour "begins" at midnight: those logged that morning count.
    started = meeting is not None and meeting.has_time and meeting.starts_at <= now
    cutoff = meeting.starts_at if started and meeting is not None else now
    # Before it begins, everything logged up to this instant (this very second too).
    created = col(Action.created_at) < cutoff if started else col(Action.created_at) <= cutoff
    if meeting is not None and meeting.has_time:
        # The morning's meeting is the last one of the afternoon's, the same day.
        last = last_held(session=session, cluster_id=cluster_id, before=meeting.starts_at)
    else:
        last = last_meeting_before(
            session=session,
            cluster_id=cluster_id,
            before=meeting.starts_at if meeting is not None else now + timedelta(days=1),
            tz=tz,
        )
    conditions = (
        col(Action.cluster_id) == cluster_id,
        col(Action.status).in_(OPEN_VALUES),
        created,
    )
    reviewed = select(Action.id).where(*conditions)
    views: list[ActionView] | None = None
    if detail_limit is None:
        cluster = session.get(Cluster, cluster_id)
        name = (cluster.short_name or cluster.name) if cluster is not None else ""
        views = select_views(session, *conditions, cluster_name=name)
        rows = [(v.id, v.meeting_id, v.is_late(now)) for v in views]
    else:
        # A page of /suivi shows a few actions of hundreds: the others are only counted and
        # placed, from two plain columns and whether it is late, said by the database (at
        # 200,000 actions, building every view was 0.3 s of a /suivi; bench/commands.py).
        is_late = func.coalesce(col(Action.due_at) < now, False)
        narrow = sa_select(col(Action.id), col(Action.meeting_id), is_late)
        session.flush()
        found = session.connection().execute(narrow.where(*conditions).order_by(col(Action.id)))
        rows = [(i, m, bool(late)) for i, m, late in found if i is not None]
    by_meeting: dict[int | None, list[int]] = {}
    for action_id, meeting_id, _late in rows:
        by_meeting.setdefault(meeting_id, []).append(action_id)
    meetings = {
        m.id: m
        for m in session.exec(
            select(Meeting).where(col(Meeting.id).in_([k for k in by_meeting if k is not None]))
        ).all()
    }
    dated = sorted(
        (k for k in by_meeting if k is not None and k in meetings),
        key=lambda k: (meetings[k].starts_at, k),
        reverse=True,
    )
    placed: list[tuple[MeetingView | None, list[int]]] = [
        (meeting_view(meetings[k]), by_meeting[k]) for k in dated
    ]
    loose = sorted(
        i for k, ids in by_meeting.items() if k is None or k not in meetings for i in ids
    )
    if loose:
        placed.append((None, loose))
    ordered = [i for _, ids in placed for i in ids]
    if views is None:
        chosen = ordered if detail_limit is None else ordered[:detail_limit]
        views = list(get_actions(session=session, action_ids=chosen).values())
    by_id = {v.id: v for v in views}
    groups = [
        FollowUpGroup(m, tuple(by_id[i] for i in ids if i in by_id), tuple(ids))
        for m, ids in placed
    ]
    detailed = [by_id[i] for i in ordered if i in by_id]
    since = last.starts_at if last is not None else None
    done_since = 0
    new = 0
    last_id = last.id if last is not None else None
    if since is not None:
        done_since = int(
            session.exec(
                select(func.count(func.distinct(ActionEvent.action_id)))
                .join(Action, col(Action.id) == col(ActionEvent.action_id))
                .where(
                    Action.cluster_id == cluster_id,
                    Action.status == Status.DONE.value,
                    ActionEvent.kind == EventKind.STATUS,
                    ActionEvent.new_value == Status.DONE.value,
                    col(ActionEvent.organisation_id).is_(None),
                    col(ActionEvent.at) >= since,
                )
            ).one()
        )
        new = int(
            session.exec(
                select(func.count())
                .select_from(Action)
                .where(
                    Action.cluster_id == cluster_id,
                    col(Action.created_at) >= since,
                    created,
                    # The last meeting's own actions, even logged days after it, are what
                    # this meeting reviews, not news.
                    or_(col(Action.meeting_id).is_(None), col(Action.meeting_id) != last_id),
                )
            ).one()
        )
    return FollowUp(
        cluster_id=cluster_id,
        meeting=meeting_view(meeting) if meeting is not None else None,
        last=meeting_view(last) if last is not None else None,
        groups=tuple(groups),
        last_comments=latest_comments(
            session=session,
            action_ids=[a.id for a in detailed],
            among=reviewed if detail_limit is None else None,
        ),
        done_since=done_since,
        late=sum(1 for _i, _m, late in rows if late),
        new=new,
        parts=parts_of_views(session=session, views=detailed),
    )
