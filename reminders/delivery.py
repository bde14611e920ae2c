"""The sweep: ask the database what is due, gather it per person, send it, log it.

The database is the schedule. A sweep is idempotent: running it twice at the same instant, or
after a crash, sends nothing twice, because every reminder is written to the log (claimed)
before it is sent. The Telegram side (composing French messages, the Bot API) comes in through
the `Outbox` protocol, implemented in bot.reminders.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from reminders.planning import Audience, Planned, ReminderKind, Subject, may_send, plan
from storage.actions import get_actions
from storage.clusters import move_cluster_chat
from storage.db import Database
from storage.models import OwnerKind
from storage.reminders import (
    ClusterPeople,
    Person,
    ReminderKey,
    claim,
    cluster_people,
    logged_keys,
    mark_unreachable,
    open_actions_of_clusters,
    record_failed,
    record_sent,
    release,
    reminder_snapshots,
)
from storage.views import (
    ActionView,
    ClusterView,
    MeetingView,
    MilestoneView,
    OwnerView,
    ReminderSnapshot,
)

log = logging.getLogger(__name__)

# Telegram asks for about one message per second to one person: the parts of a long digest
# are spaced by this much. Overall and per-group limits are the rate limiter's job.
SAME_CHAT_GAP = 1.0


# --- Who ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    key: str  # "m:<member id>" or "g:<cluster id>": stable across chat id changes
    chat_id: int
    name: str
    member_id: int | None = None
    cluster_id: int | None = None  # set for a cluster's group

    @property
    def is_group(self) -> bool:
        return self.cluster_id is not None


def person_recipient(person: Person) -> Recipient:
    assert person.telegram_user_id is not None
    return Recipient(
        f"m:{person.member_id}", person.telegram_user_id, person.name, person.member_id
    )


def group_recipient(cluster: ClusterView) -> Recipient:
    return Recipient(f"g:{cluster.id}", cluster.chat_id, cluster.display_name, None, cluster.id)


# --- What ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionItem:
    """A deadline coming, passed, or (ESCALATION) passed long enough to tell coordinators."""

    planned: Planned
    cluster: ClusterView
    action: ActionView
    on_behalf: str | None = None  # the owner whose focal points could not be reached


@dataclass(frozen=True)
class MeetingItem:
    planned: Planned
    cluster: ClusterView
    meeting: MeetingView
    organisation: str | None  # the recipient's organisation, whose open actions follow
    open_actions: tuple[ActionView, ...] = ()


@dataclass(frozen=True)
class MilestoneItem:
    planned: Planned
    cluster: ClusterView
    milestone: MilestoneView


@dataclass(frozen=True)
class UnreachableNotice:
    """Told once per episode: to coordinators privately, and in the group as a mention."""

    cluster: ClusterView
    person: Person
    in_group: bool
    slot: str
    late: bool = False

    @property
    def subject(self) -> Subject:
        return Subject("member", self.person.member_id)


Item = ActionItem | MeetingItem | MilestoneItem | UnreachableNotice


def item_key(item: Item, recipient: Recipient) -> ReminderKey:
    # Storage knows nothing of reminders: the log keeps the subject as its text.
    if isinstance(item, UnreachableNotice):
        return ReminderKey(recipient.key, str(item.subject), "unreachable", item.slot)
    p = item.planned
    return ReminderKey(recipient.key, str(p.subject), p.kind_key, p.day.isoformat())


def item_late(item: Item) -> bool:
    return item.late if isinstance(item, UnreachableNotice) else item.planned.late


_ORDER = {
    ReminderKind.ESCALATION: 0,
    ReminderKind.OVERDUE: 1,
    ReminderKind.DUE: 2,
    ReminderKind.MEETING: 3,
    ReminderKind.MILESTONE: 4,
}


def _sort_key(item: Item) -> tuple[int, int, str, str]:
    """Late ones first, then what is most pressing."""
    if isinstance(item, UnreachableNotice):
        return (0, -1, item.cluster.name, item.person.name)
    due = item.action.deadline.due_at if isinstance(item, ActionItem) else None
    return (
        0 if item.planned.late else 1,
        _ORDER[item.planned.kind],
        due.isoformat() if due else "",
        str(item.planned.subject),  # by its text, as when it was a string: the same order
    )


@dataclass(frozen=True)
class Digest:
    """Everything one recipient gets from one sweep, in reading order."""

    recipient: Recipient
    items: tuple[Item, ...]


# --- The Telegram side ------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One message of a digest. `markup` is the sender's business (buttons)."""

    text: str
    items: tuple[Item, ...]
    markup: object = None


@dataclass(frozen=True)
class Sent:
    message_id: int


