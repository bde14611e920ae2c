"""The sweep: ask the database what is due, gather it per person, send it, log it.

The database is the schedule. A sweep is idempotent: running it twice at the same instant, or
after a crash, sends nothing twice, because every reminder is written to the log (claimed)
before it is sent: at the last moment, once the rate limiter has given it its turn, so that a
crash loses at most what is on the wire. Who receives each reminder is reminders.recipients'
question; the Telegram side (composing French messages, the Bot API) comes in through the
`Outbox` protocol, implemented in bot.reminders.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
import threading
import weakref
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from reminders.planning import Planned, ReminderKind, plan, window_opened
from reminders.recipients import (
    ActionItem,
    Addressed,
    ClusterFacts,
    Item,
    Recipient,
    UnreachableNotice,
    who_receives,
)
from storage.clusters import move_cluster_chat
from storage.db import Database
from storage.followup import FollowUp, follow_up
from storage.parts import may_be_shared, parts_of
from storage.reminders import (
    ActionBound,
    ClusterPeople,
    PlanningInputs,
    ReminderKey,
    actions_of_clusters,
    claim,
    cluster_people,
    latest_action_event,
    logged_keys,
    logged_slots,
    mark_unreachable,
    open_actions_of_clusters,
    planning_inputs,
    record_failed,
    record_sent,
    record_uncertain,
    release,
    reminder_snapshots,
)
from storage.reviews import review_begun
from storage.views import ReminderSettings, ReminderSnapshot

log = logging.getLogger(__name__)

# Telegram asks for about one message per second to one person: the parts of a long digest
# are spaced by this much. Overall and per-group limits are the rate limiter's job.
SAME_CHAT_GAP = 1.0


# --- What one recipient is owed ---------------------------------------------------------


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
    ReminderKind.REVIEW: 5,
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
    # Items an earlier send got no answer for (see Uncertain): sent again, saying so.
    repeats: frozenset[ReminderKey] = frozenset()

    def is_repeat(self, item: Item) -> bool:
        return item_key(item, self.recipient) in self.repeats


# --- The Telegram side ------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One message of a digest, and the items claimed with it. Its buttons are the sender's
    business: it builds them from the items, so no Telegram type crosses into reminders."""

    text: str
    items: tuple[Item, ...]


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
    """Certainly not delivered: the request never left (connection refused, a connect or
    pool timeout), or Telegram answered with an error (a 429 after the limiter's retries, a
    5xx). The claim is released and the next sweep sends it."""

    reason: str
    network_down: bool = False


@dataclass(frozen=True)
class Uncertain:
    """The request left and no answer came back: it may have been delivered.

    Telegram's sendMessage has no idempotency key, so nothing can tell us afterwards whether
    it arrived; the rule is a judgement per shape of failure, and both shapes stop the sweep
    (the next message would most likely meet the same fate):
    - `resend=False`: the connection was closed after the whole request was written (a cut).
      Telegram acts on a request once it has read it, and the answer is what gets lost on
      the way back: sending again would give the person the same reminder twice, as 5 cuts
      once sent 5 digests twice. Kept as UNCERTAIN, logged with who and what.
    - `resend=True`: nothing at all came back within the read timeout, or the request could
      not be written whole (a hang). A sendMessage is answered in well under a second; a
      silence that long is a stalled server or path, and in every hang measured the request
      had not been acted on (a 10-minute hang lost 900 reminders of 900). For a deadline, a
      possible repeat that says so is better than a silent loss: the next sweep sends it
      again, headed as maybe already received, and again while the hang lasts. Since the
      first silence stops the sweep, that is one message a minute probing the link, not a
      morning's worth.
    """

    reason: str
    resend: bool = False


@dataclass(frozen=True)
class NotClaimed:
    """Not sent: when its turn came another sweep had claimed it, or the bot was stopping."""


SendResult = Sent | Unreachable | Migrated | Refused | TryLater | Uncertain | NotClaimed

# Writes the claim; False when the part must not be sent (already claimed, or stopping).
Claim = Callable[[], Awaitable[bool]]


