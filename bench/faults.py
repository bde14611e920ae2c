"""Fault modes of bench/reminders.py (`--fault hang|cut|kill|term`): one busy morning
delivered through a link or a process that misbehaves, counting what each focal point got.

- hang: from the `--fault-after`-th sendMessage on, the stand-in reads each request and
  never acts on it nor answers, for `--hang-seconds`; the bot's sweeps run back to back.
- cut: the `--fault-after`-th sendMessage and four more, 50 apart, are acted on (delivered)
  and the connection closed without an answer.
- kill: `relance run` (a subprocess) is SIGKILLed once `--fault-after` messages arrived, then
  started again until the morning is delivered.
- term: the same with SIGTERM; the stop time is how long it took to exit.

Targets (printed, and the exit status): 0 duplicates in every mode; 0 lost for a hang or a
cut; lost no more than the messages on the wire at a kill; a stop under 5 s.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from tests.fakes import botapi_http
from tests.fakes.botapi import FakeBotApi
from tests.fakes.botapi_http import BotApiServer

STOP_TARGET = 5.0  # seconds from SIGTERM to exit
CUTS = 5
CLIENT_READ_TIMEOUT = 5.0  # PTB's HTTPXRequest default, which the bot keeps


class FaultPlan:
    """Which sendMessage meets which fate: shared by the server's handler threads."""

    def __init__(self, mode: str, after: int, hang_seconds: float) -> None:
        self.mode = mode
        self.after = after
        self.hang_seconds = hang_seconds
        self.arrivals = 0
        self.hang_until: float | None = None
        self.met: Counter[str] = Counter()
        self._lock = threading.Lock()

    def fate(self) -> str:
        with self._lock:
            self.arrivals += 1
            n = self.arrivals
            if self.mode == "hang" and n >= self.after:
                now = time.monotonic()
                if self.hang_until is None:
                    self.hang_until = now + self.hang_seconds
                if now < self.hang_until:
                    self.met["hang"] += 1
                    return "hang"
            cut_turn = n >= self.after and (n - self.after) % 50 == 0
            if self.mode == "cut" and cut_turn and self.met["cut"] < CUTS:
                self.met["cut"] += 1
                return "cut"
            return "ok"

    def hang_over(self) -> bool:
        with self._lock:
            return self.hang_until is not None and time.monotonic() >= self.hang_until


class _FaultyHandler(botapi_http._Handler):
    def _serve(self) -> None:
        plan: FaultPlan | None = getattr(self.server, "fault_plan", None)
        if plan is None or not urlsplit(self.path).path.endswith("/sendMessage"):
            super()._serve()
            return
        fate = plan.fate()
        if fate == "ok":
            super()._serve()
            return
        params = self._read_params()
        if fate == "cut":
            self.server.api.handle("sendMessage", params)  # delivered...
        else:
            # hang: never acted on, never answered, even when the hang ends: the connection
            # stays silent until the client gives up on its read timeout (PTB's is 5 s).
            silent_until = time.monotonic() + CLIENT_READ_TIMEOUT + 1.0
            while not plan.hang_over() or time.monotonic() < silent_until:
                time.sleep(0.05)
        self.close_connection = True  # ... and no answer


def faulty_server(api: FakeBotApi, plan: FaultPlan) -> BotApiServer:
    server = BotApiServer(api)
    inner: Any = server._server
    inner.RequestHandlerClass = _FaultyHandler
    inner.fault_plan = plan
    return server


@dataclass
class Outcome:
    once: int  # focal points with exactly one digest
    twice: int  # with more than one
    never: int  # with none
    reminders_per_digest: int
    stop_seconds: float | None = None
    on_the_wire: int | None = None  # log rows left "sending" by a kill
    at_stop: int | None = None  # messages delivered when the process was stopped
    note: str = ""

    def passed(self, mode: str) -> bool:
        if self.twice:
            return False
        if mode in ("hang", "cut", "term"):
            lost_ok = self.never == 0
        else:
            lost_ok = self.never <= (self.on_the_wire or 0)
        stop_ok = self.stop_seconds is None or self.stop_seconds < STOP_TARGET
        return lost_ok and stop_ok


def outcome(focal_chats: set[int], api: FakeBotApi, per_digest: int) -> Outcome:
    got = Counter(int(m["chat_id"]) for m in api.sent() if "🔔" in str(m["text"]))
    return Outcome(
        once=sum(1 for c in focal_chats if got[c] == 1),
        twice=sum(1 for c in focal_chats if got[c] > 1),
        never=sum(1 for c in focal_chats if got[c] == 0),
        reminders_per_digest=per_digest,
    )