@dataclass(frozen=True)
class Unreachable:
    """A person who blocked the bot or never started it, or a chat that is gone."""

    reason: str


@dataclass(frozen=True)
class Migrated:
    new_chat_id: int


@dataclass(frozen=True)
class Refused:
    """Telegram refused this message for good (a bug on our side): never retried."""

    reason: str


@dataclass(frozen=True)
class TryLater:
    """Certainly not delivered (connection refused, rate limit after retries)."""

    reason: str
    network_down: bool = False


@dataclass(frozen=True)
class Uncertain:
    """Sent, and no answer came back (a read timeout): it may have been delivered."""

    reason: str


SendResult = Sent | Unreachable | Migrated | Refused | TryLater | Uncertain


class Outbox(Protocol):
    def compose(self, digest: Digest, now: datetime) -> list[Part]: ...

    async def send(self, chat_id: int, part: Part) -> SendResult: ...


# --- The sweep ------------------------------------------------------------------------------


@dataclass
class SweepReport:
    planned: int = 0  # reminders due now, before the log is consulted
    already_sent: int = 0
    messages_sent: int = 0
    reminders_sent: int = 0
    unreachable: list[str] = field(default_factory=list)
    refused: int = 0
    retry_later: int = 0
    uncertain: int = 0
    network_down: bool = False
    planning_seconds: float = 0.0


Pause = Callable[[float], Awaitable[None]]


async def sweep(
    *,
    db: Database,
    outbox: Outbox,
    now: datetime,
    pause: Pause = asyncio.sleep,
    concurrency: int = 32,
) -> SweepReport:
    """Send what is due at `now` and not yet in the log. Safe to run again at any moment."""
    report = SweepReport()
    loop = asyncio.get_running_loop()
    started = loop.time()
    # Planning reads and computes for a while on a busy morning: in a thread, so the bot
    # keeps answering button presses meanwhile.
    digests = await asyncio.to_thread(_plan_digests, db, now, report)
    report.planning_seconds = loop.time() - started
    if not digests:
        return report
    stop = asyncio.Event()
    limit = asyncio.Semaphore(concurrency)

    async def one(digest: Digest) -> None:
        async with limit:
            if not stop.is_set():
                await _deliver(db, outbox, digest, now, pause, report, stop)

    await asyncio.gather(*(one(d) for d in digests))
    return report


def _plan_digests(db: Database, now: datetime, report: SweepReport) -> list[Digest]:
    with db.session() as session:
        snapshots = reminder_snapshots(session=session, now=now)
        planned = {s.cluster_id: plan(s, now) for s in snapshots}
        report.planned = sum(len(p) for p in planned.values())
        return _digests(session, snapshots, planned, now, report)


def _digests(
    session: Session,
    snapshots: Sequence[ReminderSnapshot],
    planned: dict[int, list[Planned]],
    now: datetime,
    report: SweepReport,
) -> list[Digest]:
    busy = [s for s in snapshots if planned[s.cluster_id]]
    people_of = cluster_people(session=session, cluster_ids={s.cluster_id for s in busy})
    action_ids = sorted(
        {p.subject.id for plans in planned.values() for p in plans if p.subject.kind == "action"}
    )
    actions = get_actions(session=session, action_ids=action_ids)
    meeting_clusters = {
        cid for cid, plans in planned.items() if any(p.kind == ReminderKind.MEETING for p in plans)
    }
    open_actions = open_actions_of_clusters(session=session, cluster_ids=meeting_clusters)
    gathered: dict[str, tuple[Recipient, list[Item]]] = {}

    def add_to_digest(recipient: Recipient, item: Item) -> None:
        gathered.setdefault(recipient.key, (recipient, []))[1].append(item)

    for snapshot in busy:
        people = people_of.get(snapshot.cluster_id)
        if people is None:
            continue
        facts = ClusterFacts(people, snapshot, actions, open_actions.get(snapshot.cluster_id, []))
        missed: dict[int, Person] = {}
        for p in planned[snapshot.cluster_id]:
            deliveries, unreached = _expand(p, facts)
            for recipient, item in deliveries:
                add_to_digest(recipient, item)
            missed.update((person.member_id, person) for person in unreached)
        # Whoever should have received something and cannot: coordinators and group told
        # once per episode, and only in the cluster's sending hours.
        if missed and may_send(now, people.cluster.tz, snapshot.settings):
            for person in missed.values():
                for recipient, notice in _notices(people, person):
                    add_to_digest(recipient, notice)
    # The log decides what is still owed: one key per item and recipient.
    keys = [item_key(i, r) for r, items in gathered.values() for i in items]
    logged = logged_keys(session=session, keys=keys)
    digests = []
    for recipient, items in gathered.values():
        owed: dict[ReminderKey, Item] = {}
        for item in items:
            key = item_key(item, recipient)
            if key in logged.keys or _handed_over_late(item, key, logged.slots, now):
                report.already_sent += 1
            else:
                owed.setdefault(key, item)
        if owed:
            digests.append(Digest(recipient, tuple(sorted(owed.values(), key=_sort_key))))
    return digests


