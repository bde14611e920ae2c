"""Time the documents against the benchmark's database: the tracker of one cluster of 2,000
actions and of the whole 20,000-action database, and the round trip of a tracker with 500
changed rows; the calendar (.ics) of the same cluster and of the whole database.

Run from the repository root:

    .venv/bin/python bench/exports.py [--actions 20000] [--repeat 5]

The database is bench/commands.py's (50 clusters, 300 organisations, 2,000 members, 20,000
actions with their histories), filled by its own builder; then the first cluster is given
2,000 of the actions. Each figure is driven through the real Application (recording Bot
API transport, frozen clock) where a person would ask for it, and prints its median and its
peak memory (tracemalloc, in one extra run apart from the timed ones, which it would slow).
The figures are for a human: the script always exits 0, whatever the targets say.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402
from sqlalchemy import text  # noqa: E402

from bench.commands import NOW, World, fill, peak_mb  # noqa: E402
from bot import texts  # noqa: E402
from bot.documents.calendar import write_calendar  # noqa: E402
from bot.documents.tracker import write_tracker  # noqa: E402
from bot.documents.tracker_data import TrackerSheets  # noqa: E402
from storage.calendar_export import calendar_export  # noqa: E402
from storage.clusters import all_clusters  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.tracker import organisation_summary, tracker_decisions, tracker_rows  # noqa: E402
from tests.fakes.updates import FakeChat, FakeUser  # noqa: E402
from tests.harness import Harness, build_harness, button_data  # noqa: E402

TARGET_S = 2.0
BIG_CLUSTER = 1
CAL_DOMAIN = "relance_bench_bot.t.me"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Figure:
    name: str
    samples_s: list[float]
    peak_mb: float  # tracemalloc's peak over one run
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples_s)


@dataclass
class Bench:
    """What every block of figures is given: the filled database, driven through the bot."""

    harness: Harness
    world: World
    db: Database
    repeat: int
    rng: random.Random
    actions: int  # in the database
    cluster_actions: int  # in the first cluster
    whole_repeat: int  # timed runs of the whole database's tracker, the longest figure


async def measure(
    name: str,
    run: Callable[[], Awaitable[str]],
    repeat: int,
    prepare: Callable[[], Awaitable[None]] | None = None,
) -> Figure:
    """`repeat` timed runs (each after its untimed `prepare`), then one under tracemalloc."""
    samples = []
    note = ""
    for _ in range(repeat):
        if prepare is not None:
            await prepare()
        gc.collect()
        started = time.perf_counter()
        note = await run()
        samples.append(time.perf_counter() - started)
    if prepare is not None:
        await prepare()
    gc.collect()
    tracemalloc.start()
    await run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return Figure(name, samples, peak / 1024 / 1024, note)


def machine_speed() -> float:
    """Seconds for a fixed pure-Python loop: how fast this machine is, to read the rest by."""
    started = time.perf_counter()
    total = 0
    for n in range(2_000_000):
        total += n
    return time.perf_counter() - started


def give_cluster(db: Database, cluster_id: int, count: int) -> None:
    """The first cluster holds `count` actions: the others' first ones move to it."""
    with db.engine.begin() as conn:
        have = conn.execute(
            text("SELECT count(*) FROM action WHERE cluster_id = :c"), {"c": cluster_id}
        ).scalar_one()
        conn.execute(
            text(
                "UPDATE action SET cluster_id = :c, meeting_id = NULL WHERE id IN ("
                "SELECT id FROM action WHERE cluster_id != :c ORDER BY id LIMIT :n)"
            ),
            {"c": cluster_id, "n": max(0, count - have)},
        )


def document(harness: Harness) -> bytes:
    sent = harness.api.calls_to("sendDocument")
    if not sent:
        raise AssertionError(f"no document sent: {harness.api.sent()[-1:]!r}")
    return bytes(sent[-1]["document"].content)


# --- The tracker ---------------------------------------------------------------------------------


async def tracker_figures(bench: Bench) -> list[Figure]:
    harness, world = bench.harness, bench.world
    coordinator = world.coordinators[BIG_CLUSTER][0].user
    group = world.chat_of[BIG_CLUSTER]

    async def export_cluster() -> str:
        harness.api.clear()
        await harness.process(harness.updates.message("/exporter", chat=group, user=coordinator))
        return f"{len(document(harness)) / 1024:.0f} KB"

    async def export_all() -> str:
        """Every cluster in one workbook: what storage and the writer do for 20,000 rows."""
        ids = list(world.cluster_ids)
        with bench.db.session() as session:
            rows = tracker_rows(session=session, cluster_ids=ids)
            decisions = tracker_decisions(session=session, cluster_ids=ids)
        sheets = TrackerSheets(
            "Tous les clusters",
            rows,
            decisions,
            organisation_summary(rows, now=NOW),
            ids,
            several_clusters=True,
        )
        data = await asyncio.to_thread(write_tracker, sheets, now=NOW, tz=ZoneInfo("Africa/Bamako"))
        return f"{len(rows)} rows, {len(data) / 1024:.0f} KB"

    focal = everywhere(bench)

    async def export_part() -> str:
        harness.api.clear()
        chat = FakeChat.private(focal)
        await harness.process(harness.updates.message("/exporter", chat=chat, user=focal))
        return f"{len(document(harness)) / 1024:.0f} KB"

    figures = [
        await measure(
            f"/exporter, a cluster of {bench.cluster_actions:,} actions (group)",
            export_cluster,
            bench.repeat,
        ),
        await measure(
            f"tracker of the whole database ({bench.actions:,} actions)",
            export_all,
            bench.whole_repeat,
        ),
        await measure(
            "/exporter, OCHA's focal point in every cluster (private)", export_part, bench.repeat
        ),
    ]
    figures += await round_trip_figures(bench, coordinator)
    return figures


