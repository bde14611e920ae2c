"""bench/exports.py keeps working as the bot changes (its figures are read by people)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_export_benchmark_runs_end_to_end_on_a_small_world() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "bench/exports.py",
            "--clusters",
            "3",
            "--organisations",
            "40",
            "--members",
            "40",
            "--actions",
            "600",
            "--cluster-actions",
            "520",
            "--repeat",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-2000:]
    for line in (
        "/exporter, a cluster of 520 actions",
        "tracker of the whole database (600 actions)",
        "round trip: read + preview",
        "changements compris",
        "round trip: Appliquer",
        "changement(s) sur",
        "/calendrier, a cluster of 520 actions (group)",
        "calendar of the whole database (600 actions)",
        "peak memory",
    ):
        assert line in result.stdout, line
