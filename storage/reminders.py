"""What reminder planning reads, who receives reminders, and the log of those sent.

The log (`reminder_log`) holds one row per (recipient, subject, kind, slot). A row is written
*before* the message is sent (a claim) and completed after; see reminders.delivery for why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import case, delete, func, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.actions import get_actions, select_views
from storage.clusters import cluster_view
from storage.meetings import meeting_view
from storage.milestones import milestone_view
from storage.models import (
    OPEN_STATUSES,
    Action,
    ActionEvent,
    ActionPart,
    Cluster,
    DeadlinePrecision,
    Meeting,
    Member,
    Membership,
    Milestone,
    Organisation,
    ReminderSettingsRow,
    ReminderState,
    Role,
    SentReminder,
    Status,
)
from storage.settings import settings_view
from storage.views import (
    ActionView,
    ClusterView,
    DatedAction,
    MeetingView,
    MilestoneView,
    ReminderSettings,
    ReminderSnapshot,
)

_OPEN = [s.value for s in OPEN_STATUSES]
# Values to members by dictionary: calling the enum for each of thousands of rows showed.
_STATUSES = {s.value: s for s in Status}
_PRECISIONS = {p.value: p for p in DeadlinePrecision}


@dataclass(frozen=True)
class ActionBound:
    """Which actions a bounded read takes (reminders.delivery says when one is enough): those
    with an event of their history numbered after `events_after` (reopened, given other
    owners: every change is one), up to `latest_event`, and `carried`, those the last read
    found still owing something. Meetings and milestones are always read whole."""

    events_after: int
    latest_event: int
    carried: frozenset[int] = frozenset()


def latest_action_event(*, session: Session) -> int:
    """The number of the last event of any action's history (0: none): the end of the
    table's primary key, so a quiet minute learns in one step that nothing changed."""
    latest = session.execute(sa_select(func.max(col(ActionEvent.id)))).scalar()
    return int(latest or 0)


def reminder_snapshots(
    *, session: Session, now: datetime, bound: ActionBound | None = None
) -> list[ReminderSnapshot]:
    """Every cluster with reminders on, with what planning needs: four queries in all, and
    with a `bound` only the actions it names (a few more queries)."""
    clusters = session.exec(select(Cluster).order_by(col(Cluster.id))).all()
    settings = {
        row.cluster_id: settings_view(row) for row in session.exec(select(ReminderSettingsRow))
    }
    enabled = {
        c.id
        for c in clusters
        if c.id is not None and settings.get(c.id, ReminderSettings()).enabled
    }
    if not enabled:
        return []
    # An action due further ahead than the earliest reminder any cluster sends before a
    # deadline owes nothing yet (+3 days: a weekend moves a reminder up to 2 days earlier).
    ahead = max(
        max(settings.get(cid, ReminderSettings()).deadline_days_before, default=0)
        for cid in enabled
    )
    horizon = now + timedelta(days=ahead + 3)
    actions: dict[int, list[DatedAction]] = defaultdict(list)
    for action in _dated_actions(session, horizon, bound):
        if action.cluster_id in enabled:
            actions[action.cluster_id].append(action)
    meetings: dict[int, MeetingView] = {}
    for meeting in session.exec(
        select(Meeting)
        .where(col(Meeting.starts_at) > now, col(Meeting.cancelled_at).is_(None))
        .order_by(col(Meeting.starts_at).desc(), col(Meeting.id).desc())
    ):
        meetings[meeting.cluster_id] = meeting_view(meeting)  # the earliest (then first) wins
    today = _meetings_today(session, [c for c in clusters if c.id in enabled], now)
    milestones: dict[int, list[MilestoneView]] = defaultdict(list)
    for milestone in session.exec(
        select(Milestone).where(col(Milestone.due_at) > now, col(Milestone.cancelled_at).is_(None))
    ):
        milestones[milestone.cluster_id].append(milestone_view(milestone))
    return [
        ReminderSnapshot(
            cluster_id=c.id,
            timezone=c.timezone,
            settings=settings.get(c.id, ReminderSettings()),
            actions=tuple(actions[c.id]),
            next_meeting=meetings.get(c.id),
            milestones=tuple(milestones[c.id]),
            meeting_today=today.get(c.id),
        )
        for c in clusters
        if c.id is not None and c.id in enabled
    ]


