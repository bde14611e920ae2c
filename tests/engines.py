"""The engine the tests run on: SQLite files by default, PostgreSQL when asked.

RELANCE_TEST_DATABASE_URL names a PostgreSQL server the tests may create databases on
(`postgresql+psycopg://postgres@127.0.0.1:PORT/postgres`; `python3 scripts/postgres.py`
starts a throwaway one and sets it). Each pytest process (each xdist worker) then migrates
one database of its own, `relance_test_<pid>`, once, and every test's `db` gets it back as
migrated: `reset` empties the tables the test wrote to, restores the rows the migrations
seeded and restarts their id sequences, in one server-side call.

Measured on this 2-core machine (shared, load 3; the median reset of a test that wrote a
cluster, a member and an organisation): DELETE of the written tables only, by the function
below, 4.5 ms; TRUNCATE … RESTART IDENTITY CASCADE of every table and the seeds copied back,
74 ms (each TRUNCATE makes new files for the table and its indexes); CREATE DATABASE …
TEMPLATE then DROP DATABASE, 59 ms.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, event, text
from sqlalchemy.engine import Engine, make_url

from storage.db import Database, make_engine

SERVER_URL = os.environ.get("RELANCE_TEST_DATABASE_URL") or None
ON_POSTGRES = SERVER_URL is not None

# Where the reset function and the seeded rows' copies live, apart from the schema under test.
KEEP = "relance_test"
_names = itertools.count(1)


class SqliteCopies:
    """One engine for every SQLite test of the process, each test's connections opened on
    that test's own copy of the migrated template. A new engine per test would start with
    an empty compiled-statement cache (SQLAlchemy keys it by the engine's dialect) and
    compile every statement again: a fifth of a bot test's time."""

    def __init__(self, template: Path) -> None:
        self.template = template
        self.path = template
        self.engine = make_engine(f"sqlite:///{template}")
        event.listen(self.engine, "do_connect", self._connect)

    def _connect(self, _dialect: Any, _record: Any, cargs: list[Any], _cparams: Any) -> None:
        cargs[0] = str(self.path)

    def copy_for(self, folder: Path) -> Database:
        """A database of the test's own: a copy of the template in `folder`."""
        self.path = folder / "relance.db"
        shutil.copy(self.template, self.path)
        return Database(self.engine)

    def release(self) -> None:
        """After the test: its connections are closed, the next test opens its own file."""
        self.engine.dispose()


def _server() -> Engine:
    assert SERVER_URL is not None
    return make_engine(SERVER_URL).execution_options(isolation_level="AUTOCOMMIT")


def _url_for(name: str) -> str:
    assert SERVER_URL is not None
    url = make_url(SERVER_URL).set(database=name)
    return url.render_as_string(hide_password=False)


def create_database(name: str) -> str:
    """A new empty database on the server (dropped first if a killed run left it)."""
    server = _server()
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    return _url_for(name)


def drop_database(name: str) -> None:
    server = _server()
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


@contextmanager
def empty_database(sqlite_path: str) -> Iterator[str]:
    """The URL of a database of its own, empty (no schema): the SQLite file `sqlite_path`,
    or a new database on the PostgreSQL server, dropped afterwards."""
    if not ON_POSTGRES:
        yield f"sqlite:///{sqlite_path}"
        return
    name = f"relance_test_{os.getpid()}_{next(_names)}"
    url = create_database(name)
    try:
        yield url
    finally:
        drop_database(name)


def install_reset(engine: Engine) -> None:
    """Create `relance_test.reset()` in a migrated database: it puts the database back as the
    migrations left it. Tables are emptied children first (foreign keys) and only when they
    hold a row; a seeded table (the organisations) is compared with its copy taken now, and
    only its rows that differ are deleted and copied back."""
    metadata = MetaData()
    metadata.reflect(engine)
    tables = [t for t in reversed(metadata.sorted_tables) if t.name != "alembic_version"]
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {KEEP} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {KEEP}"))
        seeded = []
        for table in tables:
            if connection.execute(text(f'SELECT EXISTS (SELECT 1 FROM "{table.name}")')).scalar():
                seeded.append(table.name)
                connection.execute(
                    text(f'CREATE TABLE {KEEP}."{table.name}" AS TABLE public."{table.name}"')
                )
        sequences = {
            table: sequence
            for table, sequence in connection.execute(
                text(
                    "SELECT table_name, pg_get_serial_sequence(quote_ident(table_name), "
                    "column_name) FROM information_schema.columns "
                    "WHERE table_schema = 'public' AND column_name = 'id'"
                )
            )
            if sequence
        }
        body = []
        for table in tables:
            name = table.name
            sequence = sequences.get(name)
            if name in seeded:
                keys = [c.name for c in table.primary_key.columns]
                on = " AND ".join(f'kept."{k}" = live."{k}"' for k in keys)
                body.append(
                    f'DELETE FROM public."{name}" AS live WHERE NOT EXISTS (SELECT 1 FROM '
                    f'{KEEP}."{name}" AS kept WHERE {on} AND kept::text = live::text);'
                )
            else:
                restart = f"PERFORM setval('{sequence}', 1, false);" if sequence else ""
                body.append(
                    f'IF EXISTS (SELECT 1 FROM public."{name}") THEN '
                    f'DELETE FROM public."{name}"; {restart} END IF;'
                )
        for name in reversed(seeded):  # parents first
            table = metadata.tables[name]
            keys = [c.name for c in table.primary_key.columns]
            on = " AND ".join(f'live."{k}" = kept."{k}"' for k in keys)
            body.append(
                f'INSERT INTO public."{name}" SELECT * FROM {KEEP}."{name}" AS kept WHERE NOT '
                f'EXISTS (SELECT 1 FROM public."{name}" AS live WHERE {on});'
            )
            sequence = sequences.get(name)
            if sequence:
                body.append(
                    f"PERFORM setval('{sequence}', (SELECT max(id) FROM {KEEP}.\"{name}\"));"
                )
        connection.execute(
            text(
                f"CREATE FUNCTION {KEEP}.reset() RETURNS void LANGUAGE plpgsql AS $$ BEGIN "
                + " ".join(body)
                + " END $$"
            )
        )


def reset(engine: Engine) -> None:
    """Back to the migrated state. A connection the test left checked out (a session never
    closed, its transaction holding locks) is ended first, or the DELETEs would wait for it;
    the pool's idle connections are kept for the next test."""
    if getattr(engine.pool, "checkedout", lambda: 0)():
        engine.dispose()
        with engine.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
    with engine.connect() as connection:
        connection.execute(text(f"SELECT {KEEP}.reset()"))
        connection.commit()
