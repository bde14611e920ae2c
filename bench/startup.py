"""How fast `relance run` starts polling, and how much memory it holds, idle and over time.

Run from the repository root:

    .venv/bin/python bench/startup.py [--repeat 5] [--commands 10000] [--days 30] [--quick]

A SQLite file is migrated and filled (bench/commands.py's data set, smaller), then
`python -m bot.cli run` is started as a subprocess against the Bot API stand-in on 127.0.0.1,
as an operator would start it (configured by its environment only). Printed:

- the time from the process's start to its first getUpdates (median over --repeat starts);
- its resident memory (VmRSS) idle: at least --idle seconds after polling started, once it
  spends a second without CPU, its first reminder sweep done (an untimed start before has
  sent what the data set's afternoon owed);
- its resident memory as --commands commands go through the stand-in (/aide, /actions,
  /voir, /mesactions in the clusters' groups, round robin: the bot keeps Telegram's limit of
  20 messages a minute per group and 28 a second overall, so 10,000 take about 6 minutes);
- in-process, through the test harness: the memory of a month of reminder sweeps, one a
  minute of a frozen clock (--days), over a smaller data set.

`import bot.app` alone is timed and measured in a fresh interpreter too. Each figure is read
by a human: the script exits 0 whatever it measures, and 1 only if the bot did not start or
did not answer.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.commands import NOW, World, fill  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from tests.fakes.botapi import FakeBotApi  # noqa: E402
from tests.fakes.botapi_http import BotApiServer  # noqa: E402
from tests.fakes.updates import UpdateFactory  # noqa: E402
from tests.harness import TOKEN, build_harness  # noqa: E402

START_TIMEOUT = 60.0
REPLY_TIMEOUT = 120.0  # for a batch: the group limit holds a burst back for minutes
STOP_TIMEOUT = 30.0
BATCH = 100  # commands pushed at once (PTB fetches up to 100 updates per getUpdates)

# The bot believes it is this afternoon (the data set's instant): no morning digest is due,
# so the first sweep finds nothing to send and the figures are the bot's own.
TEST_CLOCK = NOW.isoformat()

# What `relance run` reads from its environment, removed from the inherited one.
_CONFIG_KEYS = frozenset({"DATABASE_URL", "RELANCE_TIMEZONE", "LOG_LEVEL", "RELANCE_TEST_CLOCK"})

# `import bot.app` alone; then what `relance run` imports before it builds the bot (bot.cli,
# telegram as it imports it, bot.app).
_IMPORT_PROBE = """
import time
started, cpu = time.perf_counter(), time.process_time()
{imports}
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
with open("/proc/self/status") as status:
    rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
print(elapsed, cpu, rss / 1024)
"""
IMPORT_BOT_APP = "import bot.app"
IMPORTS_OF_RUN = """
import bot.cli
getattr(bot.cli, "_import_telegram_without_passport", lambda: None)()
import bot.app
"""


# --------------------------------------------------------------------------- the stand-in


class CountingApi(FakeBotApi):
    """The stand-in, remembering when the first getUpdates came and counting the replies;
    what it records of each call is dropped as soon as counted, so that 10,000 commands do
    not fill this process."""

    def __init__(self) -> None:
        super().__init__()
        self.first_poll: float | None = None
        self.replies = 0

    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getUpdates" and self.first_poll is None:
            self.first_poll = time.monotonic()
        status, body = super().handle(method, params)
        with self._cond:
            if method == "sendMessage" and 200 <= status <= 299:
                self.replies += 1
            self.calls.clear()
            self._messages.clear()
            self._cond.notify_all()
        return status, body

    def wait_replies(self, count: int, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self.replies >= count, timeout)

    def reset(self) -> None:
        with self._cond:
            self.first_poll = None
            self.replies = 0


# --------------------------------------------------------------------------- the process


def rss_mb(pid: int | str = "self") -> float:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used: steadier than wall time on a shared
    machine, where another tenant's load shows up as time the bot did not spend."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def waited_for_cpu(pid: int) -> float:
    """Seconds the process's threads were ready to run but waited for a CPU (the kernel's
    schedstat): on a shared machine, how much of the wall time other processes took."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total / 1e9


