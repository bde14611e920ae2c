"""Round trips of everyday commands through the real `relance run`, beside a bare echo bot.

Run from the repository root:

    .venv/bin/python bench/roundtrip.py [--actions 5000] [--iterations 40] [--morning 1000]

A fresh SQLite file is migrated and filled as bench/commands.py fills it (clusters,
organisations, members, actions with owners and history), plus `--morning` focal points, one
organisation each, whose three actions each owe a reminder on Monday 24 October 2016 at 08:00.
Every other reminder owed that morning is written in the log as sent: the bot owes nothing
but those digests.

Two bots run as subprocesses, each against its own Bot API stand-in on 127.0.0.1
(tests/fakes/botapi_http.py): `relance run` (the real command line: its configuration from
the environment, its real rate limiter, its reminder sweeps, its clock set to that Monday
08:00 by RELANCE_TEST_CLOCK), and an echo bot, a bare python-telegram-bot Application that
sends back the text of each message and answers then edits the message of each button press
(bench/echo_bot.py).
For each command the same update goes to both bots, turn about; a round trip is from the
update put in the stand-in's getUpdates queue to the bot's reply (or, for a button press, the
edit of the card) reaching the stand-in. Each of relance's replies must be the expected one.

Two phases, each on a fresh `relance run`: idle (the log also holds the morning's digests, so
the bot owes nothing) and during the morning (the first sweep sends the `--morning` digests;
only round trips begun after the first digest reached the stand-in and ended before the last
one count). During the morning relance's stand-in answers 429 beyond 30 messages (sendMessage
and editMessageText) in any second, as Telegram does.

Printed: per command, the median and p95 round trip of both bots and relance's ratio to the
echo bot, idle and during the morning, relance's ratio of morning to idle, and the morning's
delivery (digests, rate, refusals). The targets are printed for a human, never enforced:
the script exits 0 unless a bot failed to start or answered wrongly.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from bench import commands as seeding  # noqa: E402
from bench import reminders as morning_seeding  # noqa: E402
from bot import texts  # noqa: E402
from reminders.delivery import SweepReport, _plan_digests  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import DeadlinePrecision, OwnerKind, Role, Status  # noqa: E402
from tests.fakes.botapi import FakeBotApi  # noqa: E402
from tests.fakes.botapi_http import BotApiServer  # noqa: E402
from tests.fakes.updates import FakeChat, FakeUser, UpdateFactory  # noqa: E402

TOKEN = "123456789:AAEbenchTokenForRelanceRoundTripsXXXX"
# A Monday at the clusters' send hour (08:00 in Bamako, UTC): the morning's reminders are due
# as the bot starts. Four days after bench/commands.py's NOW, around which its deadlines lie.
MORNING = datetime(2016, 10, 24, 8, 0, tzinfo=UTC)
# The log holds what is owed until then, so that nothing else falls due while the bench runs.
QUIET_UNTIL = MORNING + timedelta(minutes=30)
TELEGRAM_PER_SECOND = 30

START_TIMEOUT = 60.0
REPLY_TIMEOUT = 30.0
STOP_TIMEOUT = 30.0

# Relance's round trip over the echo bot's, at most; and during the morning over idle.
TARGETS = {"voir": 1.3, "actions": 1.3, "mesactions": 1.3, "press": 1.5, "action": 1.5}
MORNING_TARGET = 1.5

NAMES = {
    "voir": "/voir N",
    "press": "button press",
    "actions": "/actions",
    "mesactions": "/mesactions",
    "action": "/action …",
}
COMMAND_KEYS = tuple(NAMES)


# --------------------------------------------------------------------------- the data


@dataclass
class Seeded:
    world: seeding.World
    idle_db: Path
    morning_db: Path
    morning_chats: set[int]
    digests_owed: int
    open_actions: list[tuple[int, int]]  # (action id, cluster id), the presses' cards
    rows: dict[str, int] = field(default_factory=dict)


def add_morning(engine: Engine, world: seeding.World, count: int) -> tuple[set[int], int]:
    """`count` focal points, one organisation each, dealt round the clusters, each owning an
    action due on the morning's day, one the next day and one three days on (the default
    settings remind of each that morning). Their private chats, and the actions added."""
    table = morning_seeding._table
    tz = ZoneInfo("Africa/Bamako")
    today = MORNING.astimezone(tz).date()
    long_ago = MORNING - timedelta(days=30)
    with engine.begin() as conn:

        def next_id(name: str) -> int:
            ids = conn.execute(select(table(name).c.id)).scalars().all()
            return max(ids, default=0) + 1

        first_org, first_member = next_id("organisation"), next_id("member")
        first_action, first_owner = next_id("action"), next_id("action_owner")
        rows: dict[str, list[dict[str, Any]]] = {
            name: []
            for name in (
                "organisation",
                "cluster_organisation",
                "member",
                "membership",
                "action",
                "action_owner",
            )
        }
        orgs, links, members = rows["organisation"], rows["cluster_organisation"], rows["member"]
        memberships, actions, owners = rows["membership"], rows["action"], rows["action_owner"]
        chats: set[int] = set()
        for n in range(count):
            org, mid = first_org + n, first_member + n
            cid = world.cluster_ids[n % len(world.cluster_ids)]
            orgs.append(
                {
                    "id": org,
                    "acronym": f"MAT-{n + 1:04d}",
                    "full_name": f"Organisation du matin numéro {n + 1}",
                    "aliases": [],
                }
            )
            links.append({"cluster_id": cid, "organisation_id": org})
            members.append(morning_seeding._member(mid, f"Point focal {n + 1}", org, long_ago))
            memberships.append(morning_seeding._membership(cid, mid, Role.FOCAL_POINT, long_ago))
            chats.add(morning_seeding.TELEGRAM_USER_BASE + mid)
            for days in morning_seeding.DUE_IN_DAYS:
                aid = first_action + len(actions)
                due = morning_seeding._end_of_day(today + timedelta(days=days), tz)
                actions.append(
                    {
                        "id": aid,
                        "cluster_id": cid,
                        "meeting_id": None,
                        "description": f"Envoyer le rapport mensuel (lot {aid})",
                        "due_at": due,
                        "deadline_precision": DeadlinePrecision.DAY.value,
                        "deadline_label": None,
                        "deadline_text": due.strftime("%d/%m"),
                        "meeting_offset_days": None,
                        "status": Status.TODO.value,
                        "created_by_member_id": world.coordinators[cid][0].member_id,
                        "created_at": long_ago,
                        "updated_at": long_ago,
                        "deadline_set_at": long_ago,
                    }
                )
                owners.append(
                    {
                        "id": first_owner + len(owners),
                        "action_id": aid,
                        "position": 0,
                        "kind": OwnerKind.ORGANISATION.value,
                        "organisation_id": org,
                        "member_id": None,
                        "label": f"MAT-{n + 1:04d}",
                        "unknown": False,
                    }
                )
        for name, table_rows in rows.items():  # in the order of their foreign keys
            for start in range(0, len(table_rows), 5000):
                conn.execute(table(name).insert(), table_rows[start : start + 5000])
    return chats, len(actions)


def _copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite file in WAL mode (what a checkpoint has not written yet
    included)."""
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