def _dated_actions(
    session: Session, horizon: datetime, bound: ActionBound | None
) -> list[DatedAction]:
    """The open dated actions due by `horizon`: all of them, or those of `bound`, by id."""
    # SQLAlchemy's own select: SQLModel's typed one stops at four columns.
    query = sa_select(
        col(Action.id),
        col(Action.cluster_id),
        col(Action.due_at),
        col(Action.deadline_precision),
        col(Action.status),
        col(Action.deadline_set_at),
    ).where(
        col(Action.status).in_(_OPEN),
        col(Action.due_at).is_not(None),
        col(Action.due_at) <= horizon,
        col(Action.deadline_precision) != DeadlinePrecision.UNDATED.value,
    )
    if bound is None:
        queries = [query]
    else:
        # Chunked: SQLite caps the number of bound parameters.
        carried = sorted(bound.carried)
        queries = []
        if bound.latest_event > bound.events_after:
            changed = sa_select(col(ActionEvent.action_id)).where(
                col(ActionEvent.id) > bound.events_after
            )
            queries.append(query.where(col(Action.id).in_(changed)))
        queries += [
            query.where(col(Action.id).in_(carried[start : start + 500]))
            for start in range(0, len(carried), 500)
        ]
    found: dict[int, DatedAction] = {}
    statuses, precisions = _STATUSES, _PRECISIONS
    for q in queries:
        for action_id, cluster_id, due_at, precision, status, set_at in session.execute(q):
            if action_id is not None and due_at is not None:
                found[action_id] = DatedAction(
                    id=action_id,
                    cluster_id=cluster_id,
                    due_at=due_at,
                    precision=precisions[precision],
                    status=statuses[status],
                    deadline_set_at=set_at,
                )
    # In id order whichever way they were read: plan() then gives the same list.
    return [found[i] for i in sorted(found)]


@dataclass(frozen=True)
class PlanningInputs:
    clusters: tuple[tuple[int, str], ...]  # (id, time zone)
    settings: tuple[tuple[int, ReminderSettings], ...]  # the clusters that have a row
    people: tuple[object, ...]  # aggregates: any change to one row changes them


def planning_inputs(*, session: Session) -> PlanningInputs:
    """A fingerprint of what, besides an action's own row, decides what its reminders are
    and who receives them: each cluster's time zone and settings, the people and their
    roles, organisations and reachability, and the parts of shared actions. Aggregates, so
    it costs a few milliseconds; any change to one row changes it. reminders.delivery reads
    every action again when it changes."""
    clusters = tuple(
        (cluster_id, timezone)
        for cluster_id, timezone in session.execute(
            sa_select(col(Cluster.id), col(Cluster.timezone)).order_by(col(Cluster.id))
        )
        if cluster_id is not None
    )
    rows = session.exec(select(ReminderSettingsRow)).all()
    settings = tuple(sorted(((r.cluster_id, settings_view(r)) for r in rows), key=lambda p: p[0]))
    member = session.execute(
        sa_select(
            func.count(),
            func.sum(col(Member.id)),
            func.sum(col(Member.id) * func.coalesce(col(Member.organisation_id), -1)),
            func.sum(col(Member.id) * case((col(Member.reachable), 1), else_=2)),
            func.sum(func.coalesce(col(Member.telegram_user_id), -1) % 1_000_003),
        )
    ).one()
    membership = session.execute(
        sa_select(
            func.count(),
            func.sum(col(Membership.member_id) * col(Membership.cluster_id)),
            func.sum(
                case(
                    (col(Membership.role) == Role.COORDINATOR.value, col(Membership.member_id)),
                    else_=0,
                )
            ),
        )
    ).one()
    part_status = case(
        *((col(ActionPart.status) == s.value, n) for n, s in enumerate(Status, start=1)),
        else_=0,
    )
    parts = session.execute(
        sa_select(
            func.count(),
            func.max(col(ActionPart.updated_at)),
            func.sum(col(ActionPart.id) * part_status),
        )
    ).one()
    return PlanningInputs(clusters, settings, (tuple(member), tuple(membership), tuple(parts)))