def child_env(server: BotApiServer, db_path: Path, cache: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key.upper() not in _CONFIG_KEYS and not key.upper().startswith("TELEGRAM_")
    }
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
    )
    if env.pop("PYTHONDONTWRITEBYTECODE", None):
        # A warm machine has its bytecode: where writing it beside the sources is not
        # wanted, it is kept in a cache of this benchmark's.
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        DATABASE_URL=f"sqlite:///{db_path}",
        TELEGRAM_API_BASE_URL=server.base_url,
        TELEGRAM_API_BASE_FILE_URL=server.base_file_url,
        RELANCE_TEST_CLOCK=TEST_CLOCK,
        LOG_LEVEL="INFO",
    )
    return env


class Bot:
    """One `relance run`, its log in a file."""

    def __init__(self, env: dict[str, str], directory: Path) -> None:
        self.log_path = directory / "relance.log"
        with self.log_path.open("wb") as log:
            self.started = time.monotonic()
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run"],
                cwd=directory,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def fail(self, what: str) -> SystemExit:
        tail = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
        print(f"\n{what}; bot exit code {self.proc.poll()}. Its log ends with:", file=sys.stderr)
        print("\n".join(tail), file=sys.stderr)
        return SystemExit(1)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start(
    api: CountingApi, env: dict[str, str], directory: Path
) -> tuple[Bot, float, float, float]:
    """Start the bot; return it once it polls, with the seconds it took (wall, CPU, waiting
    for a CPU)."""
    api.reset()
    bot = Bot(env, directory)
    deadline = bot.started + START_TIMEOUT
    while api.first_poll is None:
        if bot.proc.poll() is not None or time.monotonic() > deadline:
            bot.stop()
            raise bot.fail("the bot did not poll")
        time.sleep(0.002)
    pid = bot.proc.pid
    return bot, api.first_poll - bot.started, cpu_seconds(pid), waited_for_cpu(pid)


QUIET_CPU = 0.02  # seconds of CPU in a second: the bot only long-polls


def settle(bot: Bot, at_least: float) -> None:
    """Wait `at_least` seconds, then until the bot spends a second nearly without CPU: its
    first sweep (which asks every group for its administrators, at Telegram's pace, then
    reads every action once) is over, and what it holds then is what it holds idle."""
    time.sleep(at_least)
    deadline = time.monotonic() + START_TIMEOUT
    used = cpu_seconds(bot.proc.pid)
    while time.monotonic() < deadline:
        time.sleep(1.0)
        now = cpu_seconds(bot.proc.pid)
        if now - used < QUIET_CPU:
            return
        used = now


def warm_up(api: CountingApi, env: dict[str, str], directory: Path) -> None:
    bot = start(api, env, directory)[0]
    deadline = time.monotonic() + START_TIMEOUT
    while "reminder sweep:" not in bot.log_path.read_text(encoding="utf-8", errors="replace"):
        if bot.proc.poll() is not None or time.monotonic() > deadline:
            bot.stop()
            raise bot.fail("the bot's first sweep did not end")
        time.sleep(0.05)
    bot.stop()


# --------------------------------------------------------------------------- the commands


def command_updates(world: World, count: int, seed: int) -> list[dict[str, Any]]:
    """`count` commands, each answered by one message, round robin over the clusters' groups
    so that no group goes beyond Telegram's 20 messages a minute."""
    rng = random.Random(seed)
    factory = UpdateFactory(bot_username="relance_test_bot")
    actions: dict[int, list[int]] = {}
    for action_id, cluster_id in world.action_cluster:
        actions.setdefault(cluster_id, []).append(action_id)
    clusters = [c for c in world.cluster_ids if world.focal_points[c] and actions.get(c)]
    updates = []
    for n in range(count):
        cluster = clusters[n % len(clusters)]
        person = rng.choice(world.focal_points[cluster])
        kind = n // len(clusters) % 4
        if kind == 0:
            text = "/aide"
        elif kind == 1:
            text = "/actions"
        elif kind == 2:
            text = f"/voir {rng.choice(actions[cluster])}"
        else:
            text = "/mesactions"
        updates.append(factory.message(text, chat=world.chat_of[cluster], user=person.user))
    return updates


