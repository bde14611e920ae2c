"""End to end: the real `relance run` process against the Bot API stand-in on 127.0.0.1.

Nothing here is in-process: the bot is started as a subprocess, configured only through its
environment (as an operator would), and talks HTTP to `BotApiServer`. The tests check what an
operator sees: the menu, the replies, one log line per update, no token in the logs, a clean stop
on SIGINT/SIGTERM, and one clear French line when the configuration is wrong.
"""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import sqlalchemy as sa
from icalendar import Calendar

from bot import texts
from storage.db import make_engine
from storage.models import Status
from tests.fakes.botapi import ApiCall, FakeBotApi
from tests.fakes.botapi_http import BotApiServer
from tests.fakes.updates import FakeChat, FakeUser, UpdateFactory
from tests.harness import COORDINATOR, FOCAL, GROUP, TOKEN, button_data

REPO_ROOT = Path(__file__).resolve().parents[1]

# Bounded waits: generous for a loaded CI machine, far below the per-test budget.
START_TIMEOUT = 30.0
REPLY_TIMEOUT = 15.0
STOP_TIMEOUT = 20.0
FAIL_TIMEOUT = 20.0

# Every variable `relance run` reads (pydantic-settings matches them case-insensitively).
_CONFIG_KEYS = frozenset(
    {
        "TELEGRAM_BOT_TOKEN",
        "DATABASE_URL",
        "RELANCE_TIMEZONE",
        "TELEGRAM_API_BASE_URL",
        "TELEGRAM_API_BASE_FILE_URL",
        "LOG_LEVEL",
        "RELANCE_TEST_CLOCK",
    }
)

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_DEADLINE = re.compile(r"(?P<weekday>" + "|".join(WEEKDAYS) + r") 25 octobre (?P<year>\d{4})")
_UPDATE_LOG = re.compile(r"\bupdate (?P<id>\d+):")


# ---------------------------------------------------------------------- process helpers


def clean_env(**overrides: str) -> dict[str, str]:
    """os.environ without any ambient Relance/Telegram setting, plus `overrides`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key.upper() not in _CONFIG_KEYS and not key.upper().startswith("TELEGRAM_")
    }
    # The project importable from the tmp working directory, whatever runs pytest.
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p
    )
    env["PYTHONUNBUFFERED"] = "1"
    env.update(overrides)
    return env


@dataclass
class Relance:
    """A running `relance run` subprocess, its output captured to files."""

    proc: subprocess.Popen[bytes]
    stdout_path: Path
    stderr_path: Path

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8", errors="replace")

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def output_tail(self, lines: int = 40) -> str:
        """For assertion messages: what the bot said before things went wrong."""
        out = self.stdout.splitlines()[-lines:]
        err = self.stderr.splitlines()[-lines:]
        return "\n--- stdout ---\n" + "\n".join(out) + "\n--- stderr ---\n" + "\n".join(err)

    def stop(self, sig: signal.Signals) -> int:
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"relance did not stop within {STOP_TIMEOUT} s of {sig.name}")

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


def start_relance(workdir: Path, env: dict[str, str]) -> Relance:
    """`python -m bot.cli run` in `workdir` (so no stray .env is read)."""
    stdout_path = workdir / "relance.stdout"
    stderr_path = workdir / "relance.stderr"
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run"],
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
    return Relance(proc, stdout_path, stderr_path)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    path = tmp_path / "cwd"
    path.mkdir()
    return path


@pytest.fixture
def server() -> Iterator[BotApiServer]:
    api = FakeBotApi()
    api.set_chat_member_status(GROUP.id, COORDINATOR.id, "administrator")
    with BotApiServer(api, token=TOKEN) as srv:
        yield srv


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A 127.0.0.1 port that refuses connections: bound (so nobody else takes it), not listening."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    try:
        yield int(sock.getsockname()[1])
    finally:
        sock.close()


def stored(database_url: str, sql: str) -> list[tuple[Any, ...]]:
    """What the bot left in its database, read after it stopped."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(sa.text(sql))]
    finally:
        engine.dispose()


def bot_env(server: BotApiServer, database_url: str) -> dict[str, str]:
    return clean_env(
        TELEGRAM_BOT_TOKEN=TOKEN,
        DATABASE_URL=database_url,
        TELEGRAM_API_BASE_URL=server.base_url,
        TELEGRAM_API_BASE_FILE_URL=server.base_file_url,
        LOG_LEVEL="DEBUG",
    )


