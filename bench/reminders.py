"""Deliver one busy morning of reminders through the real sweep, against a rate-limited stand-in.

Run from the repository root:

    .venv/bin/python bench/reminders.py [--clusters 20] [--focal-points 1000] [--rate 30]
    .venv/bin/python bench/reminders.py --fault hang|cut|kill|term [--fault-after 100]
    .venv/bin/python bench/reminders.py --scale [--scale-actions 20000,200000]
        [--log-rows 0,100000,1000000]

A fresh SQLite file is migrated and filled: clusters with one coordinator each, one
organisation per focal point, each organisation owning open actions whose deadline reminders
(today, tomorrow, in three days) all fall due at the same Monday 08:00, plus background actions
that owe nothing today. The real Application (`bot.app.build_application`, PTB's
rate limiter and HTTPX transport) then runs `bot.reminders.run_sweep` at that instant against
the Bot API stand-in served on 127.0.0.1, which answers 429 beyond `--rate` sendMessage calls in
any sliding second, as Telegram does.

Printed: the delivery rate, the 429s (in all and after the first second), the duplicates and
the missing (each focal point must get exactly one digest), the planning time, a second sweep
at the same instant (it must send nothing), and the peak memory.

With `--fault`, the same morning goes through a link or a process that misbehaves (see
bench/faults.py) and what is printed is, for that mode, the digests delivered once, twice and
never, and the stop time.

With `--scale`, no delivery: the sweep's cost as the database grows. For each size of
`--scale-actions`, a world of that many actions (the same morning, plus background of which a
share, `--late-share` (5 %), is open and late, due up to two years ago, so that weekly overdue
reminders fall due every working day) is planned by the sweep's own planning step
(`reminders.delivery._plan_digests`: snapshots, plan(), recipients, the log's lookup): a busy
morning (the first sweep at NOW), then, once the morning is in the log, a quiet minute (the
same morning at 10:01, nothing new owed).
Then, for each size of `--log-rows`, the cost of recording one sent message (its claim and its
record_sent) with a reminder log of that many rows, and the query plan of each log lookup.

Exit status: 1 if a focal point got no message from the first sweep (a reminder postponed after
the rate limiter's last retry counts as missing) or more than one in all, if anyone else got a
message, or if the second sweep sent anything; the rate targets are printed for a human, never
enforced.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import (  # noqa: E402
    Connection,
    Table,
    bindparam,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.engine import Engine  # noqa: E402
from sqlmodel import SQLModel  # noqa: E402

from bench.database import follow_explicit_ids  # noqa: E402
from bench.faults import (  # noqa: E402
    FaultPlan,
    faulty_server,
    outcome,
    print_outcome,
    run_process_fault,
)
from bot.app import build_application  # noqa: E402
from bot.reminders import run_sweep  # noqa: E402
from reminders.delivery import Digest, SweepReport, _plan_digests, item_key  # noqa: E402
from reminders.planning import Audience, plan  # noqa: E402
from storage.db import Database, UTCDateTime  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import DeadlinePrecision, OwnerKind, Role, Status  # noqa: E402
from storage.reminders import ReminderKey, claim, record_sent, reminder_snapshots  # noqa: E402
from tests.fakes.botapi import FakeBotApi, RateLimitRecord  # noqa: E402
from tests.fakes.botapi_http import BotApiServer  # noqa: E402

TOKEN = "123456789:AAEbenchTokenForRelanceRemindersXXXXX"
TIMEZONE = "Africa/Bamako"
# A Monday, at the clusters' send hour (08:00 in Bamako, which is UTC): every morning slot
# of the world below falls due exactly now, so the sweep has the whole morning to deliver.
NOW = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
# Deadlines, in days from NOW, whose reminder slot is this morning with the default settings
# (3 and 1 day before, and the day itself): a digest then holds one item of each kind.
DUE_IN_DAYS = (1, 3, 0)

RATE_TARGET = 27.0  # messages a second, on average, at least

TELEGRAM_USER_BASE = 60_000_000
CHAT_ID_BASE = -1003000000000  # supergroups: -100...


# --------------------------------------------------------------------------- the data


@dataclass
class World:
    """Who should receive what, to check the stand-in's record against."""

    focal_chats: set[int] = field(default_factory=set)
    other_chats: set[int] = field(default_factory=set)  # coordinators and groups: nothing today
    reminders_due: int = 0
    rows: dict[str, int] = field(default_factory=dict)


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def _insert(conn: Connection, name: str, rows: list[dict[str, Any]], world: World) -> None:
    # Chunked, as in bench/commands.py: bounded batches keep the driver's buffers small.
    for start in range(0, len(rows), 5000):
        conn.execute(insert(_table(name)), rows[start : start + 5000])
    if "id" in _table(name).c:
        follow_explicit_ids(conn, name)
    world.rows[name] = world.rows.get(name, 0) + len(rows)