def print_outcome(mode: str, result: Outcome, args: argparse.Namespace) -> None:
    r = result.reminders_per_digest
    print(f"\nfault mode {mode!r} (after {args.fault_after} messages)")
    print(
        f"  digests delivered once: {result.once} ({result.once * r} reminders), "
        f"twice or more: {result.twice} ({result.twice * r}), "
        f"never: {result.never} ({result.never * r})"
    )
    if result.on_the_wire is not None:
        print(f"  claimed and unanswered at the kill (on the wire): {result.on_the_wire}")
    if result.stop_seconds is not None:
        print(f"  stop time (signal to exit): {result.stop_seconds:.2f} s")
    if result.note:
        print(f"  {result.note}")
    print(f"  {'PASS' if result.passed(mode) else 'FAIL'}  targets for {mode!r}")


# --------------------------------------------------------------------------- processes


def _env(server: BotApiServer, engine: Engine, token: str, now_iso: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("TELEGRAM_")}
    root = str(Path(__file__).resolve().parent.parent)
    env.update(
        TELEGRAM_BOT_TOKEN=token,
        DATABASE_URL=engine.url.render_as_string(hide_password=False),
        TELEGRAM_API_BASE_URL=server.base_url,
        TELEGRAM_API_BASE_FILE_URL=server.base_file_url,
        RELANCE_TEST_CLOCK=now_iso,
        LOG_LEVEL="WARNING",
        PYTHONPATH=root,
        PYTHONUNBUFFERED="1",
    )
    return env


def _start(workdir: Path, env: dict[str, str], name: str) -> subprocess.Popen[bytes]:
    with (workdir / f"{name}.log").open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run"],
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _sent_count(api: FakeBotApi) -> int:
    return sum(1 for c in api.calls if c.method == "sendMessage" and c.ok)


def _wait_for(api: FakeBotApi, count: int, timeout: float) -> bool:
    return api.wait_for(
        lambda calls: sum(1 for c in calls if c.method == "sendMessage" and c.ok) >= count,
        timeout,
    )


def _wait_quiet(api: FakeBotApi, quiet: float = 3.0, timeout: float = 300.0) -> None:
    """Until the restarted bot has sent something and then nothing for `quiet` seconds
    (the rest of the morning is delivered)."""
    deadline = time.monotonic() + timeout
    baseline = _sent_count(api)
    if not _wait_for(api, baseline + 1, timeout=60):
        return  # it owed nothing more
    last, since = _sent_count(api), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.2)
        now_count = _sent_count(api)
        if now_count != last:
            last, since = now_count, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return


def _sending_rows(engine: Engine) -> int:
    table = SQLModel.metadata.tables["reminder_log"]
    with engine.connect() as conn:
        count = conn.execute(
            select(func.count()).select_from(table).where(table.c.state == "sending")
        ).scalar_one()
    return int(count)


def run_process_fault(
    mode: str,
    *,
    args: argparse.Namespace,
    engine: Engine,
    workdir: Path,
    focal_chats: set[int],
    per_digest: int,
    token: str,
    now_iso: str,
) -> Outcome:
    """kill or term: `relance run`, stopped by the signal mid fan-out, then started again."""
    api = FakeBotApi()
    api.limit_rate(per_second=args.rate)
    with BotApiServer(api) as server:
        env = _env(server, engine, token, now_iso)
        first = _start(workdir, env, "first")
        try:
            if not _wait_for(api, args.fault_after, timeout=120):
                raise RuntimeError(f"relance sent fewer than {args.fault_after} messages")
            signalled = time.monotonic()
            first.send_signal(signal.SIGKILL if mode == "kill" else signal.SIGTERM)
            first.wait(timeout=60)
            stop_seconds = time.monotonic() - signalled
        finally:
            if first.poll() is None:
                first.kill()
        at_stop = _sent_count(api)
        on_the_wire = _sending_rows(engine)
        second = _start(workdir, env, "second")
        try:
            _wait_quiet(api)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=60)
    result = outcome(focal_chats, api, per_digest)
    result.on_the_wire = on_the_wire if mode == "kill" else None
    result.stop_seconds = stop_seconds if mode == "term" else None
    result.at_stop = at_stop
    result.note = (
        f"{at_stop} messages delivered before the {'kill' if mode == 'kill' else 'stop'}, "
        f"of {len(focal_chats)} digests"
    )
    return result
