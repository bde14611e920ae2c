"""The benchmark keeps working as the bot changes (its figures are read by people, not here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_command_benchmark_runs_end_to_end_on_a_small_world() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "bench/commands.py",
            "--clusters",
            "3",
            "--organisations",
            "40",
            "--members",
            "40",
            "--actions",
            "300",
            "--iterations",
            "5",
            "--warmup",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-2000:]
    for command in ("/actions", "/mesactions", "/voir", "/action"):
        assert command in result.stdout
    assert "peak memory" in result.stdout