def _handed_over_late(
    item: Item, key: ReminderKey, slots: set[tuple[str, str, str]], now: datetime
) -> bool:
    """A past morning's reminder that its first recipient got is not sent again to whoever
    stands in for them later (a coordinator learns of a blocked focal point on Monday: they
    get Monday's reminders, not Friday's)."""
    if isinstance(item, UnreachableNotice) or (key.subject, key.kind, key.slot) not in slots:
        return False
    return item.planned.day < now.astimezone(item.cluster.tz).date()


@dataclass(frozen=True)
class ClusterFacts:
    """What decides who receives one cluster's reminders this morning."""

    people: ClusterPeople
    snapshot: ReminderSnapshot
    actions: dict[int, ActionView]  # what its action reminders are about, by id
    open_actions: list[ActionView]  # its open actions, for a meeting's reminder


def _reachable(people: Sequence[Person]) -> tuple[list[Recipient], list[Person]]:
    ok = [person_recipient(p) for p in people if p.can_receive]
    missed = [p for p in people if not p.can_receive]
    return ok, missed


def _coordinators(people: ClusterPeople) -> list[Recipient]:
    """The coordinators who can be reached, or the group when none can."""
    ok, _ = _reachable(people.coordinators)
    return ok or [group_recipient(people.cluster)]


Deliveries = tuple[list[tuple[Recipient, Item]], list[Person]]


def _expand(p: Planned, facts: ClusterFacts) -> Deliveries:
    """Who gets this planned reminder, resolved now (someone removed yesterday gets nothing
    today), and who should have and cannot be reached."""
    kind, subject_id = p.subject.kind, p.subject.id
    if kind == "action":
        return _action_deliveries(p, facts, subject_id)
    people, cluster = facts.people, facts.people.cluster
    meeting = facts.snapshot.next_meeting
    if kind == "meeting" and meeting is not None and meeting.id == subject_id:
        ok, missed = _reachable(people.members)
        by_key = {f"m:{m.member_id}": m for m in people.members}
        deliveries: list[tuple[Recipient, Item]] = []
        for r in ok:
            person = by_key[r.key]
            mine = tuple(a for a in facts.open_actions if _concerns(a, person))
            deliveries.append((r, MeetingItem(p, cluster, meeting, person.acronym, mine)))
        return deliveries, missed
    milestone = next((m for m in facts.snapshot.milestones if m.id == subject_id), None)
    if kind == "milestone" and milestone is not None:
        item = MilestoneItem(p, cluster, milestone)
        deliveries = []
        missed = []
        if Audience.GROUP in p.audiences:
            deliveries.append((group_recipient(cluster), item))
        if Audience.MEMBERS in p.audiences:
            ok, missed = _reachable(people.members)
            deliveries.extend((r, item) for r in ok)
        return deliveries, missed
    return [], []


def _action_deliveries(p: Planned, facts: ClusterFacts, action_id: int) -> Deliveries:
    action = facts.actions.get(action_id)
    people = facts.people
    if action is None or not action.status.is_open:
        return [], []
    deliveries: list[tuple[Recipient, Item]] = []
    missed: list[Person] = []
    if Audience.COORDINATORS in p.audiences:
        deliveries.extend((r, ActionItem(p, people.cluster, action)) for r in _coordinators(people))
    if Audience.OWNERS in p.audiences:
        for owner in action.owners:
            persons, named = _owner_people(owner, people)
            ok, unreached = _reachable(persons)
            missed.extend(unreached)
            if ok:
                deliveries.extend((r, ActionItem(p, people.cluster, action)) for r in ok)
            else:
                # No focal point of this owner can be reached: the coordinators stand in.
                behalf = owner.label if named else None
                deliveries.extend(
                    (r, ActionItem(p, people.cluster, action, on_behalf=behalf))
                    for r in _coordinators(people)
                )
    return deliveries, missed


def _owner_people(owner: OwnerView, people: ClusterPeople) -> tuple[list[Person], bool]:
    """The people behind one owner, and whether a stand-in should be told whose it is."""
    if owner.kind == OwnerKind.ORGANISATION and owner.organisation_id is not None:
        return list(people.focal_points.get(owner.organisation_id, ())), True
    if owner.kind == OwnerKind.MEMBER and owner.member_id is not None:
        return [m for m in people.members if m.member_id == owner.member_id], True
    if owner.kind == OwnerKind.ALL_MEMBERS:
        return [p for focal in people.focal_points.values() for p in focal], True
    if owner.kind == OwnerKind.COORDINATORS:
        return list(people.coordinators), False
    return [], True  # a name nobody linked yet: the coordinators hear of it


