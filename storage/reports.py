"""One held meeting as its minutes report it (/compte_rendu): who came, what was followed
up and how it stood when the meeting ended, what it decided, what it created, when the
next one is.

"As it stood when the meeting ended" is read from the history, not from today's values:
the changes made up to the end of the meeting, and those said at it (``meeting_id``) even
when typed later, count; what happened since does not. The end of a meeting is the end of
its review when it had one (now, while the review goes on), else the end of its local day
(or the start of the next meeting that day, or now).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.actions import OPEN_VALUES, deadline_from_history, select_views
from storage.attendance import AttendanceView, meeting_attendance
from storage.clusters import get_cluster
from storage.decisions import DecisionView, decision_view
from storage.directory import name_key
from storage.meetings import day_bounds, meeting_of_day, meeting_view
from storage.models import (
    Action,
    ActionEvent,
    AttendanceStatus,
    Decision,
    EventKind,
    Meeting,
    Member,
    Organisation,
    Review,
    Status,
)
from storage.parts import Parts, parts_of_views
from storage.views import ActionView, ClusterView, DeadlineValue, MeetingView, OwnerView


@dataclass(frozen=True)
class ReportedPart:
    """One organisation's part of a shared action, as it stood."""

    acronym: str
    status: Status


@dataclass(frozen=True)
class FollowedAction:
    """A row of "Suivi des recommandations de la réunion précédente"."""

    action_id: int
    description: str
    owners: tuple[OwnerView, ...]
    deadline: DeadlineValue  # as it stood at the end of the meeting
    status: Status  # idem
    parts: tuple[ReportedPart, ...]  # a shared action's organisations; () otherwise
    # The comments said at the meeting, else the latest one made before it ended.
    comments: tuple[str, ...]


@dataclass(frozen=True)
class NewAction:
    """A row of the meeting's "Points d'action": an action it created."""

    action_id: int
    description: str
    owners: tuple[OwnerView, ...]
    deadline: DeadlineValue  # as it stood at the end of the meeting


@dataclass(frozen=True)
class ReportParticipant:
    organisation: str | None  # the acronym when known, else as written
    name: str | None  # None: the organisation was marked present, no one named
    function: str | None


@dataclass(frozen=True)
class MinutesReport:
    cluster: ClusterView
    meeting: MeetingView
    participants: tuple[ReportParticipant, ...]
    excused: tuple[str, ...]  # organisations (and people) excused, as the list names them
    follow_up: tuple[FollowedAction, ...]
    decisions: tuple[DecisionView, ...]
    new_actions: tuple[NewAction, ...]
    next_meeting: MeetingView | None  # the first one set after it, not cancelled
    reviewed: bool  # a review was walked at it

    @property
    def empty(self) -> bool:
        """Nothing to put in minutes: no one recorded, nothing followed, decided or created."""
        return not (self.participants or self.follow_up or self.decisions or self.new_actions)


# --- Which meeting -----------------------------------------------------------------------------


def _held(cluster_id: int, now: datetime) -> tuple[ColumnElement[bool], ...]:
    return (
        col(Meeting.cluster_id) == cluster_id,
        col(Meeting.starts_at) <= now,
        col(Meeting.cancelled_at).is_(None),
    )


def last_held_meeting(*, session: Session, cluster_id: int, now: datetime) -> MeetingView | None:
    """The latest meeting begun by now and not cancelled: the one under way, else the last."""
    found = session.exec(
        select(Meeting)
        .where(*_held(cluster_id, now))
        .order_by(col(Meeting.starts_at).desc(), col(Meeting.id).desc())
    ).first()
    return meeting_view(found) if found is not None else None


def held_meeting_on(
    *, session: Session, cluster_id: int, day: date, tz: ZoneInfo, now: datetime
) -> MeetingView | None:
    """The meeting held on that local day (the one under way now, or the last begun)."""
    found = meeting_of_day(session=session, cluster_id=cluster_id, day=day, tz=tz, at=now)
    if found is None or found.starts_at > now:
        return None
    return meeting_view(found)