def _meetings_today(
    session: Session, clusters: Sequence[Cluster], now: datetime
) -> dict[int, MeetingView]:
    """By cluster: its meeting of the local today, begun or not (a meeting with no hour
    starts at local midnight), the earliest when there are several. One query."""
    zones = {c.id: ZoneInfo(c.timezone) for c in clusters if c.id is not None}
    if not zones:
        return {}
    found: dict[int, MeetingView] = {}
    # A day anywhere lies within 36 hours of now: the exact local day is checked below.
    for meeting in session.exec(
        select(Meeting)
        .where(
            col(Meeting.cluster_id).in_(list(zones)),
            col(Meeting.starts_at) > now - timedelta(hours=36),
            col(Meeting.starts_at) < now + timedelta(hours=36),
            col(Meeting.cancelled_at).is_(None),
        )
        .order_by(col(Meeting.starts_at).desc(), col(Meeting.id).desc())
    ):
        tz = zones[meeting.cluster_id]
        if meeting.starts_at.astimezone(tz).date() == now.astimezone(tz).date():
            found[meeting.cluster_id] = meeting_view(meeting)  # the earliest wins
    return found


# --- Who receives them -------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    member_id: int
    telegram_user_id: int | None
    name: str
    organisation_id: int | None
    acronym: str | None
    reachable: bool
    unreachable_since: datetime | None

    @property
    def can_receive(self) -> bool:
        return self.reachable and self.telegram_user_id is not None


@dataclass(frozen=True)
class ClusterPeople:
    cluster: ClusterView
    coordinators: tuple[Person, ...]
    members: tuple[Person, ...]  # everyone with a role in the cluster, coordinators included
    focal_points: dict[int, tuple[Person, ...]]  # by organisation id


def cluster_people(*, session: Session, cluster_ids: Iterable[int]) -> dict[int, ClusterPeople]:
    """The people of each cluster as they are now: a reminder goes to who is there today."""
    ids = sorted(set(cluster_ids))
    if not ids:
        return {}
    clusters = {
        c.id: cluster_view(c)
        for c in session.exec(select(Cluster).where(col(Cluster.id).in_(ids)))
        if c.id is not None
    }
    coordinators: dict[int, list[Person]] = defaultdict(list)
    members: dict[int, list[Person]] = defaultdict(list)
    focal: dict[int, dict[int, list[Person]]] = defaultdict(lambda: defaultdict(list))
    # Plain columns: a busy morning reads every member of every cluster, and ORM rows cost
    # most of that read.
    rows = session.execute(
        sa_select(
            col(Membership.cluster_id),
            col(Membership.role),
            col(Member.id),
            col(Member.telegram_user_id),
            col(Member.display_name),
            col(Member.organisation_id),
            col(Organisation.acronym),
            col(Member.reachable),
            col(Member.unreachable_since),
        )
        .join(Member, col(Member.id) == Membership.member_id)
        .join(Organisation, col(Organisation.id) == Member.organisation_id, isouter=True)
        .where(col(Membership.cluster_id).in_(ids))
        .order_by(col(Member.display_name), col(Member.id))
    ).all()
    for cluster_id, role, member_id, user_id, name, org_id, acronym, reachable, since in rows:
        person = Person(
            member_id=member_id,
            telegram_user_id=user_id,
            name=name,
            organisation_id=org_id,
            acronym=acronym,
            reachable=reachable,
            unreachable_since=since,
        )
        members[cluster_id].append(person)
        if role == Role.COORDINATOR:
            coordinators[cluster_id].append(person)
        # A focal point promoted to administrator still answers for their organisation.
        if org_id is not None:
            focal[cluster_id][org_id].append(person)
    return {
        cid: ClusterPeople(
            cluster=cluster,
            coordinators=tuple(coordinators[cid]),
            members=tuple(members[cid]),
            focal_points={org: tuple(people) for org, people in focal[cid].items()},
        )
        for cid, cluster in clusters.items()
    }