def seed(args: argparse.Namespace, directory: Path) -> Seeded:
    base = directory / "base.db"
    db = Database.from_url(f"sqlite:///{base}")
    try:
        upgrade(db.engine)
        world = seeding.fill(db.engine, args, random.Random(args.seed))
        chats, added = add_morning(db.engine, world, args.morning)
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
        # What the bot owes that morning: the new focal points' digests, and whatever the
        # world's own deadlines owe, written in the log as sent.
        digests = _plan_digests(db, QUIET_UNTIL, SweepReport())
        morning = [d for d in digests if d.recipient.chat_id in chats]
        others = [d for d in digests if d.recipient.chat_id not in chats]
        logged = morning_seeding._log_as_sent(db.engine, others, MORNING)
        action = morning_seeding._table("action")
        with db.engine.connect() as conn:
            open_actions = [
                (int(row.id), int(row.cluster_id))
                for row in conn.execute(
                    select(action.c.id, action.c.cluster_id)
                    .where(
                        action.c.id <= args.actions,
                        action.c.status.in_(
                            [s.value for s in (Status.TODO, Status.IN_PROGRESS, Status.BLOCKED)]
                        ),
                    )
                    .order_by(action.c.id)  # the seeded choices pick the same cards every run
                )
            ]
    finally:
        db.dispose()
    morning_db = directory / "morning.db"
    _copy_database(base, morning_db)
    db = Database.from_url(f"sqlite:///{base}")
    try:
        logged += morning_seeding._log_as_sent(db.engine, morning, MORNING)
    finally:
        db.dispose()
    rows = dict(world.rows)
    rows["morning actions"] = added
    rows["reminder_log (idle)"] = logged
    return Seeded(world, base, morning_db, chats, len(morning), open_actions, rows)