# ---------------------------------------------------------------------- Bot API predicates


def _ok(calls: list[ApiCall], method: str) -> list[ApiCall]:
    return [c for c in calls if c.method == method and c.ok]


def _polling(calls: list[ApiCall]) -> bool:
    return len(_ok(calls, "setMyCommands")) >= 2 and bool(_ok(calls, "getUpdates"))


def _sent_containing(chat_id: int, needle: str) -> Callable[[list[ApiCall]], bool]:
    def predicate(calls: list[ApiCall]) -> bool:
        return any(
            c.params.get("chat_id") == chat_id and needle in str(c.params.get("text", ""))
            for c in _ok(calls, "sendMessage")
        )

    return predicate


def wait_until(
    api: FakeBotApi,
    relance: Relance,
    predicate: Callable[[list[ApiCall]], bool],
    what: str,
    timeout: float = REPLY_TIMEOUT,
) -> None:
    if not api.wait_for(predicate, timeout):
        methods = [c.method for c in list(api.calls)]
        exited = relance.proc.poll()
        pytest.fail(
            f"timed out after {timeout} s waiting for {what}; bot exit code {exited}; "
            f"Bot API calls: {methods}{relance.output_tail()}"
        )


def start_and_wait_for_polling(server: BotApiServer, workdir: Path, database_url: str) -> Relance:
    relance = start_relance(workdir, bot_env(server, database_url))
    wait_until(server.api, relance, _polling, "the menu and getUpdates", START_TIMEOUT)
    return relance


# ---------------------------------------------------------------------- the tests


def set_up_a_cluster_with_an_action(
    api: FakeBotApi, relance: Relance, updates: UpdateFactory
) -> None:
    """Thursday 20 October 2016 in Bamako: a cluster, OCHA's focal point, an action due on
    Tuesday the 25th, all typed over HTTP."""
    api.push_update(
        updates.message("/cluster Cluster Protection (CP)", chat=GROUP, user=COORDINATOR)
    )
    wait_until(api, relance, _sent_containing(GROUP.id, "Cluster Protection"), "/cluster")
    api.push_update(updates.message("/inviter OCHA Gerson Brandao", chat=GROUP, user=COORDINATOR))
    # The link reaches the coordinator privately; the group reads only that it was made.
    wait_until(api, relance, _sent_containing(COORDINATOR.id, "?start="), "the link")
    wait_until(api, relance, _sent_containing(GROUP.id, "en privé"), "the group's notice")
    assert not [m for m in api.sent(GROUP.id) if "?start=" in m["text"]]
    link = next(m["text"] for m in api.sent(COORDINATOR.id) if "?start=" in m["text"])
    code = link.split("?start=")[1].split()[0]
    api.push_update(
        updates.message(f"/start {code}", chat=FakeChat(FOCAL.id, "private"), user=FOCAL)
    )
    wait_until(api, relance, _sent_containing(FOCAL.id, "Bienvenue"), "the welcome")
    api.push_update(
        updates.message(
            "/action Rédiger la note de protection — OCHA — 25 octobre",
            chat=GROUP,
            user=COORDINATOR,
        )
    )
    wait_until(api, relance, _sent_containing(GROUP.id, "Action n° 1"), "the action card")