def actions_of_clusters(
    *, session: Session, action_ids: Mapping[int, Iterable[int]], cluster_names: Mapping[int, str]
) -> dict[int, ActionView]:
    """The actions of the reminders planned, by cluster: as plain columns (select_views),
    since on a busy morning they are thousands and building ORM rows cost a third of the
    planning. Each named by its cluster's short name, as storage.actions.get_actions does."""
    found: dict[int, ActionView] = {}
    for cluster_id, listed in action_ids.items():
        ids = sorted(set(listed))
        # Chunked: SQLite caps the number of bound parameters.
        for start in range(0, len(ids), 500):
            for view in select_views(
                session,
                col(Action.cluster_id) == cluster_id,
                col(Action.id).in_(ids[start : start + 500]),
                cluster_name=cluster_names.get(cluster_id, ""),
            ):
                found[view.id] = view
    return found


def open_actions_of_clusters(
    *, session: Session, cluster_ids: Iterable[int]
) -> dict[int, list[ActionView]]:
    """Open actions per cluster, for the meeting reminder ("come with answers")."""
    ids = sorted(set(cluster_ids))
    if not ids:
        return {}
    action_ids = session.exec(
        select(Action.id)
        .where(col(Action.cluster_id).in_(ids), col(Action.status).in_(_OPEN))
        .order_by(col(Action.due_at).is_(None), col(Action.due_at), col(Action.id))
    ).all()
    views = get_actions(session=session, action_ids=[i for i in action_ids if i is not None])
    result: dict[int, list[ActionView]] = defaultdict(list)
    for action_id in action_ids:
        if action_id is not None and action_id in views:
            view = views[action_id]
            result[view.cluster_id].append(view)
    return result


def mark_unreachable(*, session: Session, member_id: int, now: datetime) -> bool:
    """The person blocked the bot or never started it. True if this starts a new episode
    (they were thought reachable), which the coordinators and the group are told about."""
    member = session.get(Member, member_id)
    if member is None:
        return False
    new_episode = member.reachable or member.unreachable_since is None
    member.reachable = False
    if new_episode:
        member.unreachable_since = now
    session.add(member)
    session.flush()
    return new_episode


# --- The log ----------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class ReminderKey:
    recipient: str  # "m:<member id>" or "g:<cluster id>"
    subject: str
    kind: str
    slot: str


@dataclass(frozen=True)
class Logged:
    keys: set[ReminderKey]  # exactly these are in the log
    slots: set[tuple[str, str, str]]  # (subject, kind, slot) logged for anyone
    # In the log as RESEND: owed again, as a possible repeat (not in `keys`).
    resend: set[ReminderKey] = field(default_factory=set)


# A key as the log's row gives it, (recipient, subject, kind, slot): a morning's lookups read
# thousands of rows, compared as tuples rather than each made a ReminderKey.
_KeyRow = tuple[str, str, str, str]


def _row_of(key: ReminderKey) -> _KeyRow:
    return (key.recipient, key.subject, key.kind, key.slot)