# --------------------------------------------------------------------------- the stand-ins


@dataclass
class Awaited:
    """One Bot API call a round trip ends with, and when it reached the stand-in."""

    matches: Callable[[str, dict[str, Any]], bool]
    event: threading.Event = field(default_factory=threading.Event)
    arrived: float = 0.0
    params: dict[str, Any] = field(default_factory=dict)
    result: Any = None


class TimedBotApi(FakeBotApi):
    """The stand-in, telling when an awaited call arrives (perf_counter, this process), and
    when the morning's digests do."""

    def __init__(self, watched: set[int] | None = None) -> None:
        super().__init__()
        self._awaited: list[Awaited] = []
        self._awaited_lock = threading.Lock()
        self.watched = watched or set()
        self.digest_arrivals: list[float] = []

    def expect(self, matches: Callable[[str, dict[str, Any]], bool]) -> Awaited:
        awaited = Awaited(matches)
        with self._awaited_lock:
            self._awaited.append(awaited)
        return awaited

    def forget(self, awaited: Awaited) -> None:
        with self._awaited_lock:
            if awaited in self._awaited:
                self._awaited.remove(awaited)

    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        arrived = time.perf_counter()
        status, body = super().handle(method, params)
        if status != 200:
            return status, body
        if method == "sendMessage" and params.get("chat_id") in self.watched:
            with self._awaited_lock:
                self.digest_arrivals.append(arrived)
            return status, body
        with self._awaited_lock:
            for awaited in self._awaited:
                if awaited.matches(method, params):
                    self._awaited.remove(awaited)
                    awaited.arrived, awaited.params = arrived, params
                    awaited.result = body.get("result")
                    awaited.event.set()
                    break
        return status, body


# --------------------------------------------------------------------------- the bots


def _env(server: BotApiServer, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.upper().startswith(("TELEGRAM_", "RELANCE_"))
        and key.upper() not in ("DATABASE_URL", "LOG_LEVEL")
    }
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
    )
    env["PYTHONUNBUFFERED"] = "1"
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=server.base_url,
        TELEGRAM_API_BASE_FILE_URL=server.base_file_url,
    )
    env.update(extra)
    return env