def test_relance_run_answers_a_command_and_a_button_over_http_and_stops_on_sigint(
    server: BotApiServer, workdir: Path, empty_database_url: str
) -> None:
    api = server.api
    updates = UpdateFactory(bot_username=api.username, bot_id=api.bot_id)
    relance = start_and_wait_for_polling(server, workdir, empty_database_url)
    try:
        # The French menu: everyone's commands by default, coordinators' for administrators.
        everyone = {c["command"] for c in api.commands()}
        admins = {c["command"] for c in api.commands({"type": "all_chat_administrators"})}
        assert "actions" in everyone
        assert "action" not in everyone
        assert {"action", "actions"} <= admins

        pushed: list[int] = []

        def push(update: dict[str, Any]) -> None:
            pushed.append(int(update["update_id"]))
            api.push_update(update)

        # 1. The group becomes a cluster.
        push(updates.message("/cluster Cluster Protection (CP)", chat=GROUP, user=COORDINATOR))
        wait_until(
            api, relance, _sent_containing(GROUP.id, "Cluster Protection"), "the /cluster reply"
        )

        # 2. An action in one message: the card comes back with the deadline in French.
        push(
            updates.message(
                "/action Rédiger une note sur la situation de protection — OCHA — 25 octobre",
                chat=GROUP,
                user=COORDINATOR,
            )
        )
        wait_until(api, relance, _sent_containing(GROUP.id, "Action n° 1"), "the action card")
        card = next(m for m in api.sent(GROUP.id) if "Action n° 1" in m["text"])
        assert "Rédiger une note sur la situation de protection" in card["text"]
        assert "OCHA" in card["text"]
        deadline = _DEADLINE.search(card["text"])
        assert deadline is not None, card["text"]
        weekday = WEEKDAYS[date(int(deadline["year"]), 10, 25).weekday()]
        assert deadline["weekday"] == weekday, card["text"]

        # 3. The "Fait" button under the card: the card is edited in place, the press answered.
        done_status = texts.CARD_STATUS.format(
            icon=texts.STATUS_ICON[Status.DONE], status=texts.STATUS_LABEL[Status.DONE]
        )
        press = updates.callback(
            button_data(card, texts.BUTTON_DONE), message=card, user=COORDINATOR
        )
        push(press)
        query_id = press["callback_query"]["id"]

        def card_edited_and_answered(calls: list[ApiCall]) -> bool:
            edited = any(
                c.params.get("chat_id") == GROUP.id
                and c.params.get("message_id") == card["message_id"]
                and done_status in str(c.params.get("text", ""))
                for c in _ok(calls, "editMessageText")
            )
            answered = any(
                c.params.get("callback_query_id") == query_id
                for c in _ok(calls, "answerCallbackQuery")
            )
            return edited and answered

        wait_until(api, relance, card_edited_and_answered, "the edited card and the answer")

        # 4. Ctrl-C: a clean stop.
        assert relance.stop(signal.SIGINT) == 0, relance.output_tail()
    finally:
        relance.kill()

    output = relance.stdout + relance.stderr
    secret = TOKEN.split(":", 1)[1]
    assert TOKEN not in output
    assert secret not in output
    assert "Traceback" not in output, relance.output_tail()

    # One log line per update, each update once.
    logged = Counter(int(m["id"]) for m in _UPDATE_LOG.finditer(relance.stderr))
    assert logged == Counter(pushed), relance.output_tail()

    # What the bot stored survives the process.
    rows = stored(empty_database_url, "SELECT id, status, description FROM action")
    assert rows == [
        (1, Status.DONE.value, "Rédiger une note sur la situation de protection"),
    ]


def wait_for_log(relance: Relance, needle: str, timeout: float = REPLY_TIMEOUT) -> None:
    """Wait for a line in the bot's log (the stand-in sees calls, not what the bot decided)."""
    deadline = time.monotonic() + timeout
    while needle not in relance.stderr:
        if time.monotonic() > deadline or relance.proc.poll() is not None:
            pytest.fail(f"no {needle!r} in the log within {timeout} s{relance.output_tail()}")
        time.sleep(0.05)  # polling a file another process writes, not testing timing


def test_the_digest_arrives_on_its_morning_and_a_restart_sends_nothing_twice(
    server: BotApiServer, workdir: Path, empty_database_url: str
) -> None:
    api = server.api
    updates = UpdateFactory(bot_username=api.username, bot_id=api.bot_id)
    env = bot_env(server, empty_database_url)

    # Thursday 20 October 2016, 14:30 in Bamako: a cluster, OCHA's focal point, an action
    # due on Tuesday the 25th.
    relance = start_relance(workdir, {**env, "RELANCE_TEST_CLOCK": "2016-10-20T14:30:00+00:00"})
    try:
        wait_until(api, relance, _polling, "the menu and getUpdates", START_TIMEOUT)
        set_up_a_cluster_with_an_action(api, relance, updates)
        assert relance.stop(signal.SIGTERM) == 0, relance.output_tail()
    finally:
        relance.kill()
    assert not [m for m in api.sent(FOCAL.id) if "Vos rappels" in m["text"]]

    # Friday 21 October, 08:00: the bot starts on the morning of the 3-day reminder.
    friday = {**env, "RELANCE_TEST_CLOCK": "2016-10-21T08:00:00+00:00"}
    for run in range(2):
        relance = start_relance(workdir, friday)
        try:
            wait_for_log(relance, "reminder sweep:", START_TIMEOUT)
            if run == 0:
                wait_until(api, relance, _sent_containing(FOCAL.id, "Vos rappels"), "the digest")
            else:
                # The restarted bot saw the reminder due and found it in the log.
                assert "1 due, 1 already sent, 0 messages sent" in relance.stderr
            assert relance.stop(signal.SIGINT) == 0, relance.output_tail()
        finally:
            relance.kill()
        assert "Traceback" not in relance.stderr, relance.output_tail()

    # The restart swept the same morning again and sent nothing twice.
    digests = [m for m in api.sent(FOCAL.id) if "Vos rappels" in m["text"]]
    assert len(digests) == 1
    assert "Échéance dans 4 jours : mardi 25 octobre 2016" in digests[0]["text"]
    assert "relance_test_bot" not in digests[0]["text"]