def _log_rows(
    session: Session, keys: Iterable[ReminderKey | tuple[str, str, str]]
) -> Iterator[tuple[int, _KeyRow, str]]:
    """(id, key, state) of every row of the log on the subjects and days of `keys` (keys, or
    (subject, kind, slot)), whoever received it: read through ix_reminder_log_subject_slot,
    so a lookup costs what it finds, not the size of the log."""
    pairs = [(k.subject, k.slot) if isinstance(k, ReminderKey) else (k[0], k[2]) for k in keys]
    subjects = sorted({subject for subject, _ in pairs})
    slots = sorted({slot for _, slot in pairs})
    # Chunked: SQLite caps the number of bound parameters.
    for start in range(0, len(subjects), 500):
        # SQLAlchemy's own select: SQLModel's typed one stops at four columns.
        rows = session.execute(
            sa_select(
                col(SentReminder.id),
                col(SentReminder.recipient),
                col(SentReminder.subject),
                col(SentReminder.kind),
                col(SentReminder.slot),
                col(SentReminder.state),
            ).where(
                col(SentReminder.subject).in_(subjects[start : start + 500]),
                col(SentReminder.slot).in_(slots),
            )
        ).all()
        for row_id, recipient, subject, kind, slot, state in rows:
            yield row_id, (recipient, subject, kind, slot), state


def logged_keys(*, session: Session, keys: Sequence[ReminderKey]) -> Logged:
    """Which of `keys` are already in the log, in whatever state but RESEND (each goes out
    at most once), and which of their slots someone else already received."""
    if not keys:
        return Logged(set(), set())
    wanted = {_row_of(k): k for k in keys}
    slots = {(k.subject, k.kind, k.slot) for k in keys}
    found = Logged(set(), set())
    for _, row, state in _log_rows(session, keys):
        key = wanted.get(row)
        if state == ReminderState.RESEND.value:
            if key is not None:
                found.resend.add(key)
            continue  # nobody is known to have it: it owes nothing to a stand-in either
        if key is not None:
            found.keys.add(key)
        if (slot := row[1:]) in slots:
            found.slots.add(slot)
    return found


def logged_slots(
    *, session: Session, slots: Iterable[tuple[str, str, str]]
) -> set[tuple[str, str, str]]:
    """Which of these (subject, kind, slot) someone is known to have received (a row in any
    state but RESEND)."""
    wanted = set(slots)
    return {
        slot
        for _, row, state in _log_rows(session, wanted)
        if state != ReminderState.RESEND.value and (slot := row[1:]) in wanted
    }


def claim(
    *,
    session: Session,
    keys: Sequence[ReminderKey],
    chat_id: int,
    late: Sequence[bool],
    now: datetime,
) -> None:
    """Write the keys as being sent. Raises IntegrityError if any is already in the log
    (another sweep got there first): give it a session of its own and roll it back.
    A key logged as RESEND is claimed again: its row is replaced, in the same transaction,
    so two sweeps still meet on the unique key."""
    wanted = {_row_of(k) for k in keys}
    resend = [
        row_id
        for row_id, row, state in _log_rows(session, keys)
        if row in wanted and state == ReminderState.RESEND.value
    ]
    if resend:
        session.execute(delete(SentReminder).where(col(SentReminder.id).in_(resend)))
    for key, is_late in zip(keys, late, strict=True):
        session.add(
            SentReminder(
                recipient=key.recipient,
                subject=key.subject,
                kind=key.kind,
                slot=key.slot,
                state=ReminderState.SENDING.value,
                chat_id=chat_id,
                late=is_late,
                claimed_at=now,
            )
        )
    session.flush()


def _ids(session: Session, keys: Sequence[ReminderKey]) -> list[int]:
    wanted = {_row_of(k) for k in keys}
    return [row_id for row_id, row, _ in _log_rows(session, keys) if row in wanted]


def record_sent(
    *,
    session: Session,
    keys: Sequence[ReminderKey],
    chat_id: int,
    message_id: int | None,
    now: datetime,
) -> None:
    ids = _ids(session, keys)
    session.execute(
        update(SentReminder)
        .where(col(SentReminder.id).in_(ids))
        .values(state=ReminderState.SENT.value, chat_id=chat_id, message_id=message_id, sent_at=now)
    )


