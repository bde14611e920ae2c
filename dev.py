"""Quick start: one command to set up and run the bot, one to set up and run the tests.

    python3 dev.py run     # creates .venv, installs Relance, runs `relance run`
    python3 dev.py test    # creates .venv, installs Relance with its test tools, runs pytest
    python3 dev.py lint    # ruff format --check, ruff check, mypy (what CI gates on)

`test` runs the suite on every core (pytest-xdist), on the engines RELANCE_TEST_ENGINES
names: `sqlite` (the default), `postgres`, or both (`sqlite,postgres`, as CI does: the two
passes then run side by side, the PostgreSQL one keeping the tests that reach a database).
For `postgres` it starts a throwaway server (scripts/postgres.py) unless
RELANCE_TEST_DATABASE_URL already names one; that variable alone means `postgres`.
Arguments after `test` go to pytest (`-n 0` runs in one process).

Only the Python standard library is used here, so it works on a fresh machine.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _python() -> Path:
    return BIN / ("python.exe" if os.name == "nt" else "python")


def _ensure_venv(extras: str) -> None:
    """Create .venv and install the project, skipping the install when nothing changed."""
    if not _python().exists():
        print("Création de l'environnement virtuel .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("Installation des dépendances ...", flush=True)
    target = f".[{extras}]" if extras else "."
    pip = [str(_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-e", target], cwd=ROOT, check=True)
    stamp.write_text(digest)


def _run(*args: str) -> int:
    return subprocess.run(list(args), cwd=ROOT).returncode


ENGINES = ("sqlite", "postgres")
URL_VARIABLE = "RELANCE_TEST_DATABASE_URL"
DATABASE_TESTS_ONLY = "RELANCE_TEST_DATABASE_TESTS_ONLY"  # read by tests/conftest.py


@contextlib.contextmanager
def _postgres_server() -> Iterator[str]:
    """The server RELANCE_TEST_DATABASE_URL names, or a throwaway one for this run."""
    if os.environ.get(URL_VARIABLE):
        yield os.environ[URL_VARIABLE]
        return
    spec = importlib.util.spec_from_file_location("postgres", ROOT / "scripts" / "postgres.py")
    assert spec is not None
    assert spec.loader is not None
    postgres = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(postgres)
    started = time.monotonic()
    with postgres.throwaway_server() as url:
        print(f"PostgreSQL prêt en {time.monotonic() - started:.1f} s : {url}", flush=True)
        yield url


def _pytest_args(rest: list[str]) -> list[str]:
    """Every core, unless the arguments say otherwise (-n, or -p no:xdist). `worksteal`
    keeps both workers busy to the end despite a few tests of tens of seconds."""
    if any(a.startswith(("-n", "--numprocesses", "--dist")) or a == "no:xdist" for a in rest):
        return rest
    return ["-n", str(min(os.cpu_count() or 1, 8)), "--dist", "worksteal", *rest]


def _test(rest: list[str]) -> int:
    wanted = os.environ.get("RELANCE_TEST_ENGINES") or (
        "postgres" if os.environ.get(URL_VARIABLE) else "sqlite"
    )
    engines = [e for e in wanted.replace(",", " ").split() if e]
    if not engines or any(e not in ENGINES for e in engines):
        print(f"RELANCE_TEST_ENGINES={wanted!r} : moteurs possibles : sqlite, postgres")
        return 2
    _ensure_venv("dev")
    command = [str(_python()), "-m", "pytest", *_pytest_args(rest)]
    # SIGTERM (a CI run stopped) unwinds like Ctrl-C: the server is stopped and removed.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with contextlib.ExitStack() as stack:
        environments = {}
        for engine in engines:
            env = {k: v for k, v in os.environ.items() if k != URL_VARIABLE}
            if engine == "postgres":
                env[URL_VARIABLE] = stack.enter_context(_postgres_server())
                if "sqlite" in engines:  # the SQLite pass runs the tests of no database
                    env[DATABASE_TESTS_ONLY] = "1"
            environments[engine] = env
        if len(engines) == 1:
            return subprocess.run(command, cwd=ROOT, env=environments[engines[0]]).returncode
        return _side_by_side(command, environments)


def _side_by_side(command: list[str], environments: dict[str, dict[str, str]]) -> int:
    """One pytest per engine at once, each one's output shown whole when it ends."""
    print(f"Tests sur {', '.join(environments)} en parallèle ...", flush=True)
    started = time.monotonic()
    running = {}
    with contextlib.ExitStack() as stack:
        for engine, env in environments.items():
            log = stack.enter_context(tempfile.TemporaryFile())
            # Each pass its own tmp_path folders: pytest prunes older ones by number.
            basetemp = stack.enter_context(tempfile.TemporaryDirectory(prefix=f"{engine}-"))
            proc = subprocess.Popen(
                [*command, "--basetemp", basetemp], cwd=ROOT, env=env, stdout=log, stderr=log
            )
            stack.callback(_end, proc)
            running[engine] = (proc, log)
        codes = {}
        counts = {"passed": 0, "failed": 0, "skipped": 0}
        while running:
            for engine, (proc, log) in list(running.items()):
                if proc.poll() is None:
                    continue
                del running[engine]
                codes[engine] = proc.returncode
                if proc.returncode == 5 and environments[engine].get(DATABASE_TESTS_ONLY) == "1":
                    codes[engine] = 0  # pytest's "no tests ran": none of those reach a database
                log.seek(0)
                output = log.read()
                print(f"\n===== {engine} ({time.monotonic() - started:.0f} s) =====", flush=True)
                sys.stdout.buffer.write(output)
                sys.stdout.flush()
                for count, outcome in _outcomes(output.decode(errors="replace")):
                    counts[outcome] += count
            time.sleep(0.5)
    for engine, code in codes.items():
        print(f"{engine} : {'réussi' if code == 0 else f'échec (code {code})'}")
    # Both passes in pytest's words, so that a reader of the last line sees the whole run.
    print(f"total: {counts['passed']} passed, {counts['failed']} failed", end="")
    print(f", {counts['skipped']} skipped" if counts["skipped"] else "")
    return max(codes.values())


def _outcomes(output: str) -> list[tuple[int, str]]:
    """The counts of pytest's closing line ("3 failed, 3098 passed, 3 skipped in 696.47s");
    errors count as failed."""
    closing = [
        line for line in output.splitlines() if re.search(r"\d+ (passed|failed|errors?)\b", line)
    ]
    if not closing:
        return []
    found = re.findall(r"(\d+) (passed|failed|skipped|errors?)\b", closing[-1])
    return [(int(n), "failed" if word.startswith("error") else word) for n, word in found]


def _end(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    rest = argv[1:]
    if command == "run":
        _ensure_venv("")
        relance = str(BIN / "relance")
        if os.name != "nt":
            # Become `relance run`: a SIGTERM sent to this process then reaches the bot
            # itself (a child would be left running), and it stops cleanly.
            os.chdir(ROOT)
            os.execv(relance, [relance, "run", *rest])
        return _run(relance, "run", *rest)
    if command == "test":
        return _test(rest)
    if command == "lint":
        _ensure_venv("dev")
        for step in (["ruff", "format", "--check", "."], ["ruff", "check", "."], ["mypy"]):
            code = _run(str(BIN / step[0]), *step[1:])
            if code:
                return code
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