def test_two_processes_on_one_database_send_the_morning_once(
    server: BotApiServer, tmp_path: Path, empty_database_url: str
) -> None:
    """One `relance run` polling, a second beside it on the same database: both sweep the
    same morning, the focal point gets the digest once."""
    api = server.api
    updates = UpdateFactory(bot_username=api.username, bot_id=api.bot_id)
    env = bot_env(server, empty_database_url)
    first_dir, second_dir = tmp_path / "a", tmp_path / "b"
    first_dir.mkdir()
    second_dir.mkdir()
    relance = start_relance(first_dir, {**env, "RELANCE_TEST_CLOCK": "2016-10-20T14:30:00+00:00"})
    try:
        wait_until(api, relance, _polling, "the menu and getUpdates", START_TIMEOUT)
        set_up_a_cluster_with_an_action(api, relance, updates)
        assert relance.stop(signal.SIGTERM) == 0, relance.output_tail()
    finally:
        relance.kill()

    friday = {**env, "RELANCE_TEST_CLOCK": "2016-10-21T08:00:00+00:00"}
    both = [start_relance(first_dir, friday), start_relance(second_dir, friday)]
    try:
        for one in both:
            wait_for_log(one, "reminder sweep:", START_TIMEOUT)
        for one in both:
            assert one.stop(signal.SIGINT) == 0, one.output_tail()
    finally:
        for one in both:
            one.kill()
    for one in both:
        assert "Traceback" not in one.stderr, one.output_tail()

    digests = [m for m in api.sent(FOCAL.id) if "Vos rappels" in m["text"]]
    assert len(digests) == 1
    rows = stored(empty_database_url, "SELECT state FROM reminder_log")
    assert rows == [("sent",)]


def test_a_short_review_is_walked_through_over_http(
    server: BotApiServer, workdir: Path, empty_database_url: str
) -> None:
    """The meeting's review in the group: /revue posts the item, OCHA's focal point taps Fait,
    the item is edited in place and the summary follows; the answer is kept as said at
    that meeting."""
    api = server.api
    updates = UpdateFactory(bot_username=api.username, bot_id=api.bot_id)
    env = bot_env(server, empty_database_url)
    relance = start_relance(workdir, {**env, "RELANCE_TEST_CLOCK": "2016-10-20T14:30:00+00:00"})
    try:
        wait_until(api, relance, _polling, "the menu and getUpdates", START_TIMEOUT)
        steps = [
            ("/cluster Cluster Protection (CP)", GROUP, COORDINATOR, "Cluster Protection"),
            ("/inviter OCHA Gerson Brandao", GROUP, COORDINATOR, "en privé"),
        ]
        for text, chat, user, needle in steps:
            api.push_update(updates.message(text, chat=chat, user=user))
            wait_until(api, relance, _sent_containing(chat.id, needle), text)
        link = next(m["text"] for m in api.sent(COORDINATOR.id) if "?start=" in m["text"])
        code = link.split("?start=")[1].split()[0]
        private = FakeChat(FOCAL.id, "private")
        api.push_update(updates.message(f"/start {code}", chat=private, user=FOCAL))
        wait_until(api, relance, _sent_containing(FOCAL.id, "Bienvenue"), "the welcome")
        for text, needle in [
            ("/action Partager la carte des acteurs — OCHA — 25 octobre", "Action n° 1"),
            ("/reunion 20 octobre 16h salle OCHA", "16h00"),
            ("/revue", "Point 1/1"),
        ]:
            api.push_update(updates.message(text, chat=GROUP, user=COORDINATOR))
            wait_until(api, relance, _sent_containing(GROUP.id, needle), text)
        item = next(m for m in api.sent(GROUP.id) if "Point 1/1" in m["text"])
        api.push_update(
            updates.callback(button_data(item, texts.BUTTON_DONE), message=item, user=FOCAL)
        )
        wait_until(api, relance, _sent_containing(GROUP.id, "Revue terminée"), "the summary")

        def item_edited(calls: list[ApiCall]) -> bool:
            return any(
                c.params.get("message_id") == item["message_id"]
                and "Signalé fait par Gerson Brandao" in str(c.params.get("text", ""))
                for c in _ok(calls, "editMessageText")
            )

        wait_until(api, relance, item_edited, "the item edited in place")
        assert relance.stop(signal.SIGINT) == 0, relance.output_tail()
    finally:
        relance.kill()
    assert "Traceback" not in relance.stderr, relance.output_tail()
    said = stored(
        empty_database_url,
        "SELECT e.action_id, e.new_value FROM action_event e"
        " JOIN meeting m ON m.id = e.meeting_id WHERE e.kind = 'status'",
    )
    status = stored(empty_database_url, "SELECT status FROM action WHERE id = 1")
    assert said == [(1, Status.DONE.value)]
    assert status == [(Status.DONE.value,)]