def held_meetings(
    *, session: Session, cluster_id: int, now: datetime, limit: int
) -> list[MeetingView]:
    """The latest meetings held, newest first."""
    rows = session.exec(
        select(Meeting)
        .where(*_held(cluster_id, now))
        .order_by(col(Meeting.starts_at).desc(), col(Meeting.id).desc())
        .limit(limit)
    ).all()
    return [meeting_view(m) for m in rows]


def review_starter(*, session: Session, review_id: int) -> int | None:
    """The Telegram account of the coordinator who started a review, when known."""
    review = session.get(Review, review_id)
    if review is None or review.started_by_member_id is None:
        return None
    member = session.get(Member, review.started_by_member_id)
    return member.telegram_user_id if member is not None else None


@dataclass(frozen=True)
class NoReport:
    """No held meeting to report (none that day, or none yet): the latest held, newest first."""

    recent: tuple[MeetingView, ...]


RECENT_SHOWN = 5


def report_of(
    *, session: Session, cluster_id: int, day: date | None, tz: ZoneInfo, now: datetime
) -> MinutesReport | NoReport:
    """The report of the meeting held that local day, or with no day of the last one held
    (the one under way included); NoReport when there is none."""
    if day is None:
        meeting = last_held_meeting(session=session, cluster_id=cluster_id, now=now)
    else:
        meeting = held_meeting_on(session=session, cluster_id=cluster_id, day=day, tz=tz, now=now)
    report = (
        minutes_report(session=session, cluster_id=cluster_id, meeting_id=meeting.id, now=now)
        if meeting is not None
        else None
    )
    if report is None:
        recent = held_meetings(session=session, cluster_id=cluster_id, now=now, limit=RECENT_SHOWN)
        return NoReport(tuple(recent))
    return report


# --- The report --------------------------------------------------------------------------------


def minutes_report(
    *, session: Session, cluster_id: int, meeting_id: int, now: datetime
) -> MinutesReport | None:
    """What the minutes of that meeting report; None when it is not the cluster's. About
    twenty statements, whatever the number of actions."""
    meeting = session.get(Meeting, meeting_id)
    cluster = get_cluster(session=session, cluster_id=cluster_id)
    if meeting is None or cluster is None or meeting.cluster_id != cluster_id:
        return None
    view = meeting_view(meeting)
    reviews = session.exec(select(Review).where(Review.meeting_id == meeting_id)).all()
    ended = _ended_at(session, view, reviews, cluster.tz, now)
    reviewed = {int(i[0]) for r in reviews for i in r.items if i and i[0] is not None}
    candidates = _follow_up_candidates(session, view, reviewed)
    made = _created_candidates(session, view, ended)
    history = _History(session, [a.id for a in [*candidates, *made]], meeting_id)
    # Followed: reviewed at it, or open when it began; never its own actions.
    followed = [
        a for a in candidates if a.id in reviewed or history.status(a, view.starts_at).is_open
    ]
    created = [a for a in made if a.id not in {f.id for f in followed}]
    parts = parts_of_views(session=session, views=followed)
    participants, excused = _attendance(session, meeting_id)
    return MinutesReport(
        cluster=cluster,
        meeting=view,
        participants=participants,
        excused=excused,
        follow_up=tuple(_followed_row(a, parts.get(a.id), history, ended) for a in followed),
        decisions=_decisions(session, meeting_id),
        new_actions=tuple(
            NewAction(a.id, a.description, a.owners, history.deadline(a, ended)) for a in created
        ),
        next_meeting=_next_after(session, view),
        reviewed=bool(reviews),
    )


def _ended_at(
    session: Session,
    meeting: MeetingView,
    reviews: Sequence[Review],
    tz: ZoneInfo,
    now: datetime,
) -> datetime:
    if reviews:
        if any(r.ended_at is None for r in reviews):
            return now  # under way: as it stands
        return max(r.ended_at for r in reviews if r.ended_at is not None)
    _, day_end = day_bounds(meeting.starts_at.astimezone(tz).date(), tz)
    later = session.exec(
        select(Meeting.starts_at)
        .where(
            Meeting.cluster_id == meeting.cluster_id,
            col(Meeting.starts_at) > meeting.starts_at,
            col(Meeting.starts_at) < day_end,
            col(Meeting.cancelled_at).is_(None),
        )
        .order_by(col(Meeting.starts_at))
    ).first()
    return min(later or day_end, now)


