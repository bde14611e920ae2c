"""Quick start: one command to set up and run the bot, one to set up and run the tests.

    python3 dev.py run     # creates .venv, installs Relance, runs `relance run`
    python3 dev.py test    # creates .venv, installs Relance with its test tools, runs pytest
    python3 dev.py lint    # ruff format --check, ruff check, mypy (what CI gates on)

Only the Python standard library is used here, so it works on a fresh machine.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
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
        _ensure_venv("dev")
        return _run(str(_python()), "-m", "pytest", *rest)
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