@dataclass
class Bot:
    name: str
    api: TimedBotApi
    server: BotApiServer
    updates: UpdateFactory
    proc: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None
    started_at: float = 0.0  # polling since (perf_counter)
    card: tuple[int, int] | None = None  # (chat id, message id) of the last card shown
    presses: Iterator[int] = field(default_factory=itertools.count)

    def start(self, command: list[str], env: dict[str, str], workdir: Path) -> None:
        self.log_path = workdir / f"{self.name}.log"
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(
                command,
                cwd=workdir,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        polling = self.api.wait_for(
            lambda calls: any(c.method == "getUpdates" and c.ok for c in calls), START_TIMEOUT
        )
        if not polling:
            self.stop()
            raise SystemExit(f"{self.name} did not start polling:\n{self.log_tail()}")
        self.started_at = time.perf_counter()

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None

    def log_tail(self, lines: int = 30) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def relance_bot(server: BotApiServer, api: TimedBotApi) -> Bot:
    return Bot("relance", api, server, UpdateFactory(bot_username=api.username, bot_id=api.bot_id))


def start_relance(bot: Bot, database: Path, workdir: Path) -> None:
    env = _env(
        bot.server,
        DATABASE_URL=f"sqlite:///{database}",
        RELANCE_TEST_CLOCK=MORNING.isoformat(),
        LOG_LEVEL="INFO",
    )
    bot.card = None
    bot.start([sys.executable, "-m", "bot.cli", "run"], env, workdir)


def start_echo(bot: Bot, workdir: Path) -> None:
    bot.start([sys.executable, "-m", "bench.echo_bot"], _env(bot.server), workdir)


# --------------------------------------------------------------------------- round trips


class WrongReply(Exception):
    pass


@dataclass
class Step:
    update: dict[str, Any]
    matches: Callable[[str, dict[str, Any]], bool]
    check: Callable[[dict[str, Any]], bool]


def _sent_to(chat_id: int) -> Callable[[str, dict[str, Any]], bool]:
    return lambda method, params: method == "sendMessage" and params.get("chat_id") == chat_id


def _text(prefix: str) -> Callable[[dict[str, Any]], bool]:
    return lambda params: str(params.get("text", "")).startswith(prefix)


class Traffic:
    """The updates of each command, the same for both bots, the clusters taken in turn so
    that no group nears PTB's 20 messages a minute."""

    def __init__(self, seeded: Seeded, rng: random.Random) -> None:
        world = seeded.world
        self.world = world
        self.rng = rng
        self.open_by_cluster: dict[int, list[int]] = {}
        for aid, cid in seeded.open_actions:
            self.open_by_cluster.setdefault(cid, []).append(aid)
        clusters = [c for c in world.cluster_ids if self.open_by_cluster.get(c)]
        with_members = [c for c in clusters if world.focal_points[c]]
        self._viewed = itertools.cycle(with_members)
        self._listed = itertools.cycle(with_members[1:] + with_members[:1])
        self._created = itertools.cycle(world.cluster_ids[2:] + world.cluster_ids[:2])
        self.round: dict[str, Any] = {}

    def next_round(self) -> None:
        """What every command of this round is about, drawn once for both bots."""
        world, rng = self.world, self.rng
        viewed, listed, created = next(self._viewed), next(self._listed), next(self._created)
        self.round = {
            "viewed": viewed,
            "action": rng.choice(self.open_by_cluster[viewed]),
            "viewer": rng.choice(world.focal_points[viewed]).user,
            "presser": rng.choice(world.coordinators[viewed]).user,
            "listed": listed,
            "lister": rng.choice(world.focal_points[listed]).user,
            "mine": rng.choice(world.multi_cluster_focal_points).user,
            "created": created,
            "creator": rng.choice(world.coordinators[created]).user,
        }

    def step(self, bot: Bot, key: str) -> Step | None:
        r, chat_of, updates = self.round, self.world.chat_of, bot.updates
        is_relance = bot.name == "relance"
        if key == "voir":
            chat = chat_of[r["viewed"]]
            title = texts.CARD_TITLE.split("·")[0].format(id=r["action"])
            return Step(
                updates.message(f"/voir {r['action']}", chat=chat, user=r["viewer"]),
                _sent_to(chat.id),
                _text(title) if is_relance else _text(f"/voir {r['action']}"),
            )
        if key == "press":
            return self._press(bot, r["presser"])
        if key == "actions":
            chat = chat_of[r["listed"]]
            title = texts.LIST_OPEN_TITLE.split("—")[0]
            return Step(
                updates.message("/actions", chat=chat, user=r["lister"]),
                _sent_to(chat.id),
                _text(title) if is_relance else _text("/actions"),
            )
        if key == "mesactions":
            user: FakeUser = r["mine"]
            title = texts.LIST_MINE_TITLE.split("{of_who}")[0]
            return Step(
                updates.message("/mesactions", chat=FakeChat.private(user), user=user),
                _sent_to(user.id),
                _text(title) if is_relance else _text("/mesactions"),
            )
        chat = chat_of[r["created"]]
        return Step(
            updates.message(seeding.NEW_ACTION, chat=chat, user=r["creator"]),
            _sent_to(chat.id),
            _text(texts.ACTION_CREATED) if is_relance else _text(seeding.NEW_ACTION),
        )

    def _press(self, bot: Bot, presser: FakeUser) -> Step | None:
        """A coordinator presses a status button under the card the last /voir showed, the
        one that changes it (🔄 En cours, or ⛔ Bloqué when it is in progress already)."""
        if bot.card is None:
            return None
        chat_id, message_id = bot.card
        message = bot.api.message(chat_id, message_id)
        if message is None:
            return None
        if bot.name == "relance":
            buttons = [
                b["callback_data"]
                for row in message.get("reply_markup", {}).get("inline_keyboard", [])
                for b in row
                if "callback_data" in b
            ]
            statuses = [d for d in buttons if d.startswith(("a:p:", "a:b:"))]
            if not statuses:
                return None
            seen = statuses[0].rsplit(":", 1)[-1]
            data = next((d for d in statuses if d.split(":")[1] != seen), statuses[0])
        else:
            data = f"press {next(bot.presses)}"

        def edited(method: str, params: dict[str, Any]) -> bool:
            return (
                method == "editMessageText"
                and params.get("chat_id") == chat_id
                and params.get("message_id") == message_id
            )

        return Step(bot.updates.callback(data, message=message, user=presser), edited, bool)


def round_trip(bot: Bot, step: Step) -> tuple[float, Awaited]:
    """Milliseconds from the update queued to the awaited call at the stand-in."""
    awaited = bot.api.expect(step.matches)
    pushed = time.perf_counter()
    bot.api.push_update(step.update)
    if not awaited.event.wait(REPLY_TIMEOUT):
        bot.api.forget(awaited)
        raise WrongReply(f"{bot.name}: no reply within {REPLY_TIMEOUT:.0f} s")
    if not step.check(awaited.params):
        text = str(awaited.params.get("text"))[:200]
        raise WrongReply(f"{bot.name}: unexpected reply {text!r}")
    return (awaited.arrived - pushed) * 1000, awaited


@dataclass
class Sample:
    bot: str
    key: str
    pushed: float  # perf_counter
    ms: float


def one_round(traffic: Traffic, bots: tuple[Bot, Bot], turn: int) -> list[Sample]:
    """Every command once on each bot, the bots in turn (which goes first alternates)."""
    traffic.next_round()
    order = bots if turn % 2 == 0 else (bots[1], bots[0])
    samples = []
    for key in COMMAND_KEYS:
        for bot in order:
            step = traffic.step(bot, key)
            if step is None:
                continue
            pushed = time.perf_counter()
            ms, awaited = round_trip(bot, step)
            samples.append(Sample(bot.name, key, pushed, ms))
            if key == "voir" and isinstance(awaited.result, dict):
                bot.card = (int(awaited.params["chat_id"]), int(awaited.result["message_id"]))
    return samples


# --------------------------------------------------------------------------- the phases


@dataclass
class Phase:
    name: str
    samples: list[Sample]
    rounds: int
    digests: list[float] = field(default_factory=list)  # arrival times at the stand-in
    refused: int = 0
    first_digest: float | None = None
    last_digest: float | None = None

    def of(self, bot: str, key: str) -> list[float]:
        return [s.ms for s in self.samples if s.bot == bot and s.key == key]


class Pace:
    """Rounds start `every` seconds apart (or back to back when they take longer): the
    bench's own commands must not be most of what relance sends during the morning."""

    def __init__(self, every: float) -> None:
        self.every = every
        self.next_at = time.perf_counter()

    def wait(self) -> None:
        now = time.perf_counter()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.every


def warm_up(
    traffic: Traffic, bots: tuple[Bot, Bot], rounds: int, settle: float, pace: Pace
) -> None:
    """Untimed rounds: `rounds` of them, and until `settle` seconds after relance started
    polling (its first sweep reads every action once)."""
    relance = bots[0]
    for turn in itertools.count():
        if turn >= rounds and time.perf_counter() - relance.started_at >= settle:
            return
        pace.wait()
        one_round(traffic, bots, turn)


def idle_phase(args: argparse.Namespace, traffic: Traffic, bots: tuple[Bot, Bot]) -> Phase:
    pace = Pace(args.round_every)
    warm_up(traffic, bots, args.warmup, args.settle, pace)
    samples = []
    for turn in range(args.iterations):
        pace.wait()
        samples += one_round(traffic, bots, turn)
    return Phase("idle", samples, args.iterations)


def morning_phase(
    args: argparse.Namespace, traffic: Traffic, bots: tuple[Bot, Bot], owed: int
) -> Phase:
    api = bots[0].api
    pace = Pace(args.round_every)
    warm_up(traffic, bots, args.warmup, 0.0, pace)
    samples: list[Sample] = []
    stalled_since = time.perf_counter()
    seen = 0
    for turn in itertools.count():
        delivered = len(api.digest_arrivals)
        if delivered >= owed:
            break
        if delivered != seen:
            seen, stalled_since = delivered, time.perf_counter()
        elif time.perf_counter() - stalled_since > args.stall:
            print(f"  the morning stalled at {delivered} digests of {owed}")
            break
        pace.wait()
        samples += one_round(traffic, bots, turn)
    # Only round trips wholly inside the morning: begun after its first digest reached the
    # stand-in, ended before its last did.
    arrivals = sorted(api.digest_arrivals)
    phase = Phase("morning", [], 0, arrivals, len(api.rate_limit_record().refused))
    if arrivals:
        first, last = arrivals[0], arrivals[-1]
        phase.first_digest, phase.last_digest = first, last
        phase.samples = [s for s in samples if first <= s.pushed and s.pushed + s.ms / 1000 <= last]
        phase.rounds = sum(1 for s in phase.samples if s.bot == "relance")
    return phase


# --------------------------------------------------------------------------- the report


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _stats(samples: list[float]) -> tuple[float, float] | None:
    if not samples:
        return None
    return statistics.median(samples), percentile(samples, 0.95)


def _cell(stats: tuple[float, float] | None) -> str:
    return f"{stats[0]:>7.1f} {stats[1]:>7.1f}" if stats else f"{'-':>7} {'-':>7}"


def _ratio(a: tuple[float, float] | None, b: tuple[float, float] | None) -> tuple[float, float]:
    if not a or not b or not b[0] or not b[1]:
        return (float("nan"), float("nan"))
    return a[0] / b[0], a[1] / b[1]


def print_phase(phase: Phase, against: Phase | None) -> None:
    width = max(len(n) for n in NAMES.values())
    header = f"{'command':<{width}}  {'relance ms':>15}  {'echo ms':>15}  {'x echo':>11}" + (
        f"  {'x idle':>11}" if against else ""
    )
    print(f"{'':<{width}}  {'median     p95':>15}  {'median     p95':>15}  {'median  p95':>11}")
    print(header)
    for key in COMMAND_KEYS:
        relance, echo = _stats(phase.of("relance", key)), _stats(phase.of("echo", key))
        ratio = _ratio(relance, echo)
        line = f"{NAMES[key]:<{width}}  {_cell(relance)}  {_cell(echo)}  "
        line += f"{ratio[0]:>5.2f} {ratio[1]:>5.2f}"
        if against:
            idle = _ratio(relance, _stats(against.of("relance", key)))
            line += f"  {idle[0]:>5.2f} {idle[1]:>5.2f}"
        print(line + f"   ({len(phase.of('relance', key))} calls)")


def report(args: argparse.Namespace, seeded: Seeded, idle: Phase, morning: Phase) -> None:
    print(f"\nidle: {idle.rounds} rounds, each command once on each bot, turn about")
    print_phase(idle, None)
    print(
        f"\nduring the morning ({seeded.digests_owed} digests owed at "
        f"{MORNING:%A %d %B %Y %H:%M} UTC)"
    )
    if morning.first_digest is not None and morning.last_digest is not None:
        span = morning.last_digest - morning.first_digest
        delivered = len(morning.digests)
        rate = (delivered - 1) / span if span else 0.0
        print(
            f"  digests delivered: {delivered} in {span:.1f} s ({rate:.1f} a second), "
            f"refused by the stand-in (429 beyond {TELEGRAM_PER_SECOND} a second): "
            f"{morning.refused}; {morning.rounds} of relance's round trips within it"
        )
    else:
        print("  no digest reached the stand-in")
    print_phase(morning, idle)

    print("\ntargets (relance's round trip, median and p95):")
    for key in COMMAND_KEYS:
        relance = _stats(idle.of("relance", key))
        ratio = _ratio(relance, _stats(idle.of("echo", key)))
        target = TARGETS[key]
        verdict = "PASS" if max(ratio) <= target else "FAIL"
        print(
            f"  {verdict}  {NAMES[key]:<12} idle {ratio[0]:.2f}x / {ratio[1]:.2f}x the echo bot"
            f" <= {target}x"
        )
    for key in COMMAND_KEYS:
        ratio = _ratio(_stats(morning.of("relance", key)), _stats(idle.of("relance", key)))
        verdict = "PASS" if max(ratio) <= MORNING_TARGET else "FAIL"
        print(
            f"  {verdict}  {NAMES[key]:<12} during the morning {ratio[0]:.2f}x / {ratio[1]:.2f}x"
            f" idle <= {MORNING_TARGET}x"
        )


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--clusters", type=int, default=50)
    parser.add_argument("--organisations", type=int, default=150, help="total, seeded included")
    parser.add_argument("--members", type=int, default=600)
    parser.add_argument("--actions", type=int, default=5000)
    parser.add_argument("--morning", type=int, default=1000, help="digests owed that morning")
    parser.add_argument(
        "--iterations", type=int, default=40, help="idle rounds: each command once on each bot"
    )
    parser.add_argument("--warmup", type=int, default=3, help="untimed rounds before each phase")
    parser.add_argument(
        "--round-every",
        type=float,
        default=1.0,
        help="seconds from one round's start to the next (0: back to back)",
    )
    parser.add_argument(
        "--settle", type=float, default=5.0, help="idle: seconds after start before timing"
    )
    parser.add_argument(
        "--stall", type=float, default=20.0, help="a morning with no digest for this long ends"
    )
    parser.add_argument("--seed", type=int, default=20161024)
    parser.add_argument("--keep", action="store_true", help="keep the bots' logs and databases")
    args = parser.parse_args(argv)
    if args.members < 3 * args.clusters + 10:
        parser.error("--members must leave room for 3 coordinators per cluster and focal points")
    if args.clusters < 3 or args.morning < 1:
        parser.error("need at least 3 clusters and a morning of one digest")
    return args


def run(args: argparse.Namespace, directory: Path) -> int:
    started = time.perf_counter()
    seeded = seed(args, directory)
    rows = ", ".join(f"{n} {t}" for t, n in seeded.rows.items())
    print(f"seed: {time.perf_counter() - started:.1f} s; rows: {rows}")
    print(f"  {seeded.digests_owed} digests owed on {MORNING:%A %d %B %Y at %H:%M} UTC")
    workdir = directory / "run"
    workdir.mkdir()
    echo_api = TimedBotApi()
    with BotApiServer(echo_api, token=TOKEN) as echo_server:
        echo = Bot("echo", echo_api, echo_server, UpdateFactory(bot_username=echo_api.username))
        start_echo(echo, workdir)
        try:
            phases: list[Phase] = []
            for name, database in (("idle", seeded.idle_db), ("morning", seeded.morning_db)):
                api = TimedBotApi(watched=seeded.morning_chats)
                for cid, people in seeded.world.coordinators.items():
                    for person in people:
                        api.set_chat_member_status(
                            seeded.world.chat_of[cid].id, person.user.id, "administrator"
                        )
                if name == "morning":
                    api.limit_rate(TELEGRAM_PER_SECOND, methods=("sendMessage", "editMessageText"))
                with BotApiServer(api, token=TOKEN) as server:
                    relance = relance_bot(server, api)
                    launched = time.perf_counter()
                    start_relance(relance, database, workdir)
                    print(
                        f"{name}: relance run polling "
                        f"{time.perf_counter() - launched:.1f} s after launch"
                    )
                    traffic = Traffic(seeded, random.Random(args.seed + len(phases)))
                    try:
                        if name == "idle":
                            phases.append(idle_phase(args, traffic, (relance, echo)))
                        else:
                            owed = seeded.digests_owed
                            phases.append(morning_phase(args, traffic, (relance, echo), owed))
                    except WrongReply as exc:
                        print(f"{exc}\n--- relance's log ---\n{relance.log_tail()}")
                        return 1
                    finally:
                        relance.stop()
        finally:
            echo.stop()
    report(args, seeded, phases[0], phases[1])
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    directory = Path(tempfile.mkdtemp(prefix="relance-roundtrip-"))
    try:
        return run(args, directory)
    finally:
        if args.keep:
            print(f"kept in {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