def _end_of_day(day: date, tz: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=tz).astimezone(UTC)


def fill(
    engine: Engine, args: argparse.Namespace, rng: random.Random, late_share: float = 0.0
) -> World:
    """Bulk-insert the whole world in one transaction (Core executemany). `late_share` of
    the background is open and late (due 1 to 730 days ago): weekly overdue reminders."""
    world = World()
    tz = ZoneInfo(TIMEZONE)
    today = NOW.astimezone(tz).date()
    long_ago = NOW - timedelta(days=30)
    with engine.begin() as conn:
        # Organisations: the migration seeds some (OCHA among them); one more per focal point,
        # so each digest is one organisation's and no two focal points share an action.
        seeded = dict(
            conn.execute(
                select(_table("organisation").c.acronym, _table("organisation").c.id)
            ).all()
        )
        ocha = seeded["OCHA"]
        first_org = max(seeded.values()) + 1
        orgs = [
            {
                "id": first_org + n,
                "acronym": f"ONG-{n + 1:04d}",
                "full_name": f"Organisation partenaire numéro {n + 1}",
                "aliases": [],
            }
            for n in range(args.focal_points)
        ]
        _insert(conn, "organisation", orgs, world)

        clusters, cluster_orgs, members, memberships = [], [], [], []
        for n in range(args.clusters):
            cid = n + 1
            chat_id = CHAT_ID_BASE - cid
            clusters.append(
                {
                    "id": cid,
                    "name": f"Cluster {cid}",
                    "short_name": f"C{cid}",
                    "chat_id": chat_id,
                    "timezone": TIMEZONE,
                    "created_at": NOW - timedelta(days=400),
                }
            )
            cluster_orgs.append({"cluster_id": cid, "organisation_id": ocha})
            world.other_chats.add(chat_id)
            # A reachable coordinator: were a focal point's reminder to fall back to the
            # coordinators, it would show as a message to someone unexpected.
            members.append(_member(cid, f"Coordination {cid}", ocha, long_ago))
            memberships.append(_membership(cid, cid, Role.COORDINATOR, long_ago))
            world.other_chats.add(TELEGRAM_USER_BASE + cid)
        # Focal points dealt round the clusters: --focal-points / --clusters in each.
        cluster_of: dict[int, int] = {}
        for n in range(args.focal_points):
            cid, org, mid = n % args.clusters + 1, first_org + n, args.clusters + n + 1
            cluster_of[org] = cid
            cluster_orgs.append({"cluster_id": cid, "organisation_id": org})
            members.append(_member(mid, f"Point focal {n + 1}", org, long_ago))
            memberships.append(_membership(cid, mid, Role.FOCAL_POINT, long_ago))
            world.focal_chats.add(TELEGRAM_USER_BASE + mid)
        _insert(conn, "cluster", clusters, world)
        _insert(conn, "cluster_organisation", cluster_orgs, world)
        _insert(conn, "member", members, world)
        _insert(conn, "membership", memberships, world)

        # Actions due this morning: `--actions-per-focal-point` for each organisation.
        actions: list[dict[str, Any]] = []
        owners: list[dict[str, Any]] = []

        def add_action(org: int, due_at: datetime | None, status: Status) -> None:
            aid = len(actions) + 1
            actions.append(
                {
                    "id": aid,
                    "cluster_id": cluster_of[org],
                    "meeting_id": None,
                    "description": f"Partager la matrice 3W du trimestre (lot {aid})",
                    "due_at": due_at,
                    "deadline_precision": (
                        DeadlinePrecision.DAY if due_at else DeadlinePrecision.UNDATED
                    ).value,
                    "deadline_label": None,
                    "deadline_text": due_at.strftime("%d/%m") if due_at else None,
                    "meeting_offset_days": None,
                    "status": status.value,
                    "created_by_member_id": cluster_of[org],  # the cluster's coordinator
                    "created_at": long_ago,
                    "updated_at": long_ago,
                    # Set long before this morning's slot, so that slot is owed.
                    "deadline_set_at": long_ago,
                }
            )
            owners.append(
                {
                    "id": aid,
                    "action_id": aid,
                    "position": 0,
                    "kind": OwnerKind.ORGANISATION.value,
                    "organisation_id": org,
                    "member_id": None,
                    "label": f"ONG-{org - first_org + 1:04d}",
                    "unknown": False,
                }
            )

        for org in cluster_of:
            for k in range(args.actions_per_focal_point):
                days = DUE_IN_DAYS[k % len(DUE_IN_DAYS)]
                add_action(org, _end_of_day(today + timedelta(days=days), tz), Status.TODO)
                world.reminders_due += 1
        # Background the planning query must read and drop: open actions due well beyond
        # three days (no slot yet), undated ones, and closed ones whose deadline has passed.
        org_ids = sorted(cluster_of)
        for _ in range(args.background_actions):
            org, roll = rng.choice(org_ids), rng.random()
            if roll < late_share:
                earlier = today - timedelta(days=rng.randint(1, 730))
                add_action(
                    org, _end_of_day(earlier, tz), rng.choice([Status.TODO, Status.IN_PROGRESS])
                )
                continue
            roll = (roll - late_share) / (1 - late_share)
            if roll < 0.5:
                later = today + timedelta(days=rng.randint(10, 120))
                add_action(org, _end_of_day(later, tz), Status.IN_PROGRESS)
            elif roll < 0.6:
                add_action(org, None, Status.TODO)
            else:
                earlier = today - timedelta(days=rng.randint(1, 200))
                add_action(
                    org, _end_of_day(earlier, tz), rng.choice([Status.DONE, Status.CANCELLED])
                )
        _insert(conn, "action", actions, world)
        _insert(conn, "action_owner", owners, world)
    with engine.begin() as conn:
        # Fresh statistics, as a database that has lived a while would have after ANALYZE.
        conn.exec_driver_sql("ANALYZE")
    return world