def everywhere(bench: Bench) -> FakeUser:
    """A focal point of OCHA (in every cluster's organisations) made a member of every
    cluster: their part is the organisation's across the whole database."""
    member_id = 9_000_000
    user = FakeUser(50_000_000 + member_id, "Aminata", "Partout")
    with bench.db.engine.begin() as conn:
        ocha = conn.execute(text("SELECT id FROM organisation WHERE acronym = 'OCHA'")).scalar_one()
        conn.execute(
            text(
                "INSERT INTO member (id, telegram_user_id, display_name, organisation_id, "
                "reachable, created_at, aliases) "
                "VALUES (:m, :u, 'Aminata Partout', :o, 1, :t, '[]')"
            ),
            {"m": member_id, "u": user.id, "o": ocha, "t": NOW - timedelta(days=30)},
        )
        for cluster_id in bench.world.cluster_ids:
            conn.execute(
                text(
                    "INSERT INTO membership (cluster_id, member_id, role, created_at) "
                    "VALUES (:c, :m, 'focal_point', :t)"
                ),
                {"c": cluster_id, "m": member_id, "t": NOW - timedelta(days=30)},
            )
    return user


def edit_500(data: bytes, round_number: int) -> bytes:
    """500 rows changed as a coordinator would: statuses, deadlines, comments."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book[texts.TRACKER_SHEET_ACTIONS]
    headers = {str(c.value): c.column for c in sheet[4] if c.value is not None}
    status, deadline, comment = (
        headers[texts.TRACKER_HEADERS[k]] for k in ("status", "deadline", "comment")
    )
    statuses = ["Fait", "En cours", "Bloqué", "à faire"]
    for n, row in enumerate(range(5, 5 + 500)):
        kind = n % 3
        if kind == 0:
            current = str(sheet.cell(row, status).value)
            choices = [s for s in statuses if s.lower() != current.lower()]
            sheet.cell(row, status).value = choices[(n + round_number) % len(choices)]
        elif kind == 1:
            sheet.cell(row, deadline).value = datetime(2017, 1, 1) + timedelta(  # noqa: DTZ001
                days=(n + 7 * round_number) % 200
            )
        else:
            sheet.cell(row, comment).value = f"Point fait au tour {round_number}, ligne {n}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def round_trip_figures(bench: Bench, coordinator: FakeUser) -> list[Figure]:
    """A tracker of 2,000 rows with 500 changed, sent back in private: read and preview,
    then Appliquer. Each run exports afresh and edits it (untimed)."""
    harness = bench.harness
    chat = FakeChat.private(coordinator)
    state: dict[str, Any] = {"round": 0}

    async def prepare_file() -> None:
        harness.api.clear()
        await harness.process(harness.updates.message("/exporter", chat=chat, user=coordinator))
        state["round"] += 1
        state["file"] = edit_500(document(harness), state["round"])

    async def send_back() -> str:
        file_id = f"RT{state['round']}"
        harness.api.add_file(file_id, state["file"])
        update = harness.updates.document(
            chat=chat,
            user=coordinator,
            file_name="suivi.xlsx",
            mime_type=XLSX,
            file_size=len(state["file"]),
            file_id=file_id,
        )
        replies = await harness.process(update)
        if len(replies) != 1 or "Appliquer" not in str(replies[0].get("reply_markup")):
            raise AssertionError(f"no preview: {replies!r}"[:500])
        state["preview"] = replies[0]
        first = str(replies[0]["text"]).split("\n")[1]
        return first

    async def prepare_preview() -> None:
        await prepare_file()
        await send_back()

    async def apply() -> str:
        preview = state["preview"]
        data = button_data(preview, "Appliquer")
        await harness.process(harness.updates.callback(data, message=preview, user=coordinator))
        edited = str(harness.api.edits()[-1]["text"])
        if "appliqué" not in edited:
            raise AssertionError(edited[:300])
        return edited.split(":", 1)[1].split(".")[0].strip()

    repeat = bench.repeat
    return [
        await measure(
            f"round trip: read + preview ({bench.cluster_actions:,} rows, 500 changed)",
            send_back,
            repeat,
            prepare_file,
        ),
        await measure(
            "round trip: Appliquer (500 changes, in one transaction)",
            apply,
            repeat,
            prepare_preview,
        ),
    ]


# --- The calendar --------------------------------------------------------------------------------


async def calendar_figures(bench: Bench) -> list[Figure]:
    """/calendrier of the big cluster in its group, and the calendar of every cluster at
    once (the query and the writer, as the tracker's whole-database figure)."""
    harness, world = bench.harness, bench.world
    coordinator = world.coordinators[BIG_CLUSTER][0].user
    group = world.chat_of[BIG_CLUSTER]

    async def calendar_cluster() -> str:
        harness.api.clear()
        await harness.process(harness.updates.message("/calendrier", chat=group, user=coordinator))
        data = document(harness)
        return f"{data.count(b'BEGIN:VEVENT'):,} events, {len(data) / 1024:.0f} KB"

    async def calendar_all() -> str:
        ids = list(bench.world.cluster_ids)
        started = time.perf_counter()
        with bench.db.session() as session:
            clusters = [c for c in all_clusters(session=session) if c.id in ids]
            export = calendar_export(session=session, cluster_ids=ids, now=NOW)
        read = time.perf_counter() - started
        data = await asyncio.to_thread(
            write_calendar, export, clusters=clusters, name="Tous", now=NOW, domain=CAL_DOMAIN
        )
        written = time.perf_counter() - started - read
        events = data.count(b"BEGIN:VEVENT")
        return (
            f"{events:,} events, {len(data) / 1024:.0f} KB"
            f" (query {read:.2f} s, writer {written:.2f} s)"
        )

    return [
        await measure(
            f"/calendrier, a cluster of {bench.cluster_actions:,} actions (group)",
            calendar_cluster,
            bench.repeat,
        ),
        await measure(
            f"calendar of the whole database ({bench.actions:,} actions)",
            calendar_all,
            bench.repeat,
        ),
    ]


# Another block of figures: an `async def ...(bench: Bench) -> list[Figure]` defined above
# and appended to BLOCKS.
BLOCKS: list[Callable[[Bench], Awaitable[list[Figure]]]] = [tracker_figures, calendar_figures]


# --- main ----------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--clusters", type=int, default=50)
    parser.add_argument("--organisations", type=int, default=300, help="total, seeded included")
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--actions", type=int, default=20000)
    parser.add_argument("--cluster-actions", type=int, default=2000, help="in the first cluster")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per figure")
    parser.add_argument(
        "--whole-repeat", type=int, default=1, help="timed runs of the whole database's tracker"
    )
    parser.add_argument("--seed", type=int, default=20161020)
    return parser.parse_args(argv)


async def run(args: argparse.Namespace, directory: Path) -> list[Figure]:
    rng = random.Random(args.seed)
    db = Database.from_url(f"sqlite:///{directory / 'bench.db'}")
    try:
        started = time.perf_counter()
        upgrade(db.engine)
        world = fill(db.engine, args, rng)
        give_cluster(db, BIG_CLUSTER, min(args.cluster_actions, args.actions))
        print(f"database: {sum(world.rows.values())} rows in {time.perf_counter() - started:.1f} s")
        print(f"this machine: a 2,000,000-step Python loop takes {machine_speed():.2f} s")
        harness = build_harness(db, start=NOW)
        for cid, people in world.coordinators.items():
            for person in people:
                harness.api.set_chat_member_status(
                    world.chat_of[cid].id, person.user.id, "administrator"
                )
        await harness.app.initialize()
        gc.collect()
        gc.freeze()
        big = min(args.cluster_actions, args.actions)
        bench = Bench(harness, world, db, args.repeat, rng, args.actions, big, args.whole_repeat)
        figures: list[Figure] = []
        try:
            for block in BLOCKS:
                figures += await block(bench)
        finally:
            await harness.app.shutdown()
        return figures
    finally:
        db.dispose()


def report(figures: list[Figure], repeat: int) -> None:
    width = max(len(f.name) for f in figures)
    print(f"\n{repeat} timed runs per figure; peak memory from one more run under tracemalloc")
    print(f"{'figure':<{width}}  {'median s':>8}  {'max s':>6}  {'peak MB':>7}  result")
    for f in figures:
        print(
            f"{f.name:<{width}}  {f.median:>8.3f}  {max(f.samples_s):>6.3f}"
            f"  {f.peak_mb:>7.1f}  {f.note}"
        )
    print(f"\npeak memory (ru_maxrss): {peak_mb():.1f} MB")
    print("\ntargets:")
    for f in figures:
        verdict = "PASS" if f.median < TARGET_S else "FAIL"
        print(f"  {verdict}  {f.name:<{width}} {f.median:6.3f} s < {TARGET_S:.0f} s")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="relance-exports-") as directory:
        figures = asyncio.run(run(args, Path(directory)))
    report(figures, args.repeat)
    return 0  # figures for a human, not a test


if __name__ == "__main__":
    sys.exit(main())