def _follow_up_candidates(
    session: Session, meeting: MeetingView, reviewed: set[int]
) -> list[ActionView]:
    """The actions its review walked, and those created before it began that may have been
    open then: open now, or whose status changed since (the history tells)."""
    changed_since = select(ActionEvent.action_id).where(
        ActionEvent.kind == EventKind.STATUS.value,
        col(ActionEvent.organisation_id).is_(None),
        col(ActionEvent.at) >= meeting.starts_at,
    )
    return select_views(
        session,
        col(Action.cluster_id) == meeting.cluster_id,
        or_(col(Action.id).in_(reviewed), col(Action.created_at) < meeting.starts_at),
        or_(col(Action.meeting_id).is_(None), col(Action.meeting_id) != meeting.id),
        or_(
            col(Action.id).in_(reviewed),
            col(Action.status).in_(OPEN_VALUES),
            col(Action.id).in_(changed_since),
        ),
    )


def _created_candidates(
    session: Session, meeting: MeetingView, ended: datetime
) -> list[ActionView]:
    """The actions the meeting created: those imported from its minutes or made from its
    decisions, and those logged (/action) while it went on."""
    during = (
        col(Action.meeting_id).is_(None)
        & (col(Action.created_at) >= meeting.starts_at)
        & (col(Action.created_at) <= ended)
    )
    return select_views(
        session,
        col(Action.cluster_id) == meeting.cluster_id,
        or_(col(Action.meeting_id) == meeting.id, during),
    )


def _followed_row(
    action: ActionView, parts: Parts | None, history: _History, ended: datetime
) -> FollowedAction:
    reported = (
        tuple(
            ReportedPart(p.acronym, history.part_status(action.id, p.organisation_id, ended))
            for p in parts.parts
        )
        if parts is not None
        else ()
    )
    return FollowedAction(
        action_id=action.id,
        description=action.description,
        owners=action.owners,
        deadline=history.deadline(action, ended),
        status=history.status(action, ended),
        parts=reported,
        comments=history.comments(action.id, ended),
    )


@dataclass(frozen=True)
class _Event:
    at: datetime
    kind: str
    meeting_id: int | None
    organisation_id: int | None
    old: str | None
    new: str | None


_KINDS = [EventKind.STATUS.value, EventKind.DEADLINE.value, EventKind.COMMENT.value]