class Outbox(Protocol):
    def compose(self, digest: Digest, now: datetime) -> list[Part]: ...

    async def send(self, chat_id: int, part: Part, claim: Claim) -> SendResult:
        """Call `claim` once, as late as possible before the request goes on the wire
        (after any rate limiter's wait); when it says False, send nothing: NotClaimed."""
        ...


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
    uncertain: int = 0  # messages that may have arrived: not sent again
    resend: int = 0  # messages that got no answer: the next sweep sends them again
    network_down: bool = False
    halted: bool = False  # the bot was stopping: what was left waits for the next start
    failures: list[str] = field(default_factory=list)  # digests whose delivery raised
    planning_seconds: float = 0.0


Pause = Callable[[float], Awaitable[None]]


async def sweep(
    *,
    db: Database,
    outbox: Outbox,
    now: datetime,
    pause: Pause = asyncio.sleep,
    concurrency: int = 32,
    halt: asyncio.Event | None = None,
) -> SweepReport:
    """Send what is due at `now` and not yet in the log. Safe to run again at any moment.
    Once `halt` is set (the bot is stopping), only the messages already on the wire finish;
    the rest is left for the next sweep."""
    run = _Run(db, outbox, now, pause, SweepReport(), asyncio.Event(), halt or asyncio.Event())
    if run.halt.is_set():
        run.report.halted = True
        return run.report
    loop = asyncio.get_running_loop()
    started = loop.time()
    # Planning reads and computes for a while on a busy morning: in a thread, so the bot
    # keeps answering button presses meanwhile.
    digests = await asyncio.to_thread(_plan_digests, db, now, run.report)
    run.report.planning_seconds = loop.time() - started
    if not digests or run.stopped:
        run.report.halted = run.halt.is_set()
        return run.report
    limit = asyncio.Semaphore(concurrency)

    async def one(digest: Digest) -> None:
        async with limit:
            if not run.stopped:
                await _deliver(run, digest)

    tasks = [asyncio.create_task(one(d)) for d in digests]
    watcher = asyncio.create_task(_cancel_on_halt(run, tasks))
    try:
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        watcher.cancel()
    _report_failures(run, digests, outcomes)
    run.report.halted = run.halt.is_set()
    return run.report


async def _cancel_on_halt(run: _Run, tasks: Sequence[asyncio.Task[None]]) -> None:
    """A stop does not wait for the whole morning: every digest not on the wire now (waiting
    its turn at the limiter, or between two parts) is dropped; nothing of it was claimed."""
    await run.halt.wait()
    for task in tasks:
        if task not in run.on_wire:
            task.cancel()


def _report_failures(run: _Run, digests: Sequence[Digest], outcomes: Sequence[object]) -> None:
    """Every digest whose delivery raised is logged with its traceback: one failure does not
    hide the others, nor leave them running unobserved."""
    for digest, outcome in zip(digests, outcomes, strict=True):
        if isinstance(outcome, asyncio.CancelledError) or not isinstance(outcome, BaseException):
            continue
        run.report.failures.append(digest.recipient.key)
        log.error("reminders to %s failed: %r", digest.recipient.key, outcome, exc_info=outcome)
    for outcome in outcomes:
        if isinstance(outcome, BaseException) and not isinstance(
            outcome, Exception | asyncio.CancelledError
        ):
            raise outcome  # the process is going down: logged above, not swallowed


@dataclass(frozen=True)
class _Run:
    """One sweep's shared state, handed down instead of the same six parameters each time."""

    db: Database
    outbox: Outbox
    now: datetime  # read once: every claim and record of the sweep says the same instant
    pause: Pause
    report: SweepReport
    stop: asyncio.Event  # set when the network is down: the digests still waiting give up
    halt: asyncio.Event  # set when the bot is stopping: likewise, and promptly
    on_wire: set[asyncio.Task[Any]] = field(default_factory=set)  # claimed, not yet recorded

    @property
    def stopped(self) -> bool:
        return self.stop.is_set() or self.halt.is_set()


# A change is seen once committed, and on PostgreSQL a history's numbers are not handed out
# in commit order: a read takes the actions changed since the read this long before the
# last one, so that none slips between two reads.
CHANGES_SETTLE = timedelta(minutes=10)