def run_commands(
    api: CountingApi, bot: Bot, updates: list[dict[str, Any]], checkpoints: int
) -> list[tuple[int, float, float]]:
    """Push the commands in batches; (commands answered, bot's RSS, seconds) at checkpoints."""
    readings = [(0, rss_mb(bot.proc.pid), 0.0)]
    every = max(1, len(updates) // checkpoints)
    started = time.monotonic()
    base = api.replies
    for first in range(0, len(updates), BATCH):
        batch = updates[first : first + BATCH]
        for update in batch:
            api.push_update(update)
        done = first + len(batch)
        if not api.wait_replies(base + done, REPLY_TIMEOUT):
            bot.stop()
            raise bot.fail(f"{api.replies - base} replies to {done} commands")
        if done // every > (done - len(batch)) // every or done == len(updates):
            readings.append((done, rss_mb(bot.proc.pid), time.monotonic() - started))
    return readings


# --------------------------------------------------------------------------- the sweeps


async def sweep_month(db: Database, world: World, days: int, every: int) -> list[tuple[int, float]]:
    """One sweep every `every` minutes of a frozen clock over `days` days, in this process;
    this process's RSS after each day (the stand-in's records dropped, they are not the
    bot's)."""
    harness = build_harness(db, start=NOW)
    for cid, people in world.coordinators.items():
        for person in people:
            harness.api.set_chat_member_status(
                world.chat_of[cid].id, person.user.id, "administrator"
            )
    await harness.app.initialize()
    gc.collect()
    readings = [(0, rss_mb())]
    try:
        for day in range(1, days + 1):
            for _ in range(24 * 60 // every):
                harness.clock.advance(minutes=every)
                await harness.sweep()
                harness.api.clear()
                harness.pauses.clear()
            harness.api._messages.clear()
            readings.append((day, rss_mb()))
    finally:
        await harness.app.shutdown()
    return readings


# --------------------------------------------------------------------------- main


def import_probe(env: dict[str, str], repeat: int, imports: str) -> tuple[float, float, float]:
    """`imports` in a fresh interpreter: median seconds (wall, CPU), its RSS in MB."""
    runs: list[list[float]] = []
    for _ in range(repeat + 1):  # the first writes the bytecode cache if it must
        out = subprocess.run(
            [sys.executable, "-c", _IMPORT_PROBE.format(imports=imports)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        runs.append([float(x) for x in out])
    wall, cpu, rss = (statistics.median(column) for column in zip(*runs[1:], strict=True))
    return wall, cpu, rss


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="starts timed (at least 1)")
    parser.add_argument(
        "--idle", type=float, default=3.0, help="seconds after polling, at least, for idle RSS"
    )
    parser.add_argument("--commands", type=int, default=10000, help="0: none")
    parser.add_argument("--days", type=int, default=30, help="of sweeps; 0: none")
    parser.add_argument(
        "--sweep-every", type=int, default=5, help="minutes between sweeps (the bot: 1)"
    )
    parser.add_argument("--clusters", type=int, default=100, help="one group each")
    parser.add_argument("--organisations", type=int, default=200, help="total, seeded included")
    parser.add_argument("--members", type=int, default=800)
    parser.add_argument("--actions", type=int, default=5000)
    parser.add_argument(
        "--sweep-clusters", type=int, default=10, help="the sweeps' data set: clusters"
    )
    parser.add_argument("--sweep-members", type=int, default=300)
    parser.add_argument("--sweep-actions", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20161020)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a tiny run that checks the benchmark works (the tests' mode)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat, args.idle, args.commands, args.days = 1, 1.0, 40, 1
        args.sweep_every = 60
        args.clusters, args.organisations, args.members, args.actions = 4, 40, 40, 200
        args.sweep_clusters, args.sweep_members, args.sweep_actions = 2, 20, 100
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.members < 3 * args.clusters + 10 or args.sweep_members < 3 * args.sweep_clusters + 10:
        parser.error("members must leave room for 3 coordinators per cluster and focal points")
    return args


def world_args(args: argparse.Namespace, *, sweeps: bool) -> argparse.Namespace:
    if sweeps:
        return argparse.Namespace(
            clusters=args.sweep_clusters,
            organisations=args.organisations,
            members=args.sweep_members,
            actions=args.sweep_actions,
        )
    return argparse.Namespace(
        clusters=args.clusters,
        organisations=args.organisations,
        members=args.members,
        actions=args.actions,
    )


def make_world(path: Path, args: argparse.Namespace, seed: int) -> tuple[Database, World]:
    db = Database.from_url(f"sqlite:///{path}")
    upgrade(db.engine)
    return db, fill(db.engine, args, random.Random(seed))


def median_line(name: str, values: list[float], unit: str, digits: int) -> str:
    runs = ", ".join(f"{v:.{digits}f}" for v in values)
    return f"{name}: median {statistics.median(values):.{digits}f} {unit} (runs: {runs})"


def bench(args: argparse.Namespace, directory: Path) -> None:
    db_path = directory / "relance.db"
    db, world = make_world(db_path, world_args(args, sweeps=False), args.seed)
    db.dispose()
    print(
        f"data set: {len(world.cluster_ids)} clusters, {world.rows.get('member', 0)} members, "
        f"{world.rows.get('action', 0)} actions (already migrated)"
    )
    api = CountingApi()
    for cid, people in world.coordinators.items():
        for person in people:
            api.set_chat_member_status(world.chat_of[cid].id, person.user.id, "administrator")
    cache = Path(tempfile.gettempdir()) / "relance-bench-pycache"
    with BotApiServer(api, token=TOKEN) as server:
        env = child_env(server, db_path, cache)
        for name, imports in (
            ("import bot.app", IMPORT_BOT_APP),
            ("imports of run", IMPORTS_OF_RUN),
        ):
            seconds, cpu, mb = import_probe(env, args.repeat, imports)
            print(f"{name}: median {seconds:.3f} s (CPU {cpu:.2f} s), RSS {mb:.1f} MB")

        # One start untimed: the bytecode and the file system's cache are warm after it, and
        # its first sweep sends what the afternoon owes (the measured starts then find it
        # sent, as a bot restarted on an ordinary day does).
        warm_up(api, {**env, "LOG_LEVEL": "DEBUG"}, directory)
        polls: list[float] = []
        cpus: list[float] = []
        waits: list[float] = []
        idles: list[float] = []
        bots: list[Bot] = []
        try:
            for _ in range(args.repeat):
                if bots:
                    bots[-1].stop()
                bot, seconds, cpu, waited = start(api, env, directory)
                bots.append(bot)
                polls.append(seconds)
                cpus.append(cpu)
                waits.append(waited)
                settle(bot, args.idle)
                idles.append(rss_mb(bot.proc.pid))
            print(median_line("time to first getUpdates", polls, "s", 3))
            print(median_line("  CPU time of the bot by then", cpus, "s", 2))
            print(median_line("  time it waited for a CPU (other processes)", waits, "s", 2))
            print(median_line("idle RSS (first sweep done, CPU quiet)", idles, "MB", 1))
            if args.commands:
                updates = command_updates(world, args.commands, args.seed)
                readings = run_commands(api, bots[-1], updates, checkpoints=5)
                done, last, seconds = readings[-1]
                print(f"\n{done} commands through the stand-in in {seconds:.0f} s")
                for count, mb, _ in readings:
                    print(f"  RSS after {count:>6} commands: {mb:6.1f} MB")
                print(f"RSS growth over {done} commands: {last - readings[0][1]:+.1f} MB")
                if len(readings) > 2:
                    first, mb, _ = readings[1]
                    print(f"  of which after the first {first}: {last - mb:+.1f} MB")
        finally:
            for bot in bots:
                bot.stop()
        log = bots[-1].log_path.read_text(encoding="utf-8", errors="replace")
        if "Traceback" in log:
            print("\nthe bot's log holds a traceback:\n" + log[log.index("Traceback") :][:3000])

    if args.days:
        sweep_db, sweep_world = make_world(
            directory / "sweeps.db", world_args(args, sweeps=True), args.seed
        )
        try:
            started = time.perf_counter()
            days = asyncio.run(sweep_month(sweep_db, sweep_world, args.days, args.sweep_every))
            elapsed = time.perf_counter() - started
        finally:
            sweep_db.dispose()
        sweeps = args.days * 24 * 60 // args.sweep_every
        print(
            f"\n{sweeps} sweeps in-process (one every {args.sweep_every} min over "
            f"{args.days} days, {len(sweep_world.cluster_ids)} clusters, "
            f"{sweep_world.rows.get('action', 0)} actions) in {elapsed:.0f} s"
        )
        shown = {0, 1, args.days, *range(0, args.days + 1, 10)}
        for day, mb in days:
            if day in shown:
                print(f"  RSS after day {day:>3}: {mb:6.1f} MB")
        print(f"RSS growth over {args.days} days of sweeps: {days[-1][1] - days[0][1]:+.1f} MB")
        if args.days > 1:
            print(f"  of which after day 1: {days[-1][1] - days[1][1]:+.1f} MB")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="relance-startup-") as directory:
        bench(args, Path(directory))
    return 0  # figures for a human, not a test


if __name__ == "__main__":
    sys.exit(main())
