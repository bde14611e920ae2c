"""Issue 9: a database the bot cannot use is one clear French line at start."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from storage.db import make_engine
from storage.migrate import current_revision, head_revision, upgrade
from tests import engines


@pytest.fixture(autouse=True)
def own_logging() -> Iterator[None]:
    """main() configures the root logger on the captured stderr: put it back afterwards."""
    handlers, level = logging.root.handlers[:], logging.root.level
    yield
    logging.root.handlers[:] = handlers
    logging.root.setLevel(level)


def start(url: str, command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456789:AAEtestTokenForRelanceOnlyXXXXXXXXXXX")
    return main(command)


def said(err: str) -> list[str]:
    """What relance itself printed, without the log lines of the migrations."""
    return [line for line in err.splitlines() if not line[:4].isdigit()]


@pytest.mark.parametrize("command", [["run"], ["db", "upgrade"]])
def test_a_read_only_database_is_one_french_line_at_start(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    # SQLite on either pass: a file opened read-only (below, PostgreSQL's read-only twin).
    path = tmp_path / "relance.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    # A read-only open, as a file the bot's user may read but not write gives (the tests may
    # run as root, whom file modes do not stop).
    code = start(f"sqlite:///file:{path}?mode=ro&uri=true", command, tmp_path, monkeypatch)
    err = capsys.readouterr().err
    assert code == 2
    [line] = said(err)
    assert line.startswith("relance : ")
    assert "lecture seule" in line
    assert "Traceback" not in err


@pytest.mark.skipif(not engines.ON_POSTGRES, reason="needs RELANCE_TEST_DATABASE_URL")
def test_a_read_only_postgres_database_is_one_french_line_at_start(
    empty_database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    engine = make_engine(empty_database_url)
    upgrade(engine)
    engine.dispose()
    # As a standby, or a role the server gives only reads, answers every write.
    read_only = f"{empty_database_url}?options=-c%20default_transaction_read_only%3Don"
    code = start(read_only, ["db", "upgrade"], tmp_path, monkeypatch)
    err = capsys.readouterr().err
    assert code == 2
    [line] = said(err)
    assert line.startswith("relance : La base de données postgresql+psycopg://")
    assert "lecture seule" in line
    assert "Donnez à son utilisateur le droit d'y écrire" in line  # no file to chmod here
    assert "Traceback" not in err


def test_a_database_url_whose_driver_is_missing_names_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = start(
        "mysql://relance:secret@localhost/relance", ["db", "upgrade"], tmp_path, monkeypatch
    )
    err = capsys.readouterr().err
    assert code == 2
    [line] = said(err)
    assert "pip install mysqlclient" in line
    assert "secret" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://relance:secret@127.0.0.1:5432/relance",
        "postgresql://relance:secret@127.0.0.1:5432/relance",
        "postgres://relance:secret@127.0.0.1:5432/relance",
    ],
)
def test_a_postgres_url_without_psycopg_names_relances_extra(
    url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails
    code = start(url, ["db", "upgrade"], tmp_path, monkeypatch)
    err = capsys.readouterr().err
    assert code == 2
    [line] = said(err)
    assert line.startswith("relance : DATABASE_URL (")
    assert line.endswith('« psycopg », qui n\'est pas installé : pip install "relance[postgres]"')
    assert "secret" not in err
    assert "Traceback" not in err


@pytest.mark.skipif(not engines.ON_POSTGRES, reason="needs RELANCE_TEST_DATABASE_URL")
@pytest.mark.parametrize("scheme", ["postgresql+psycopg", "postgresql", "postgres"])
def test_every_postgres_url_spelling_reaches_the_server(
    scheme: str,
    empty_database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = scheme + "://" + empty_database_url.split("://", 1)[1]
    code = start(url, ["db", "upgrade"], tmp_path, monkeypatch)
    assert code == 0
    assert said(capsys.readouterr().out) == ["Base de données à jour."]
    engine = make_engine(url)
    assert engine.dialect.driver == "psycopg"
    assert current_revision(engine) == head_revision()
    engine.dispose()