def test_an_administrator_who_never_spoke_in_the_group_gets_the_escalation_privately(
    server: BotApiServer, workdir: Path, empty_database_url: str
) -> None:
    """Mariam administers the group and only ever started the bot, before the group was a
    cluster: seven days after a missed deadline the escalation reaches her privately."""
    api = server.api
    silent = FakeUser(105, "Mariam", "Coulibaly")
    api.know_user(silent.to_json())
    api.set_chat_member_status(GROUP.id, silent.id, "administrator")
    updates = UpdateFactory(bot_username=api.username, bot_id=api.bot_id)
    env = bot_env(server, empty_database_url)
    relance = start_relance(workdir, {**env, "RELANCE_TEST_CLOCK": "2016-10-20T14:30:00+00:00"})
    try:
        wait_until(api, relance, _polling, "the menu and getUpdates", START_TIMEOUT)
        api.push_update(updates.message("/start", chat=FakeChat(silent.id, "private"), user=silent))
        wait_until(api, relance, _sent_containing(silent.id, ""), "the welcome")
        steps = [
            ("/cluster Cluster Protection (CP)", "Cluster Protection"),
            ("/action Rédiger la note de protection — OCHA — 25 octobre", "Action n° 1"),
        ]
        for text, needle in steps:
            api.push_update(updates.message(text, chat=GROUP, user=COORDINATOR))
            wait_until(api, relance, _sent_containing(GROUP.id, needle), text)
        assert relance.stop(signal.SIGTERM) == 0, relance.output_tail()
    finally:
        relance.kill()

    # Tuesday 1 November, 08:00: seven days late.
    relance = start_relance(workdir, {**env, "RELANCE_TEST_CLOCK": "2016-11-01T08:00:00+00:00"})
    try:
        needle = "en tant que coordinateur, relancez les responsables"
        # The wait spans a start (imports, migrations), as the other starts' waits do.
        wait_until(
            api, relance, _sent_containing(silent.id, needle), "the escalation", START_TIMEOUT
        )
        assert relance.stop(signal.SIGINT) == 0, relance.output_tail()
    finally:
        relance.kill()
    assert "Traceback" not in relance.stderr, relance.output_tail()
    assert not [m for m in api.sent(GROUP.id) if "aucun coordinateur" in m["text"]]
    assert not [m for m in api.sent(COORDINATOR.id) if needle in m["text"]]  # never started


def test_sigterm_stops_cleanly(
    server: BotApiServer, workdir: Path, empty_database_url: str
) -> None:
    relance = start_and_wait_for_polling(server, workdir, empty_database_url)
    try:
        assert relance.stop(signal.SIGTERM) == 0, relance.output_tail()
    finally:
        relance.kill()
    assert "Traceback" not in relance.stderr, relance.output_tail()