def record_failed(*, session: Session, keys: Sequence[ReminderKey], error: str) -> None:
    """Refused for good (blocked, chat gone): kept, so it is never retried."""
    ids = _ids(session, keys)
    session.execute(
        update(SentReminder)
        .where(col(SentReminder.id).in_(ids))
        .values(state=ReminderState.FAILED.value, error=error[:500])
    )


def release(*, session: Session, keys: Sequence[ReminderKey]) -> None:
    """Telegram certainly did not get it (network down, rate limit): the next sweep retries."""
    ids = _ids(session, keys)
    session.execute(delete(SentReminder).where(col(SentReminder.id).in_(ids)))


@dataclass(frozen=True)
class LogEntry:
    key: ReminderKey
    state: ReminderState
    chat_id: int | None
    message_id: int | None
    late: bool
    sent_at: datetime | None
    error: str | None


def reminder_log(*, session: Session, subject: str | None = None) -> list[LogEntry]:
    """The whole log, oldest first. Read by the tests and benchmarks, not by the bot."""
    query = select(SentReminder).order_by(col(SentReminder.id))
    if subject is not None:
        query = query.where(SentReminder.subject == subject)
    return [
        LogEntry(
            key=ReminderKey(r.recipient, r.subject, r.kind, r.slot),
            state=ReminderState(r.state),
            chat_id=r.chat_id,
            message_id=r.message_id,
            late=r.late,
            sent_at=r.sent_at,
            error=r.error,
        )
        for r in session.exec(query)
    ]


# --- i9 delivery: what a network or a stop left unknown -----------------------------------


def record_uncertain(
    *, session: Session, keys: Sequence[ReminderKey], error: str, resend: bool
) -> None:
    """The send's fate is unknown: kept as UNCERTAIN (never resent), or as RESEND (the next
    sweep sends it again, as a possible repeat). reminders.delivery says which and why."""
    state = ReminderState.RESEND if resend else ReminderState.UNCERTAIN
    ids = _ids(session, keys)
    session.execute(
        update(SentReminder)
        .where(col(SentReminder.id).in_(ids))
        .values(state=state.value, error=error[:500])
    )


@dataclass(frozen=True)
class Interrupted:
    """A reminder that was on its way when the process stopped: it may not have arrived."""

    key: ReminderKey
    recipient_name: str  # the person's name, or the cluster's for its group
    claimed_at: datetime


def settle_interrupted(*, session: Session) -> list[Interrupted]:
    """At start: the claims the last stop left half-done ("sending"), now UNCERTAIN, so that
    the next start does not count them again. Oldest first."""
    rows = session.exec(
        select(SentReminder)
        .where(SentReminder.state == ReminderState.SENDING.value)
        .order_by(col(SentReminder.id))
    ).all()
    if not rows:
        return []
    member_ids = {int(r.recipient[2:]) for r in rows if r.recipient.startswith("m:")}
    cluster_ids = {int(r.recipient[2:]) for r in rows if r.recipient.startswith("g:")}
    names = {
        f"m:{m.id}": m.display_name
        for m in session.exec(select(Member).where(col(Member.id).in_(member_ids)))
    }
    names |= {
        f"g:{c.id}": c.name
        for c in session.exec(select(Cluster).where(col(Cluster.id).in_(cluster_ids)))
    }
    found = [
        Interrupted(
            ReminderKey(r.recipient, r.subject, r.kind, r.slot),
            names.get(r.recipient, r.recipient),
            r.claimed_at,
        )
        for r in rows
    ]
    session.execute(
        update(SentReminder)
        .where(col(SentReminder.id).in_([r.id for r in rows]))
        .values(state=ReminderState.UNCERTAIN.value, error="interrupted by a stop")
    )
    return found