def _concerns(action: ActionView, person: Person) -> bool:
    for owner in action.owners:
        if owner.kind == OwnerKind.ALL_MEMBERS:
            return True
        if owner.kind == OwnerKind.MEMBER and owner.member_id == person.member_id:
            return True
        if (
            owner.kind == OwnerKind.ORGANISATION
            and person.organisation_id is not None
            and owner.organisation_id == person.organisation_id
        ):
            return True
    return False


def _notices(people: ClusterPeople, person: Person) -> list[tuple[Recipient, UnreachableNotice]]:
    since = person.unreachable_since
    slot = since.isoformat() if since else "never"
    out: list[tuple[Recipient, UnreachableNotice]] = [
        (r, UnreachableNotice(people.cluster, person, in_group=False, slot=slot))
        for r in _reachable(people.coordinators)[0]
        if r.member_id != person.member_id
    ]
    out.append(
        (
            group_recipient(people.cluster),
            UnreachableNotice(people.cluster, person, in_group=True, slot=slot),
        )
    )
    return out


async def _deliver(
    db: Database,
    outbox: Outbox,
    digest: Digest,
    now: datetime,
    pause: Pause,
    report: SweepReport,
    stop: asyncio.Event,
) -> None:
    recipient = digest.recipient
    chat_id = recipient.chat_id
    for index, part in enumerate(outbox.compose(digest, now)):
        if stop.is_set():
            return
        if index:
            await pause(SAME_CHAT_GAP)
        keys = [item_key(i, recipient) for i in part.items]
        # Claim, then send, then record. Telegram's sendMessage has no idempotency key, so
        # exactly-once is out of reach; of the two other choices this is the one that cannot
        # repeat a message. If the process dies after the claim, the row stays "sending" and
        # the next sweep skips it: at worst one reminder is lost in the instant of a crash
        # (and counted by uncertain_count at start), never sent twice. Sending first and
        # recording after would resend the whole digest after every crash in that window.
        try:
            with db.session() as session:
                claim(
                    session=session,
                    keys=keys,
                    chat_id=chat_id,
                    late=[item_late(i) for i in part.items],
                    now=now,
                )
        except IntegrityError:
            # Another sweep claimed some of these first: it sends them, not us.
            report.already_sent += len(keys)
            continue
        result = await outbox.send(chat_id, part)
        if isinstance(result, Migrated):
            # The group became a supergroup: follow it and send there, once.
            with db.session() as session:
                move_cluster_chat(
                    session=session, old_chat_id=chat_id, new_chat_id=result.new_chat_id
                )
            chat_id = result.new_chat_id
            result = await outbox.send(chat_id, part)
        _record(db, recipient, keys, chat_id, result, now, report, stop)
        if not isinstance(result, Sent):
            return


def _record(
    db: Database,
    recipient: Recipient,
    keys: list[ReminderKey],
    chat_id: int,
    result: SendResult,
    now: datetime,
    report: SweepReport,
    stop: asyncio.Event,
) -> None:
    with db.session() as session:
        if isinstance(result, Sent):
            record_sent(
                session=session, keys=keys, chat_id=chat_id, message_id=result.message_id, now=now
            )
            report.messages_sent += 1
            report.reminders_sent += len(keys)
        elif isinstance(result, Unreachable):
            # Kept as failed: no retry storm. A person's reminders go to the coordinators
            # from the next sweep on, since planning only picks reachable people.
            record_failed(session=session, keys=keys, error=result.reason)
            report.unreachable.append(recipient.key)
            if recipient.member_id is not None:
                mark_unreachable(session=session, member_id=recipient.member_id, now=now)
            log.warning("reminder to %s refused: %s", recipient.key, result.reason)
        elif isinstance(result, Refused | Migrated):
            record_failed(session=session, keys=keys, error=getattr(result, "reason", "migrated"))
            report.refused += 1
            log.error("reminder to %s refused for good: %s", recipient.key, result)
        elif isinstance(result, TryLater):
            release(session=session, keys=keys)
            report.retry_later += 1
            if result.network_down:
                report.network_down = True
                stop.set()  # no point hammering a network that is down: next sweep retries
            log.warning("reminder to %s postponed: %s", recipient.key, result.reason)
        else:
            # Left as "sending": it may have arrived, so it is not sent again.
            report.uncertain += 1
            log.warning("reminder to %s may or may not have arrived: %s", recipient.key, result)