def assert_one_clear_line(relance: Relance, variable: str, token: str = TOKEN) -> None:
    """Non-zero exit, no traceback, no token, and a last line in French naming what to fix.

    Every broken promise is reported at once, not only the first.
    """
    try:
        code = relance.proc.wait(timeout=FAIL_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"relance still running after {FAIL_TIMEOUT} s{relance.output_tail()}")
    finally:
        relance.kill()
    stderr = relance.stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    problems = []
    if code <= 0:
        problems.append(f"exit code {code}, expected > 0")
    if token in stderr + relance.stdout:
        problems.append("the bot token is written in the output")
    if "Traceback" in stderr:
        problems.append("a traceback is printed")
    if not last.startswith("relance : "):
        problems.append(f"the last line is not the CLI's explanation: {last!r}")
    if variable not in last:
        problems.append(f"the last line does not name {variable}: {last!r}")
    assert not problems, "; ".join(problems) + relance.output_tail()


@pytest.mark.parametrize(
    ("overrides", "variable"),
    [
        pytest.param({}, "TELEGRAM_BOT_TOKEN", id="missing-token"),
        pytest.param({"TELEGRAM_BOT_TOKEN": "abc"}, "TELEGRAM_BOT_TOKEN", id="malformed-token"),
        pytest.param(
            {"TELEGRAM_BOT_TOKEN": TOKEN, "RELANCE_TIMEZONE": "Mars/Olympus"},
            "RELANCE_TIMEZONE",
            id="unknown-timezone",
        ),
        pytest.param(
            {"TELEGRAM_BOT_TOKEN": TOKEN, "DATABASE_URL": "sqlite:////nonexistent-dir/x.db"},
            "DATABASE_URL",
            id="unreachable-database",
        ),
    ],
)
def test_bad_configuration_is_one_clear_line(
    workdir: Path, closed_port: int, overrides: dict[str, str], variable: str
) -> None:
    settings = {
        "DATABASE_URL": f"sqlite:///{workdir / 'relance.db'}",
        # Should the bot get as far as the network, it must not leave 127.0.0.1.
        "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{closed_port}/bot",
        "TELEGRAM_API_BASE_FILE_URL": f"http://127.0.0.1:{closed_port}/file/bot",
    }
    settings.update(overrides)
    assert_one_clear_line(start_relance(workdir, clean_env(**settings)), variable)


def test_unreachable_telegram_is_one_clear_line(workdir: Path, closed_port: int) -> None:
    env = clean_env(
        TELEGRAM_BOT_TOKEN=TOKEN,
        DATABASE_URL=f"sqlite:///{workdir / 'relance.db'}",
        TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{closed_port}/bot",
        TELEGRAM_API_BASE_FILE_URL=f"http://127.0.0.1:{closed_port}/file/bot",
    )
    assert_one_clear_line(start_relance(workdir, env), "TELEGRAM_API_BASE_URL")


def test_token_refused_by_telegram_is_one_clear_line(server: BotApiServer, workdir: Path) -> None:
    """A well-formed token that Telegram does not know (revoked, mistyped): 401 on getMe."""
    other_token = "987654321:AAErevokedTokenForRelanceOnlyYYYYYYYY"
    env = clean_env(
        TELEGRAM_BOT_TOKEN=other_token,
        DATABASE_URL=f"sqlite:///{workdir / 'relance.db'}",
        TELEGRAM_API_BASE_URL=server.base_url,
        TELEGRAM_API_BASE_FILE_URL=server.base_file_url,
    )
    assert_one_clear_line(start_relance(workdir, env), "TELEGRAM_BOT_TOKEN", token=other_token)
    assert not server.api.calls_to("getUpdates")


def _document_sent(chat_id: int, suffix: str) -> Callable[[list[ApiCall]], bool]:
    def predicate(calls: list[ApiCall]) -> bool:
        return any(
            c.params.get("chat_id") == chat_id
            and getattr(c.params.get("document"), "file_name", "").endswith(suffix)
            for c in _ok(calls, "sendDocument")
        )

    return predicate


def _last_document(api: FakeBotApi, suffix: str) -> bytes:
    sent = [
        c.params["document"]
        for c in _ok(list(api.calls), "sendDocument")
        if getattr(c.params.get("document"), "file_name", "").endswith(suffix)
    ]
    return bytes(sent[-1].content)