@dataclass
class Planner:
    """What the last planning read left, so that a quiet minute reads only what can owe
    something, not every late action (a late action is planned again each minute until its
    next slot, and the log says it was sent).

    Every action is read (a full read) at the first planning of a process, whenever a
    cluster's day of reminders opens (its send hour, see planning.window_opened: the only
    instants at which an action's slot falls due), whenever what decides reminders and
    recipients besides an action's own row changes (storage.reminders.planning_inputs:
    time zones, settings, people, parts), and after a read that owed an unreachable notice.
    In between, a read takes only the actions changed since the last read (reopened, other
    owners: every change of an action is an event of its history, numbered, so that a
    quiet minute knows there is none from one number) and those the last read
    left owing something (not sent yet, postponed, no answer, nobody to receive it). Every
    other action owed nothing at the last read and nothing has changed that could make it
    owe: the reminders owed are exactly those of a full read, minute after minute
    (tests/reminders/test_bounded_planning.py plays a week of sweeps both ways).
    """

    inputs: PlanningInputs | None = None
    read_at: datetime | None = None
    carried: frozenset[int] = frozenset()
    full_next: bool = True
    # (when a read was made, the last event of any action's history it saw), from the last
    # one older than CHANGES_SETTLE on.
    marks: list[tuple[datetime, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def bound(self, inputs: PlanningInputs, now: datetime, latest_event: int) -> ActionBound | None:
        """None: read every action."""
        last = self.read_at
        if self.full_next or last is None or inputs != self.inputs or now < last:
            return None
        settings = dict(inputs.settings)
        for cluster_id, timezone in inputs.clusters:
            cluster_settings = settings.get(cluster_id, ReminderSettings())
            if window_opened(now, timezone, cluster_settings) > last:
                return None
        settled = [event for at, event in self.marks if at <= last - CHANGES_SETTLE]
        # Just started: every action with a history, for the first minutes.
        after = settled[-1] if settled else 0
        return ActionBound(events_after=after, latest_event=latest_event, carried=self.carried)

    def keep(
        self,
        inputs: PlanningInputs,
        now: datetime,
        latest_event: int,
        carried: set[int],
        full_next: bool,
    ) -> None:
        self.inputs, self.read_at = inputs, now
        self.carried, self.full_next = frozenset(carried), full_next
        self.marks.append((now, latest_event))
        settled = [n for n, (at, _) in enumerate(self.marks) if at <= now - CHANGES_SETTLE]
        if settled:
            del self.marks[: settled[-1]]


# One per database, for the life of the process: a restart reads everything once.
_PLANNERS: weakref.WeakKeyDictionary[Database, Planner] = weakref.WeakKeyDictionary()
_PLANNERS_LOCK = threading.Lock()


def planner_of(db: Database) -> Planner:
    with _PLANNERS_LOCK:
        return _PLANNERS.setdefault(db, Planner())


# Recipients, the actions' read models and the log's lookups are found for a few clusters
# at a time, up to this many clusters or open dated actions (whole clusters): what a busy
# morning builds and drops is one batch's, not every cluster's at once. The allocator keeps
# the peak: a first sweep that held it all left the idle bot 10 MB larger. A meeting's or a
# milestone's reminder goes to every member: clusters count as much as their actions.
BATCH_CLUSTERS = 10
BATCH_ACTIONS = 500


def _plan_digests(
    db: Database, now: datetime, report: SweepReport, planner: Planner | None = None
) -> list[Digest]:
    """Plan every cluster, find who receives what, and keep what the log does not hold yet:
    one session, which only reads. `report.planned` counts what this read planned: with a
    bounded read (see Planner), not the late actions already reminded."""
    planner = planner if planner is not None else planner_of(db)
    with planner.lock, db.session() as session:
        inputs = planning_inputs(session=session)
        latest = latest_action_event(session=session)
        bound = planner.bound(inputs, now, latest)
        snapshots = reminder_snapshots(session=session, now=now, bound=bound)
        owed = _OwedSoFar()
        # Still owing: what goes out now (it may be postponed or get no answer, below), and
        # what found nobody to receive it (someone may join).
        carried: set[int] = set()
        planned_count = 0
        for batch in _batches(snapshots):
            planned_count += _plan_batch(session, batch, now, report, owed, carried)
        report.planned = planned_count
        digests = owed.digests()
        owed_items = [item for d in digests for item in d.items]
        carried |= _actions_of(owed_items)
        # A notice goes with a cluster that owes something: only a full read knows which.
        notices = any(isinstance(item, UnreachableNotice) for item in owed_items)
        planner.keep(inputs, now, latest, carried, full_next=notices)
        return digests


def _batches(snapshots: Sequence[ReminderSnapshot]) -> Iterator[list[ReminderSnapshot]]:
    """The clusters in their order, a few at a time (BATCH_CLUSTERS, BATCH_ACTIONS)."""
    batch: list[ReminderSnapshot] = []
    size = 0
    for snapshot in snapshots:
        if batch and (len(batch) == BATCH_CLUSTERS or size + len(snapshot.actions) > BATCH_ACTIONS):
            yield batch
            batch, size = [], 0
        batch.append(snapshot)
        size += len(snapshot.actions)
    if batch:
        yield batch


def _plan_batch(
    session: Session,
    snapshots: Sequence[ReminderSnapshot],
    now: datetime,
    report: SweepReport,
    owed: _OwedSoFar,
    carried: set[int],
) -> int:
    """Plan these clusters and add what they owe to `owed`, the actions that found nobody to
    receive them to `carried`; the number of reminders planned."""
    planned = {s.cluster_id: plan(s, now) for s in snapshots}
    count = sum(len(p) for p in planned.values())
    busy = [s for s in snapshots if planned[s.cluster_id]]
    if not busy:
        return count
    people_of = cluster_people(session=session, cluster_ids={s.cluster_id for s in busy})
    planned = _not_handed_over(session, busy, planned, people_of, now)
    busy = [s for s in busy if planned[s.cluster_id]]
    addressed = [
        pair
        for facts in _cluster_facts(session, busy, planned, people_of, now)
        for pair in who_receives(planned[facts.snapshot.cluster_id], facts, now)
    ]
    owed.add(session, _by_recipient(addressed), now, report)
    carried |= {
        p.subject.id for ps in planned.values() for p in ps if p.subject.kind == "action"
    } - _actions_of(item for _, item in addressed)
    return count


def _actions_of(items: Iterable[Item]) -> set[int]:
    return {
        item.planned.subject.id
        for item in items
        if not isinstance(item, UnreachableNotice) and item.planned.subject.kind == "action"
    }


def _not_handed_over(
    session: Session,
    busy: Sequence[ReminderSnapshot],
    planned: Mapping[int, list[Planned]],
    people_of: Mapping[int, ClusterPeople],
    now: datetime,
) -> dict[int, list[Planned]]:
    """Without a past morning's reminders that someone already received: _owed gives them to
    nobody (see _handed_over_late), so their recipients need not be found, which on a busy
    morning is most of the late actions, planned again until their next weekly slot. Kept in
    a cluster where someone cannot be reached: such a reminder still tells the coordinators
    about them (reminders.recipients), and the log decides whether that is owed."""
    past: dict[tuple[str, str, str], list[Planned]] = {}
    for s in busy:
        people = people_of.get(s.cluster_id)
        if people is None or not all(p.can_receive for p in people.members):
            continue
        today = now.astimezone(people.cluster.tz).date()
        for p in planned[s.cluster_id]:
            if p.day < today:
                past.setdefault((str(p.subject), p.kind_key, p.day.isoformat()), []).append(p)
    received = logged_slots(session=session, slots=past)
    dropped = {id(p) for slot in received for p in past[slot]}
    return {cid: [p for p in ps if id(p) not in dropped] for cid, ps in planned.items()}


def _cluster_facts(
    session: Session,
    busy: Sequence[ReminderSnapshot],
    planned: Mapping[int, list[Planned]],
    people_of: Mapping[int, ClusterPeople],
    now: datetime,
) -> list[ClusterFacts]:
    """What decides the recipients of each cluster that owes something: three queries for
    all of them, however many clusters and reminders."""
    actions = actions_of_clusters(
        session=session,
        action_ids={
            s.cluster_id: [
                p.subject.id for p in planned[s.cluster_id] if p.subject.kind == "action"
            ]
            for s in busy
        },
        cluster_names={
            cid: people.cluster.short_name or people.cluster.name
            for cid, people in people_of.items()
        },
    )
    # A meeting's reminder lists each member's open actions: read only where one is due.
    meeting_clusters = {
        s.cluster_id
        for s in busy
        if any(p.kind == ReminderKind.MEETING for p in planned[s.cluster_id])
    }
    open_actions = open_actions_of_clusters(session=session, cluster_ids=meeting_clusters)
    # The parts of the shared ones, for every cluster at once: one call, a few queries.
    candidates = [*actions.values(), *(a for listed in open_actions.values() for a in listed)]
    shared = sorted({a.id for a in candidates if may_be_shared(a.owners)})
    parts = parts_of(session=session, action_ids=shared)
    return [
        ClusterFacts(
            people_of[s.cluster_id],
            s,
            actions,
            open_actions.get(s.cluster_id, []),
            parts=parts,
            follow_up=_review_of(session, s, planned[s.cluster_id], people_of[s.cluster_id], now),
        )
        for s in busy
        if s.cluster_id in people_of
    ]


def _review_of(
    session: Session,
    snapshot: ReminderSnapshot,
    planned: Sequence[Planned],
    people: ClusterPeople,
    now: datetime,
) -> FollowUp | None:
    """The follow-up of the day's meeting, read only for a cluster that posts it now; none
    once the meeting walks its review (a post owed late would interrupt it)."""
    meetings = [p.subject.id for p in planned if p.kind == ReminderKind.REVIEW]
    if not meetings or any(review_begun(session=session, meeting_id=m) for m in meetings):
        return None
    return follow_up(session=session, cluster_id=snapshot.cluster_id, now=now, tz=people.cluster.tz)


def _by_recipient(addressed: Iterable[Addressed]) -> list[tuple[Recipient, list[Item]]]:
    """Each recipient's items, recipients in the order they first come: one digest each,
    whichever clusters the items come from."""
    gathered: dict[str, tuple[Recipient, list[Item]]] = {}
    for recipient, item in addressed:
        gathered.setdefault(recipient.key, (recipient, []))[1].append(item)
    return list(gathered.values())


class _OwedSoFar:
    """What the batches found owed so far, by recipient, each key once: a person in several
    clusters gets one digest, and an item two clusters owe them goes once."""

    def __init__(self) -> None:
        self.owed: dict[str, tuple[Recipient, dict[ReminderKey, Item]]] = {}
        self.resend: set[ReminderKey] = set()

    def add(
        self,
        session: Session,
        gathered: Sequence[tuple[Recipient, list[Item]]],
        now: datetime,
        report: SweepReport,
    ) -> None:
        # The log decides what is still owed: one key per item and recipient, made once.
        keyed = [[(item_key(i, r), i) for i in items] for r, items in gathered]
        logged = logged_keys(session=session, keys=[key for pairs in keyed for key, _ in pairs])
        self.resend |= logged.resend
        for (recipient, _), pairs in zip(gathered, keyed, strict=True):
            owed = self.owed.setdefault(recipient.key, (recipient, {}))[1]
            for key, item in pairs:
                if key in logged.keys or _handed_over_late(item, key, logged.slots, now):
                    report.already_sent += 1
                else:
                    owed.setdefault(key, item)

    def digests(self) -> list[Digest]:
        """The items the log does not hold yet, in reading order; recipients in the order
        they first came."""
        return [
            Digest(
                recipient,
                tuple(sorted(owed.values(), key=_sort_key)),
                frozenset(owed) & self.resend,
            )
            for recipient, owed in self.owed.values()
            if owed
        ]


def _handed_over_late(
    item: Item, key: ReminderKey, slots: set[tuple[str, str, str]], now: datetime
) -> bool:
    """A past morning's reminder that its first recipient got is not sent again to whoever
    stands in for them later (a coordinator learns of a blocked focal point on Monday: they
    get Monday's reminders, not Friday's)."""
    if isinstance(item, UnreachableNotice) or (key.subject, key.kind, key.slot) not in slots:
        return False
    return item.planned.day < now.astimezone(item.cluster.tz).date()


async def _deliver(run: _Run, digest: Digest) -> None:
    recipient = digest.recipient
    chat_id = recipient.chat_id
    for index, part in enumerate(run.outbox.compose(digest, run.now)):
        if run.stopped:
            return
        if index:
            await run.pause(SAME_CHAT_GAP)
        keys = [item_key(i, recipient) for i in part.items]
        # Claim, then send, then record. Telegram's sendMessage has no idempotency key, so
        # exactly-once is out of reach; of the two other choices this is the one that cannot
        # repeat a message. If the process dies after the claim, the row stays "sending" and
        # the next sweep skips it: at worst what is on the wire in the instant of a crash is
        # lost (and named by settle_interrupted at start), never sent twice. The claim is
        # written when the rate limiter gives the message its turn, not before it waits. Sending
        # first and recording after would resend the whole digest after every crash.
        chat_id, result = await _send(run, chat_id, part, keys, digest.repeats)
        if isinstance(result, NotClaimed):
            continue
        try:
            await _record(run, recipient, keys, chat_id, result, digest.repeats)
        finally:
            run.on_wire.discard(asyncio.current_task())  # recorded: a stop may now drop it
        if not isinstance(result, Sent):
            return


# Claims are written off the loop, one at a time in the order they were asked for: the
# digest first at its turn is the first on the wire, so after a failure the ones behind it
# find the sweep stopped (a probe during a hang is the same digest from sweep to sweep, and
# only its recipient is told it may be a repeat). They would take turns at the database's
# write lock anyway.
_CLAIMS = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="relance-claim")


async def writes_settled() -> None:
    """Wait until the claims and records the sweep has begun have landed. A sweep cancelled
    while its thread writes (a test's stand-in for SIGKILL) does not stop the thread: what
    it was writing lands after, as it would not after a real kill."""
    await asyncio.get_running_loop().run_in_executor(_CLAIMS, lambda: None)


def _claim(db: Database, keys: list[ReminderKey], part: Part, chat_id: int, now: datetime) -> bool:
    """In a thread: False when another sweep (another process) claimed some of these first,
    which the log's unique key decides: it sends them, not us."""
    try:
        with db.session() as session:
            late = [item_late(i) for i in part.items]
            claim(session=session, keys=keys, chat_id=chat_id, late=late, now=now)
    except IntegrityError:
        return False
    return True


def _unclaim(
    db: Database,
    keys: list[ReminderKey],
    chat_id: int,
    result: TryLater,
    repeats: frozenset[ReminderKey],
    now: datetime,
) -> None:
    with db.session() as session:
        _store_try_later(session, keys, result, repeats)


async def _claimed_already() -> bool:
    return True


async def _send(
    run: _Run,
    chat_id: int,
    part: Part,
    keys: list[ReminderKey],
    repeats: frozenset[ReminderKey],
) -> tuple[int, SendResult]:
    """The result, and the chat it came from: a group that became a supergroup is followed,
    and sent to there once, along with the rest of its digest."""
    task = asyncio.current_task()
    assert task is not None

    async def claim_now() -> bool:
        if run.stopped:
            return False
        run.on_wire.add(task)  # from now on a stop lets it finish, the claim included
        loop = asyncio.get_running_loop()
        claimed = await loop.run_in_executor(_CLAIMS, _claim, run.db, keys, part, chat_id, run.now)
        if not claimed:
            run.report.already_sent += len(keys)
        elif run.stopped:
            # Another digest met a failure, or the bot was told to stop, while this claim
            # was being written: it goes with the next sweep instead, released as a request
            # that never left (a repeat stays one, see _store).
            never_left = TryLater("the sweep stopped before it was sent")
            await asyncio.to_thread(_unclaim, run.db, keys, chat_id, never_left, repeats, run.now)
            claimed = False
        if not claimed:
            run.on_wire.discard(task)
        return claimed

    try:
        result = await run.outbox.send(chat_id, part, claim_now)
        if isinstance(result, Migrated):
            await asyncio.to_thread(_moved, run.db, chat_id, result.new_chat_id)
            chat_id = result.new_chat_id
            result = await run.outbox.send(chat_id, part, _claimed_already)
    except BaseException:
        run.on_wire.discard(task)
        raise
    # Still on the wire until its fate is recorded (_deliver): a stop lets that finish.
    return chat_id, result


def _moved(db: Database, old_chat_id: int, new_chat_id: int) -> None:
    with db.session() as session:
        move_cluster_chat(session=session, old_chat_id=old_chat_id, new_chat_id=new_chat_id)


async def _record(
    run: _Run,
    recipient: Recipient,
    keys: list[ReminderKey],
    chat_id: int,
    result: SendResult,
    repeats: frozenset[ReminderKey] = frozenset(),
) -> None:
    """The log says what became of the message. Written in a thread, as every write of the
    sweep: a write lock held by another program stalls this digest, not the bot's loop (and
    every user's reply with it); the report is kept on the loop."""
    if isinstance(result, Uncertain) or (isinstance(result, TryLater) and result.network_down):
        # Either way the sweep stops, before the other digests take their next turn: the
        # next message would most likely meet the same fate (a network that is down, a link
        # that hangs), and each one more is one more whose fate is unknown.
        run.stop.set()
    # On the claims' thread, after the claims asked for before it: writes_settled() can
    # then wait for every write the sweep has begun.
    store = functools.partial(_store, run.db, recipient, keys, chat_id, result, repeats, run.now)
    await asyncio.get_running_loop().run_in_executor(_CLAIMS, store)
    _account(run, recipient, keys, result)


def _store(
    db: Database,
    recipient: Recipient,
    keys: list[ReminderKey],
    chat_id: int,
    result: SendResult,
    repeats: frozenset[ReminderKey],
    now: datetime,
) -> None:
    with db.session() as session:
        if isinstance(result, Sent):
            record_sent(
                session=session, keys=keys, chat_id=chat_id, message_id=result.message_id, now=now
            )
        elif isinstance(result, Unreachable):
            # Kept as failed: no retry storm. A person's reminders go to the coordinators
            # from the next sweep on, since planning only picks reachable people.
            record_failed(session=session, keys=keys, error=result.reason)
            if recipient.member_id is not None:
                mark_unreachable(session=session, member_id=recipient.member_id, now=now)
        elif isinstance(result, Refused | Migrated):
            record_failed(session=session, keys=keys, error=getattr(result, "reason", "migrated"))
        elif isinstance(result, Uncertain):
            record_uncertain(session=session, keys=keys, error=result.reason, resend=result.resend)
        elif isinstance(result, TryLater):
            _store_try_later(session, keys, result, repeats)


def _store_try_later(
    session: Session, keys: list[ReminderKey], result: TryLater, repeats: frozenset[ReminderKey]
) -> None:
    """Not delivered: released for the next sweep. A repeat stays one: the send it repeats
    may have arrived, so when it goes it must still say so (released, it would go as if it
    were the first)."""
    again = [k for k in keys if k in repeats]
    release(session=session, keys=[k for k in keys if k not in repeats])
    if again:
        record_uncertain(session=session, keys=again, error=result.reason, resend=True)


def _account(run: _Run, recipient: Recipient, keys: list[ReminderKey], result: SendResult) -> None:
    report = run.report
    if isinstance(result, Sent):
        report.messages_sent += 1
        report.reminders_sent += len(keys)
    elif isinstance(result, Unreachable):
        report.unreachable.append(recipient.key)
        log.warning("reminder to %s refused: %s", recipient.key, result.reason)
    elif isinstance(result, Refused | Migrated):
        report.refused += 1
        log.error("reminder to %s refused for good: %s", recipient.key, result)
    elif isinstance(result, Uncertain):
        if result.resend:
            report.resend += 1
            log.warning(
                "reminder to %s got no answer (%s): sent again next sweep, as a possible "
                "repeat: %s",
                recipient.key,
                result.reason,
                ", ".join(f"{k.subject} {k.kind}" for k in keys),
            )
        else:
            report.uncertain += 1
            log.warning(
                "reminder to %s may not have arrived (%s), not sent again: %s",
                recipient.key,
                result.reason,
                ", ".join(f"{k.subject} {k.kind}" for k in keys),
            )
    elif isinstance(result, TryLater):
        report.retry_later += 1
        if result.network_down:
            report.network_down = True  # the sweep stopped (_record): the next one retries
        log.warning("reminder to %s postponed: %s", recipient.key, result.reason)
