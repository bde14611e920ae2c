"""A throwaway PostgreSQL server for the tests and benchmarks (standard library only).

    python3 scripts/postgres.py                   # start, print the URL, wait for Ctrl-C
    python3 scripts/postgres.py -- CMD ARGS...    # start, run CMD with the URL, stop
    python3 scripts/postgres.py --dir /tmp/x ...  # make the server's folder under /tmp/x
    python3 scripts/postgres.py --icu-locale fr-FR -- ...  # text sorted as in French

It uses Debian's server binaries (/usr/lib/postgresql/*/bin), installing Debian's
`postgresql` package with apt-get when they are missing and this runs as root. The cluster
is made by initdb in a new temporary folder, listens on 127.0.0.1 only, on a free port, with
everything that makes a server durable turned off (fsync, synchronous commits, full page
writes): it is thrown away at the end, folder and all, even on Ctrl-C or SIGTERM.

CMD gets the server's URL, with the `postgres` superuser and no password, in
RELANCE_TEST_DATABASE_URL (what the test fixtures read) and is told it on stderr; the exit
code is CMD's. dev.py imports `throwaway_server` from here.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

URL_VARIABLE = "RELANCE_TEST_DATABASE_URL"
SYSTEM_USER = "postgres"

# Throwaway: nothing here has to survive a crash, so nothing waits for the disk.
SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "max_connections": "200",
}


def _say(message: str) -> None:
    print(f"postgres.py : {message}", file=sys.stderr, flush=True)


def _version_key(bindir: str) -> tuple[int, ...]:
    version = Path(bindir).parent.name
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def find_binaries() -> Path | None:
    """The newest Debian server's bin folder, or the one initdb is in on PATH."""
    found = sorted(
        (d for d in glob.glob("/usr/lib/postgresql/*/bin") if Path(d, "initdb").exists()),
        key=_version_key,
    )
    if found:
        return Path(found[-1])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def install_binaries() -> Path:
    """Debian's `postgresql` package, when this runs as root; else say what to do."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise SystemExit(
            "postgres.py : serveur PostgreSQL introuvable (/usr/lib/postgresql/*/bin). "
            "Installez-le, par exemple : sudo apt-get install postgresql"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "postgresql"]
    _say("installation du paquet Debian postgresql ...")
    if subprocess.run(install, env=env, stdout=subprocess.DEVNULL).returncode != 0:
        # A fresh machine may have no package lists yet.
        subprocess.run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL, check=True)
        subprocess.run(install, env=env, stdout=subprocess.DEVNULL, check=True)
    bindir = find_binaries()
    if bindir is None:
        raise SystemExit("postgres.py : le paquet postgresql est installé mais initdb manque.")
    return bindir


def _server_user() -> list[str]:
    """The prefix that runs a server command: none for a normal user; as root (which initdb
    and postgres refuse) the `postgres` system user, created if missing."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/bin/false", SYSTEM_USER],
            check=True,
        )
    if shutil.which("runuser"):
        return ["runuser", "-u", SYSTEM_USER, "--"]
    return ["setpriv", f"--reuid={SYSTEM_USER}", f"--regid={SYSTEM_USER}", "--init-groups"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _chown_tree(path: Path) -> None:
    entry = pwd.getpwnam(SYSTEM_USER)
    os.chown(path, entry.pw_uid, entry.pw_gid)


@contextlib.contextmanager
def throwaway_server(parent: str | None = None, icu_locale: str | None = None) -> Iterator[str]:
    """Start a server in a new folder under `parent` (the system's temp dir by default);
    yield its URL; stop it and remove the folder whatever happens. Text sorts by code point
    (C.UTF-8, as SQLite does) unless `icu_locale` ("fr-FR") names a language's order."""
    bindir = find_binaries() or install_binaries()
    as_server = _server_user()
    folder = Path(tempfile.mkdtemp(prefix="relance-pg-", dir=parent))
    data = folder / "data"
    log = folder / "server.log"
    started = False
    try:
        if as_server:
            _chown_tree(folder)
            # The server user must be able to reach its folder through every parent.
            for ancestor in folder.parents:
                mode = ancestor.stat().st_mode
                if not mode & 0o001:
                    raise SystemExit(
                        f"postgres.py : {ancestor} n'est pas traversable par l'utilisateur "
                        f"{SYSTEM_USER} ; choisissez un autre --dir (par exemple /tmp)."
                    )
        subprocess.run(
            [
                *as_server,
                str(bindir / "initdb"),
                "--pgdata",
                str(data),
                "--username",
                "postgres",
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--locale",
                "C.UTF-8",
                *(["--locale-provider", "icu", "--icu-locale", icu_locale] if icu_locale else []),
                "--no-sync",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for attempt in range(5):
            port = free_port()
            options = " ".join(f"-c {key}={value}" for key, value in SETTINGS.items())
            options += f" -p {port} -c unix_socket_directories={folder}"
            code = subprocess.run(
                [
                    *as_server,
                    str(bindir / "pg_ctl"),
                    "--pgdata",
                    str(data),
                    "--log",
                    str(log),
                    "--options",
                    options,
                    "--wait",
                    "--silent",
                    "start",
                ],
                stdout=subprocess.DEVNULL,
            ).returncode
            if code == 0:
                started = True
                break
            if attempt == 4:  # not a port taken meanwhile: say why
                sys.stderr.write(log.read_text(errors="replace") if log.exists() else "")
                raise SystemExit("postgres.py : le serveur PostgreSQL n'a pas démarré.")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        if started:
            stop = ["--pgdata", str(data), "--mode", "immediate", "--silent", "stop"]
            subprocess.run(
                [*as_server, str(bindir / "pg_ctl"), *stop], stdout=subprocess.DEVNULL, check=False
            )
        shutil.rmtree(folder, ignore_errors=True)


def _stop_on_sigterm() -> None:
    """SIGTERM unwinds like Ctrl-C, so the server is stopped and its folder removed."""

    def stop(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", help="dossier où créer celui du serveur (défaut : /tmp)")
    parser.add_argument(
        "--icu-locale", help="ordre du texte d'une langue, par exemple fr-FR (défaut : C.UTF-8)"
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="commande à lancer")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    _stop_on_sigterm()
    started = time.monotonic()
    try:
        with throwaway_server(args.dir, args.icu_locale) as url:
            _say(f"serveur prêt en {time.monotonic() - started:.1f} s : {url}")
            if not command:
                print(url, flush=True)
                _say("Ctrl-C pour l'arrêter et l'effacer.")
                while True:
                    time.sleep(3600)
            return subprocess.run(command, env={**os.environ, URL_VARIABLE: url}).returncode
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
