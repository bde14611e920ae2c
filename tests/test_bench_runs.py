"""The benchmark keeps working as the bot changes (its figures are read by people, not here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]


def test_the_command_benchmark_runs_end_to_end_on_a_small_world(empty_database_url: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "bench/commands.py",
            "--database-url",  # the engine the suite runs on
            empty_database_url,
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
    assert f"database: {make_url(empty_database_url).get_backend_name()}" in result.stdout
    for command in ("/actions", "/mesactions", "/voir", "/action", "/suivi", "review step"):
        assert command in result.stdout
    assert "peak memory" in result.stdout


def test_the_reminder_benchmark_runs_end_to_end_on_a_small_world() -> None:
    # Exits 1 on a duplicate, a missing focal point or a resend by the second sweep: those
    # are bugs. The rate and the 429s are figures for a human and not checked here.
    result = subprocess.run(
        [
            sys.executable,
            "bench/reminders.py",
            "--clusters",
            "2",
            "--focal-points",
            "20",
            "--background-actions",
            "100",
            "--repeat",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    for line in (
        "messages delivered: 20",
        "msg/s",
        "429s received:",
        "duplicates: 0, missing: 0, unexpected: 0",
        "planning query",
        "SweepReport.planning_seconds",
        "second sweep at the same instant: 0 messages sent",
        "peak memory",
    ):
        assert line in result.stdout, line


def test_the_round_trip_benchmark_runs_both_bots_idle_and_during_a_small_morning() -> None:
    # Exits 1 if relance answered a command wrongly or not at all; the round trips and
    # their ratios are figures for a human and not checked here.
    result = subprocess.run(
        [
            sys.executable,
            "bench/roundtrip.py",
            "--clusters",
            "5",
            "--organisations",
            "40",
            "--members",
            "40",
            "--actions",
            "300",
            "--morning",
            "20",
            "--iterations",
            "2",
            "--warmup",
            "1",
            "--settle",
            "0",
            "--round-every",
            "0",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    for line in (
        "20 digests owed",
        "idle: 2 rounds",
        "digests delivered: 20",
        "/voir N",
        "button press",
        "/actions",
        "/mesactions",
        "/action …",
        "x echo",
        "x idle",
        "targets",
    ):
        assert line in result.stdout, line


def test_the_shape_report_finds_the_handlers_and_grades_complexity() -> None:
    result = subprocess.run(
        [sys.executable, "bench/shape.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-2000:]
    assert "section failed" not in result.stdout
    for line in ("Registered handler callbacks", "Cyclomatic complexity", "Module sizes"):
        assert line in result.stdout, line
    assert "drafts:action_command" in result.stdout


def test_the_minutes_benchmark_scores_one_document_and_prints_its_totals() -> None:
    # The scores are figures for a human (today's readers miss most shapes): not checked here.
    result = subprocess.run(
        [sys.executable, "bench/minutes.py", "--case", "var_no_header", "--details"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-2000:]
    assert "var_no_header" in result.stdout
    for line in ("Totals", "actions found", "false actions", "owners right", "largest document"):
        assert line in result.stdout, line


def test_the_long_input_benchmark_runs() -> None:
    result = subprocess.run(
        [sys.executable, "bench/long_input.py", "--length", "400", "--rounds", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-2000:]
    assert "slowest parse of 400 characters" in result.stdout


def test_the_startup_benchmark_starts_the_bot_answers_commands_and_sweeps() -> None:
    # The figures (time to polling, memory) are for a human and not checked here; the run
    # exits 1 when the bot does not start or does not answer every command.
    result = subprocess.run(
        [sys.executable, "bench/startup.py", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )

    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    for line in (
        "import bot.app: median",
        "time to first getUpdates: median",
        "idle RSS",
        "40 commands through the stand-in",
        "RSS growth over 40 commands",
        "RSS growth over 1 days of sweeps",
    ):
        assert line in result.stdout, line
    assert "Traceback" not in result.stdout