def _member(mid: int, name: str, org: int, at: datetime) -> dict[str, Any]:
    return {
        "id": mid,
        "telegram_user_id": TELEGRAM_USER_BASE + mid,
        "display_name": name,
        "telegram_username": None,
        "aliases": [],
        "organisation_id": org,
        "reachable": True,  # has started the bot: private messages can reach them
        "unreachable_since": None,
        "created_at": at,
    }


def _membership(cid: int, mid: int, role: Role, at: datetime) -> dict[str, Any]:
    return {"cluster_id": cid, "member_id": mid, "role": role.value, "created_at": at}


# --------------------------------------------------------------------------- measuring


class FrozenClock:
    def now(self) -> datetime:
        return NOW


class SqlTimer:
    """Time spent inside SQL statements, to tell database time from waiting on the limiter."""

    def __init__(self, engine: Engine) -> None:
        self.seconds = 0.0
        self.statements = 0
        self._started: list[float] = []
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, *_args: Any) -> None:
        self._started.append(time.perf_counter())

    def _after(self, *_args: Any) -> None:
        if self._started:
            self.seconds += time.perf_counter() - self._started.pop()
            self.statements += 1

    def reset(self) -> None:
        self.seconds, self.statements = 0.0, 0


def time_planning(db: Database, repeat: int) -> list[float]:
    """Just the planning query: every cluster's snapshot, then plan() on each."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        with db.session() as session:
            snapshots = reminder_snapshots(session=session, now=NOW)
            planned = sum(len(plan(s, NOW)) for s in snapshots)
        samples.append(time.perf_counter() - started)
    assert planned > 0, "the world owes nothing this morning: the benchmark measures nothing"
    return samples


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@dataclass
class Delivery:
    """What the stand-in saw, checked against who should have received what.

    The rate and the 429s are the first sweep's. A reminder the first sweep postponed (429
    after the limiter's last retry) is owed to the next sweep: `missing` counts it, and
    `still_missing` tells whether the second sweep caught it up. Duplicates and unexpected
    recipients are counted over both sweeps.
    """

    delivered: int
    record: RateLimitRecord
    duplicates: int  # messages beyond the first to a focal point
    missing: int  # focal points with no message after the first sweep
    still_missing: int  # ... and after the second
    unexpected: int  # messages to anyone else (coordinators, groups)

    @property
    def first_call(self) -> float:
        return min(self.record.admitted + self.record.refused, default=0.0)

    @property
    def span(self) -> float:
        admitted = self.record.admitted
        return admitted[-1] - admitted[0] if len(admitted) > 1 else 0.0

    @property
    def rate(self) -> float:
        # Intervals over time: n messages evenly spaced span n - 1 gaps.
        return (self.delivered - 1) / self.span if self.span else 0.0

    @property
    def late_429s(self) -> int:
        return sum(1 for t in self.record.refused if t > self.first_call + 1.0)


def sent_per_chat(api: FakeBotApi) -> Counter[int]:
    return Counter(int(m["chat_id"]) for m in api.sent())


def delivery(
    world: World, first: Counter[int], both: Counter[int], record: RateLimitRecord
) -> Delivery:
    """`first`: messages per chat after the first sweep; `both`: after the second."""
    return Delivery(
        delivered=sum(first.values()),
        record=record,
        duplicates=sum(n - 1 for chat, n in both.items() if chat in world.focal_chats and n > 1),
        missing=sum(1 for chat in world.focal_chats if first[chat] == 0),
        still_missing=sum(1 for chat in world.focal_chats if both[chat] == 0),
        unexpected=sum(n for chat, n in both.items() if chat not in world.focal_chats),
    )


def timeline(record: RateLimitRecord, start: float) -> list[tuple[int, int, int]]:
    """(second, admitted, refused) for each second from the first call."""
    seconds: dict[int, list[int]] = {}
    for times, index in ((record.admitted, 0), (record.refused, 1)):
        for t in times:
            seconds.setdefault(int(t - start), [0, 0])[index] += 1
    out = []
    for second in range(max(seconds, default=-1) + 1):
        admitted, refused = seconds.get(second, [0, 0])
        out.append((second, admitted, refused))
    return out


def logged_states(engine: Engine) -> Counter[str]:
    table = _table("reminder_log")
    with engine.connect() as conn:
        rows = conn.execute(select(table.c.state, func.count()).group_by(table.c.state)).all()
    return Counter({state: int(count) for state, count in rows})


# --------------------------------------------------------------------------- main


async def bench(args: argparse.Namespace, directory: Path) -> int:
    rng = random.Random(args.seed)
    db = Database.from_url(f"sqlite:///{directory / 'bench.db'}")
    try:
        started = time.perf_counter()
        upgrade(db.engine)
        migrated = time.perf_counter()
        world = fill(db.engine, args, rng)
        filled = time.perf_counter()
        print(f"migrate: {migrated - started:.2f} s, fill: {filled - migrated:.2f} s")
        print("  rows: " + ", ".join(f"{n} {t}" for t, n in world.rows.items()))
        print(
            f"  {len(world.focal_chats)} focal points in {args.clusters} clusters, "
            f"{world.reminders_due} reminders due at {NOW:%A %Y-%m-%d %H:%M} UTC"
        )

        if args.fault is not None:
            return await fault_bench(args, db, world, directory)
        samples = time_planning(db, args.repeat)
        print(
            f"planning query (reminder_snapshots + plan, all clusters), {args.repeat} runs: "
            f"median {statistics.median(samples) * 1000:.1f} ms, "
            f"min {min(samples) * 1000:.1f} ms, max {max(samples) * 1000:.1f} ms"
        )

        api = FakeBotApi()
        api.limit_rate(per_second=args.rate)
        sql = SqlTimer(db.engine)
        with BotApiServer(api) as server:
            app = build_application(
                token=TOKEN,
                db=db,
                clock=FrozenClock(),
                default_timezone=TIMEZONE,
                base_url=server.base_url,
                base_file_url=server.base_file_url,
                rate_limit=True,
                sweep_every=None,
            )
            await app.initialize()
            # The fill's garbage is not the sweep's: collect it before timing.
            gc.collect()
            try:
                sql.reset()
                swept_from = time.perf_counter()
                first = await run_sweep(app)
                swept = time.perf_counter() - swept_from
                sql_first = (sql.seconds, sql.statements)
                after_first, record = sent_per_chat(api), api.rate_limit_record()
                second = await run_sweep(app)
            finally:
                await app.shutdown()
        seen = delivery(world, after_first, sent_per_chat(api), record)
        states = logged_states(db.engine)
    finally:
        db.dispose()

    report(args, world, seen, first, second, swept, sql_first, states)
    return 0 if correct(seen, second) else 1


async def fault_bench(args: argparse.Namespace, db: Database, world: World, directory: Path) -> int:
    per_digest = args.actions_per_focal_point
    if args.fault in ("kill", "term"):
        result = run_process_fault(
            args.fault,
            args=args,
            engine=db.engine,
            workdir=directory,
            focal_chats=world.focal_chats,
            per_digest=per_digest,
            token=TOKEN,
            now_iso=NOW.isoformat(),
        )
    else:
        api = FakeBotApi()
        api.limit_rate(per_second=args.rate)
        plan_ = FaultPlan(args.fault, args.fault_after, args.hang_seconds)
        sweeps = 0
        with faulty_server(api, plan_) as server:
            app = build_application(
                token=TOKEN,
                db=db,
                clock=FrozenClock(),
                default_timezone=TIMEZONE,
                base_url=server.base_url,
                base_file_url=server.base_file_url,
                rate_limit=True,
                sweep_every=None,
            )
            await app.initialize()
            try:
                # Sweeps back to back, as the job would every minute, until one owes nothing.
                while sweeps < 500:
                    report_ = await run_sweep(app)
                    sweeps += 1
                    pending = report_.messages_sent or report_.resend or report_.retry_later
                    settled = args.fault != "hang" or plan_.hang_over()
                    if not pending and not report_.uncertain and settled:
                        break
            finally:
                await app.shutdown()
        result = outcome(world.focal_chats, api, per_digest)
        result.note = f"{sweeps} sweeps; faults met: {dict(plan_.met)}"
    print_outcome(args.fault, result, args)
    return 0 if result.passed(args.fault) else 1


def correct(seen: Delivery, second: SweepReport) -> bool:
    """Nobody got a reminder twice or missed the morning, nobody else was written to, and
    the second sweep at the same instant sent nothing (had the first postponed something,
    that would be counted as missing already)."""
    return (
        seen.duplicates == seen.missing == seen.still_missing == seen.unexpected == 0
        and second.messages_sent == 0
    )


def report(
    args: argparse.Namespace,
    world: World,
    seen: Delivery,
    first: SweepReport,
    second: SweepReport,
    swept: float,
    sql_first: tuple[float, int],
    states: Counter[str],
) -> None:
    record = seen.record
    print(f"\nsweep (stand-in: 429 beyond {args.rate} sendMessage a second)")
    print(
        f"  messages delivered: {seen.delivered} "
        f"(sweep report: {first.messages_sent} messages, {first.reminders_sent} reminders; "
        f"postponed {first.retry_later}, uncertain {first.uncertain}, "
        f"unreachable {len(first.unreachable)}, refused {first.refused})"
    )
    print(
        f"  first to last send: {seen.span:.2f} s; rate: {seen.rate:.1f} msg/s "
        f"(whole sweep {swept:.2f} s, {seen.delivered / swept if swept else 0:.1f} msg/s)"
    )
    print(f"  429s received: {len(record.refused)} in all, {seen.late_429s} after the first second")
    busiest = max((a for _, a, _ in timeline(record, seen.first_call)), default=0)
    print(f"  busiest second: {busiest} messages admitted")
    print(
        f"  duplicates: {seen.duplicates}, missing: {seen.missing}, unexpected: {seen.unexpected}"
    )
    if seen.missing:
        print(
            f"  (of the missing, {seen.missing - seen.still_missing} were caught up by the "
            f"second sweep, {seen.still_missing} never arrived)"
        )
    print("  reminder log: " + ", ".join(f"{n} {s}" for s, n in sorted(states.items())))
    sql_seconds, statements = sql_first
    print(
        f"  planning inside the sweep (SweepReport.planning_seconds): "
        f"{first.planning_seconds * 1000:.1f} ms"
    )
    per_message = sql_seconds / first.messages_sent * 1000 if first.messages_sent else 0.0
    print(
        f"  SQL during the sweep: {sql_seconds:.2f} s in {statements} statements "
        f"({per_message:.2f} ms a message)"
    )
    print(
        f"second sweep at the same instant: {second.messages_sent} messages sent "
        f"({first.retry_later} postponed by the first), "
        f"{second.already_sent} reminders already in the log"
    )
    print(f"peak memory (ru_maxrss): {peak_mb():.1f} MB")
    if args.timeline:
        print("\nsecond  admitted  refused")
        for second_, admitted, refused in timeline(record, seen.first_call):
            print(f"{second_:>6}  {admitted:>8}  {refused:>7}")

    print("\ntargets:")
    verdict = "PASS" if seen.rate >= RATE_TARGET else "FAIL"
    print(f"  {verdict}  rate {seen.rate:.1f} msg/s >= {RATE_TARGET:.0f}")
    verdict = "PASS" if seen.late_429s == 0 else "FAIL"
    print(f"  {verdict}  429s after the first second: {seen.late_429s} == 0")
    fine = seen.duplicates == seen.missing == seen.unexpected == 0
    print(f"  {'PASS' if fine else 'FAIL'}  duplicates, missing and unexpected all 0")
    verdict = "PASS" if second.messages_sent == 0 else "FAIL"
    print(f"  {verdict}  second sweep sent nothing")


# --------------------------------------------------------------------------- at scale

QUIET = NOW.replace(hour=10, minute=1)


def _median_ms(samples: list[float]) -> str:
    return (
        f"median {statistics.median(samples) * 1000:.1f} ms "
        f"(min {min(samples) * 1000:.1f}, max {max(samples) * 1000:.1f}, {len(samples)} runs)"
    )


def _plan_once(db: Database, now: datetime) -> tuple[float, SweepReport, list[Digest]]:
    report_ = SweepReport()
    started = time.perf_counter()
    digests = _plan_digests(db, now, report_)
    return time.perf_counter() - started, report_, digests


def _log_as_sent(engine: Engine, digests: list[Digest], at: datetime) -> int:
    """What a sweep would have written once every digest went out."""
    rows = [
        {
            "recipient": key.recipient,
            "subject": key.subject,
            "kind": key.kind,
            "slot": key.slot,
            "state": "sent",
            "chat_id": d.recipient.chat_id,
            "message_id": n,
            "late": False,
            "claimed_at": at,
            "sent_at": at,
            "error": None,
        }
        for n, d in enumerate(digests)
        for key in {item_key(i, d.recipient) for i in d.items}
    ]
    with engine.begin() as conn:
        for start in range(0, len(rows), 5000):
            conn.execute(insert(_table("reminder_log")), rows[start : start + 5000])
    return len(rows)


def _log_past_mornings(db: Database) -> int:
    """The log as the last seven days' mornings left it, each reminder sent on time to the
    focal point of its organisation (or the cluster's coordinator): so that this morning
    owes what is due this morning, not a week of late actions never reminded."""
    owner = _table("action_owner")
    member, membership = _table("member"), _table("membership")
    with db.engine.connect() as conn:
        org_of = dict(conn.execute(select(owner.c.action_id, owner.c.organisation_id)).all())
        focal = dict(
            conn.execute(
                select(member.c.organisation_id, member.c.id)
                .join(membership, membership.c.member_id == member.c.id)
                .where(membership.c.role == Role.FOCAL_POINT.value)
            ).all()
        )
    keys: set[tuple[str, str, str, str]] = set()
    for back in range(7, 0, -1):
        at = NOW - timedelta(days=back)
        with db.session() as session:
            snapshots = reminder_snapshots(session=session, now=at)
        for snapshot in snapshots:
            for p in plan(snapshot, at):
                if p.subject.kind != "action":
                    continue
                if Audience.COORDINATORS in p.audiences:
                    recipient = f"m:{snapshot.cluster_id}"  # the cluster's coordinator
                else:
                    recipient = f"m:{focal[org_of[p.subject.id]]}"
                keys.add((recipient, str(p.subject), p.kind_key, p.day.isoformat()))
    rows = [
        {
            "recipient": recipient,
            "subject": subject,
            "kind": kind,
            "slot": slot,
            "state": "sent",
            "chat_id": None,
            "message_id": None,
            "late": False,
            "claimed_at": NOW,
            "sent_at": NOW,
            "error": None,
        }
        for recipient, subject, kind, slot in sorted(keys)
    ]
    with db.engine.begin() as conn:
        for start in range(0, len(rows), 5000):
            conn.execute(insert(_table("reminder_log")), rows[start : start + 5000])
    return len(rows)


def planning_at_scale(args: argparse.Namespace, directory: Path, actions: int) -> None:
    path = directory / f"plan-{actions}.db"
    url = f"sqlite:///{path}"
    db = Database.from_url(url)
    upgrade(db.engine)
    sized = argparse.Namespace(**vars(args))
    sized.background_actions = max(0, actions - args.focal_points * args.actions_per_focal_point)
    started = time.perf_counter()
    world = fill(db.engine, sized, random.Random(args.seed), late_share=args.late_share)
    past = _log_past_mornings(db)
    print(
        f"\n{sum(n for t, n in world.rows.items() if t == 'action')} actions "
        f"({args.late_share:.0%} of the background open and late), "
        f"filled in {time.perf_counter() - started:.1f} s; the log holds the last week's "
        f"mornings, sent on time ({past} rows)"
    )
    db.dispose()
    # Each morning on a Database of its own: the first sweep a process makes.
    mornings: list[float] = []
    for _ in range(args.repeat):
        db = Database.from_url(url)
        seconds, morning, digests = _plan_once(db, NOW)
        mornings.append(seconds)
        db.dispose()
    print(
        f"  busy morning ({morning.planned} reminders planned, {len(digests)} digests): "
        + _median_ms(mornings)
    )
    db = Database.from_url(url)
    _plan_once(db, NOW)  # the morning of this process
    logged = _log_as_sent(db.engine, digests, NOW)
    _plan_once(db, QUIET.replace(minute=0))  # the first minute after: what the morning left
    quiet: list[float] = []
    owed = 0
    for minute in range(args.repeat * 2):
        seconds, _, digests = _plan_once(db, QUIET + timedelta(minutes=minute))
        quiet.append(seconds)
        owed += len(digests)
    db.dispose()
    print(
        f"  quiet minute (10:01 on, {logged} morning reminders in the log, "
        f"{owed} digests owed): " + _median_ms(quiet)
    )


def _fill_log(engine: Engine, rows: int) -> None:
    """Years of a log, written by SQLite itself (a million rows in seconds): four recipients
    per subject, weekly slots."""
    sql = text(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < :rows) "
        "INSERT INTO reminder_log (recipient, subject, kind, slot, state, chat_id, message_id, "
        "late, claimed_at, sent_at, error) "
        "SELECT 'm:' || (i % 997), 'action:' || (i / 4), 'overdue-7', "
        "date('2021-01-04', '+' || (7 * (i % 200)) || ' days'), 'sent', i % 997, i, 0, "
        ":at, :at, NULL FROM n"
    ).bindparams(bindparam("at", type_=UTCDateTime()))
    with engine.begin() as conn:
        # Built after the rows, as a CREATE INDEX sorts once: ten times faster than growing.
        indexes = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'reminder_log' AND sql IS NOT NULL"
        ).all()
        for name, _ in indexes:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
        if rows:
            conn.execute(sql, {"rows": rows, "at": NOW})
        for _, create in indexes:
            conn.exec_driver_sql(create)
    # No ANALYZE: the bot never runs it, so a live log has no statistics for the planner.


LOG_LOOKUPS = {
    "by subject and slot (the sweep's log lookup)": (
        "SELECT recipient, subject, kind, slot, state FROM reminder_log "
        "WHERE subject IN ('action:1', 'action:2') AND slot IN ('2025-03-03')"
    ),
    "by key (claim, record_sent, release)": (
        "SELECT id FROM reminder_log WHERE recipient = 'm:1' AND subject = 'action:1' "
        "AND kind = 'due-1' AND slot = '2025-03-03'"
    ),
    "by state (settle_interrupted, at start)": (
        "SELECT id FROM reminder_log WHERE state = 'sending'"
    ),
}


def recording_at_scale(args: argparse.Namespace, directory: Path, rows: int) -> None:
    db = Database.from_url(f"sqlite:///{directory / f'log-{rows}.db'}")
    upgrade(db.engine)
    started = time.perf_counter()
    _fill_log(db.engine, rows)
    filled = time.perf_counter() - started
    claims: list[float] = []
    records: list[float] = []
    for n in range(max(5, args.repeat * 4)):
        key = ReminderKey("m:1", f"action:{10_000_000 + n}", "due-1", "2025-03-03")
        started = time.perf_counter()
        with db.session() as session:
            claim(session=session, keys=[key], chat_id=1, late=[False], now=NOW)
        claimed = time.perf_counter()
        with db.session() as session:
            record_sent(session=session, keys=[key], chat_id=1, message_id=n, now=NOW)
        claims.append(claimed - started)
        records.append(time.perf_counter() - claimed)
    both = [a + b for a, b in zip(claims, records, strict=True)]
    print(
        f"\nrecording one sent message, log of {rows} rows (filled in {filled:.1f} s): "
        + _median_ms(both)
    )
    print(f"  claim {_median_ms(claims)}; record_sent {_median_ms(records)}")
    with db.engine.connect() as conn:
        for name, sql in LOG_LOOKUPS.items():
            plan_ = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).all()
            print(f"  {name}: " + "; ".join(str(row[-1]) for row in plan_))
    db.dispose()


def scale_bench(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="relance-bench-") as name:
        directory = Path(name)
        for actions in args.scale_actions:
            planning_at_scale(args, directory, actions)
        for rows in args.log_rows:
            recording_at_scale(args, directory, rows)
    return 0


def _sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--clusters", type=int, default=20)
    parser.add_argument("--focal-points", type=int, default=1000, help="one organisation each")
    parser.add_argument(
        "--actions-per-focal-point",
        type=int,
        default=3,
        help="reminders in each digest (due today, tomorrow, in 3 days, in turn)",
    )
    parser.add_argument(
        "--background-actions", type=int, default=10000, help="actions owing nothing today"
    )
    parser.add_argument("--rate", type=int, default=30, help="the stand-in's sendMessage a second")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of the planning query")
    parser.add_argument("--seed", type=int, default=20250303)
    parser.add_argument("--timeline", action="store_true", help="print admitted/refused a second")
    parser.add_argument(
        "--fault", choices=("hang", "cut", "kill", "term"), help="see bench/faults.py"
    )
    parser.add_argument(
        "--fault-after", type=int, default=100, help="messages delivered before the fault"
    )
    parser.add_argument("--hang-seconds", type=float, default=12.0)
    parser.add_argument(
        "--scale", action="store_true", help="the sweep's cost as the database grows, no delivery"
    )
    parser.add_argument("--scale-actions", type=_sizes, default=[20_000, 200_000])
    parser.add_argument(
        "--late-share", type=float, default=0.05, help="of the background, open and late"
    )
    parser.add_argument("--log-rows", type=_sizes, default=[0, 100_000, 1_000_000])
    args = parser.parse_args(argv)
    if args.clusters < 1 or args.focal_points < args.clusters:
        parser.error("need at least one cluster and one focal point per cluster")
    if args.actions_per_focal_point < 1:
        parser.error("--actions-per-focal-point must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Warnings of the bot (a postponed reminder) and of PTB's limiter (retries exhausted)
    # are part of what a reader wants to see; PTB's per-request chatter is not.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.scale:
        return scale_bench(args)
    with tempfile.TemporaryDirectory(prefix="relance-bench-") as directory:
        return asyncio.run(bench(args, Path(directory)))


if __name__ == "__main__":
    sys.exit(main())
