"""SIGTERM during a morning's fan-out, to the real `relance run` process over HTTP: it stops
without finishing the morning, and the next start sends the rest, each digest once."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from bench.faults import run_process_fault
from bench.reminders import NOW, TOKEN, fill
from storage.db import Database
from storage.migrate import upgrade


def test_sigterm_mid_fan_out_leaves_the_rest_for_the_next_start_and_repeats_nothing(
    tmp_path: Path, empty_database_url: str
) -> None:
    # 120 digests: at 28 a second, four seconds of fan-out; the signal comes after 30.
    args = argparse.Namespace(
        clusters=2,
        focal_points=120,
        actions_per_focal_point=1,
        background_actions=0,
        rate=30,
        fault_after=30,
    )
    db = Database.from_url(empty_database_url)
    try:
        upgrade(db.engine)
        world = fill(db.engine, args, random.Random(1))
        result = run_process_fault(
            "term",
            args=args,
            engine=db.engine,
            workdir=tmp_path,
            focal_chats=world.focal_chats,
            per_digest=1,
            token=TOKEN,
            now_iso=NOW.isoformat(),
        )
    finally:
        db.dispose()

    assert result.at_stop is not None
    assert result.at_stop < 120  # it did not finish the morning first
    assert (result.once, result.twice, result.never) == (120, 0, 0)