def test_the_tracker_goes_out_and_comes_back_edited_and_the_calendar_follows_over_http(
    server: BotApiServer, workdir: Path, empty_database_url: str
) -> None:
    """The documents over real HTTP, multipart uploads both ways: /exporter's workbook,
    edited with openpyxl as a coordinator would offline (a status, a comment, a new row),
    sent back, previewed and applied with one tap; then /calendrier's file."""
    api = server.api
    updates = UpdateFactory(bot_username=api.username, bot_id=api.bot_id)
    env = bot_env(server, empty_database_url)
    relance = start_relance(workdir, {**env, "RELANCE_TEST_CLOCK": "2016-10-20T14:30:00+00:00"})
    try:
        wait_until(api, relance, _polling, "the menu and getUpdates", START_TIMEOUT)
        for text, needle in [
            ("/cluster Cluster Protection (CP)", "Cluster Protection"),
            ("/action Partager la carte des acteurs — OCHA — 25 octobre", "Action n° 1"),
            ("/action Rédiger le plan de réponse — OCHA — 31 octobre", "Action n° 2"),
            ("/exporter", "Tableau de suivi"),
        ]:
            api.push_update(updates.message(text, chat=GROUP, user=COORDINATOR))
            if text == "/exporter":
                wait_until(api, relance, _document_sent(GROUP.id, ".xlsx"), text)
            else:
                wait_until(api, relance, _sent_containing(GROUP.id, needle), text)

        book = openpyxl.load_workbook(io.BytesIO(_last_document(api, ".xlsx")))
        sheet = book["Suivi"]
        header = [c.value for c in sheet[4]]
        column = {name: header.index(name) + 1 for name in header if name}
        first = next(r for r in range(5, sheet.max_row + 1) if sheet.cell(r, 1).value == 1)
        sheet.cell(first, column["Statut"]).value = "terminé"
        sheet.cell(first, column["Dernier commentaire"]).value = "Carte partagée le 19"
        new = sheet.max_row + 1
        sheet.cell(new, column["Action"]).value = "Organiser la formation des moniteurs"
        sheet.cell(new, column["Responsable(s)"]).value = "OCHA"
        sheet.cell(new, column["Échéance"]).value = "15/11/2016"
        out = io.BytesIO()
        book.save(out)
        edited = out.getvalue()

        api.add_file("TRACKER1", edited)
        private = FakeChat(COORDINATOR.id, "private")
        api.push_update(
            updates.document(
                chat=private,
                user=COORDINATOR,
                file_name="suivi CP.xlsx",
                mime_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                file_size=len(edited),
                file_id="TRACKER1",
            )
        )
        wait_until(
            api,
            relance,
            _sent_containing(COORDINATOR.id, "Tableau de suivi renvoyé"),
            "the preview",
        )
        preview = next(
            m for m in api.sent(COORDINATOR.id) if "Tableau de suivi renvoyé" in m["text"]
        )
        assert "Fait" in preview["text"]
        assert "Organiser la formation" in preview["text"]
        api.push_update(
            updates.callback(button_data(preview, "Appliquer"), message=preview, user=COORDINATOR)
        )

        def applied(calls: list[ApiCall]) -> bool:
            return any(
                "Tableau de suivi appliqué" in str(c.params.get("text", ""))
                for c in _ok(calls, "editMessageText") + _ok(calls, "sendMessage")
            )

        wait_until(api, relance, applied, "the tracker applied")

        api.push_update(updates.message("/calendrier", chat=GROUP, user=COORDINATOR))
        wait_until(api, relance, _document_sent(GROUP.id, ".ics"), "/calendrier")
        calendar = Calendar.from_ical(_last_document(api, ".ics"))
        uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
        assert relance.stop(signal.SIGINT) == 0, relance.output_tail()
    finally:
        relance.kill()
    assert "Traceback" not in relance.stderr, relance.output_tail()
    statuses = dict(stored(empty_database_url, "SELECT id, status FROM action"))
    descriptions = dict(stored(empty_database_url, "SELECT id, description FROM action"))
    sources = stored(
        empty_database_url,
        "SELECT action_id, kind, source FROM action_event WHERE source IS NOT NULL ORDER BY id",
    )
    assert statuses == {1: Status.DONE.value, 2: Status.TODO.value, 3: Status.TODO.value}
    assert descriptions[3] == "Organiser la formation des moniteurs"
    assert {(a, k) for a, k, _ in sources} >= {(1, "status"), (1, "comment")}
    assert {s for _, _, s in sources} == {"tracker"}
    # Action 1 is done, so only the open ones (2 and the new 3) have a deadline event.
    assert sum(uid.startswith(("action-2@", "action-3@")) for uid in uids) == 2