class _History:
    """The status, deadline, parts and comments of some actions as they stood at an
    instant: the changes made by then, and those said at the meeting whenever typed. Read
    once, as plain columns (ORM rows cost most of the time for hundreds of actions)."""

    def __init__(self, session: Session, action_ids: Sequence[int], meeting_id: int) -> None:
        self.meeting_id = meeting_id
        self.events: dict[int, list[_Event]] = defaultdict(list)
        ids = sorted(set(action_ids))
        for start in range(0, len(ids), 500):
            rows = session.execute(
                sa_select(
                    col(ActionEvent.action_id),
                    col(ActionEvent.at),
                    col(ActionEvent.kind),
                    col(ActionEvent.meeting_id),
                    col(ActionEvent.organisation_id),
                    col(ActionEvent.old_value),
                    col(ActionEvent.new_value),
                )
                .where(
                    col(ActionEvent.action_id).in_(ids[start : start + 500]),
                    col(ActionEvent.kind).in_(_KINDS),
                )
                .order_by(col(ActionEvent.at), col(ActionEvent.id))
            ).all()
            for action_id, at, kind, said_at, organisation_id, old, new in rows:
                self.events[action_id].append(_Event(at, kind, said_at, organisation_id, old, new))
        wanted = {
            e.organisation_id
            for events in self.events.values()
            for e in events
            if e.organisation_id is not None and e.kind == EventKind.COMMENT.value
        }
        self.acronyms: dict[int, str] = {}
        if wanted:
            found = session.execute(
                sa_select(col(Organisation.id), col(Organisation.acronym)).where(
                    col(Organisation.id).in_(wanted)
                )
            ).all()
            self.acronyms = {organisation_id: acronym for organisation_id, acronym in found}

    def _counts(self, event: _Event, until: datetime) -> bool:
        return event.at <= until or event.meeting_id == self.meeting_id

    def _of(self, action_id: int, kind: EventKind, organisation_id: int | None) -> list[_Event]:
        return [
            e
            for e in self.events.get(action_id, [])
            if e.kind == kind.value and e.organisation_id == organisation_id
        ]

    def status(self, action: ActionView, until: datetime) -> Status:
        changes = self._of(action.id, EventKind.STATUS, None)
        if not changes:
            return action.status
        status = _status(changes[0].old) or action.status
        for event in changes:
            if self._counts(event, until):
                status = _status(event.new) or status
        return status

    def part_status(self, action_id: int, organisation_id: int, until: datetime) -> Status:
        status = Status.TODO
        for event in self._of(action_id, EventKind.STATUS, organisation_id):
            if self._counts(event, until):
                status = _status(event.new) or status
        return status

    def deadline(self, action: ActionView, until: datetime) -> DeadlineValue:
        changes = self._of(action.id, EventKind.DEADLINE, None)
        if not changes:
            return action.deadline
        deadline = deadline_from_history(changes[0].old) or action.deadline
        for event in changes:
            if self._counts(event, until):
                deadline = deadline_from_history(event.new) or deadline
        return deadline

    def comments(self, action_id: int, until: datetime) -> tuple[str, ...]:
        every = [e for e in self.events.get(action_id, []) if e.kind == EventKind.COMMENT.value]
        said = [e for e in every if e.meeting_id == self.meeting_id]
        if not said:
            said = [e for e in every if e.at <= until][-1:]
        return tuple(self._comment(e) for e in said if e.new)

    def _comment(self, event: _Event) -> str:
        text = event.new or ""
        acronym = self.acronyms.get(event.organisation_id) if event.organisation_id else None
        return f"{acronym} : {text}" if acronym else text


def _status(value: str | None) -> Status | None:
    try:
        return Status(value) if value is not None else None
    except ValueError:
        return None


def _attendance(
    session: Session, meeting_id: int
) -> tuple[tuple[ReportParticipant, ...], tuple[str, ...]]:
    """The people present (an organisation marked present with no one named stands alone,
    when none of its people is listed), and those excused."""
    views = meeting_attendance(session=session, meeting_id=meeting_id)
    present: list[ReportParticipant] = []
    excused: list[str] = []
    named_organisations = {
        name_key(v.organisation_acronym or v.organisation_text or "")
        for v in views
        if v.status == AttendanceStatus.PRESENT and not _organisation_only(v)
    }
    for view in views:
        organisation = view.organisation_acronym or view.organisation_text
        alone = _organisation_only(view)
        if view.status == AttendanceStatus.EXCUSED:
            shown = organisation if alone or not organisation else f"{organisation} ({view.name})"
            excused.append(shown or view.name)
            continue
        if alone and name_key(organisation or "") in named_organisations:
            continue
        present.append(ReportParticipant(organisation, None if alone else view.name, view.function))
    return tuple(present), tuple(dict.fromkeys(excused))


def _organisation_only(view: AttendanceView) -> bool:
    """A row that names an organisation and no one in it (/present OIM)."""
    organisation = view.organisation_acronym or view.organisation_text
    return bool(organisation) and name_key(view.name) == name_key(organisation or "")


def _decisions(session: Session, meeting_id: int) -> tuple[DecisionView, ...]:
    rows = session.exec(
        select(Decision, Meeting.starts_at)
        .join(Meeting, col(Meeting.id) == col(Decision.meeting_id))
        .where(Decision.meeting_id == meeting_id)
        .order_by(col(Decision.id))
    ).all()
    return tuple(decision_view(d, starts_at) for d, starts_at in rows if d.id is not None)


def _next_after(session: Session, meeting: MeetingView) -> MeetingView | None:
    found = session.exec(
        select(Meeting)
        .where(
            Meeting.cluster_id == meeting.cluster_id,
            col(Meeting.starts_at) > meeting.starts_at,
            col(Meeting.cancelled_at).is_(None),
        )
        .order_by(col(Meeting.starts_at), col(Meeting.id))
    ).first()
    return meeting_view(found) if found is not None else None
