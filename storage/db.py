"""Engine, sessions and the UTC datetime column type."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, create_engine, event, text
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC in, aware UTC out, on every backend.

    SQLite drops offsets, so values are stored as naive UTC and UTC is re-attached on read.
    Naive values are refused: a naive datetime here is always a bug upstream.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# How long a statement waits for another program's lock before giving up (SQLite's busy
# timeout, PostgreSQL's lock_timeout).
BUSY_TIMEOUT = 15.0


def normalise_url(url: str) -> str:
    """`postgres://` and `postgresql://`, as hosting providers write them, name psycopg 3:
    the driver `pip install "relance[postgres]"` brings (SQLAlchemy alone would ask for
    psycopg2). Every other URL, one naming its driver included, is left as it is."""
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme) :]
    return url


def make_engine(url: str, *, busy_timeout: float = BUSY_TIMEOUT) -> Engine:
    """An engine for `url`; SQLite gets foreign keys, WAL and a busy timeout."""
    url = normalise_url(url)
    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": busy_timeout}
        if url in ("sqlite://", "sqlite:///:memory:"):
            # One shared connection, or every session would see its own empty database.
            kwargs["poolclass"] = StaticPool

    if "poolclass" not in kwargs:
        # The connection used last is handed out first: its page cache is warm, and the
        # others can time out idle. Handlers on worker threads (bot.workers) would otherwise
        # rotate through every pooled connection, each with a cold cache.
        kwargs["pool_use_lifo"] = True
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    elif url.startswith("postgresql"):
        # As SQLite's busy timeout: a lock another program holds longer fails the statement
        # (the bot says the database is busy) rather than holding the update for ever. Set
        # on each new connection, so that the URL's own `options` are kept.
        milliseconds = int(busy_timeout * 1000)
        event.listen(engine, "connect", lambda dbapi, _record: _lock_timeout(dbapi, milliseconds))
    return engine


def _lock_timeout(dbapi_connection: Any, milliseconds: int) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"SET lock_timeout = {milliseconds}")
    cursor.close()
    dbapi_connection.commit()  # psycopg opened a transaction for the SET


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Database:
    """Hands out one session per unit of work: committed whole on success, rolled back on error."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def from_url(cls, url: str) -> Database:
        return cls(make_engine(url))

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def check_writable(self) -> None:
        """Write once and roll back: a database opened read-only, or a file the bot may read
        but not write, fails here at start rather than at every sweep. Raises the driver's
        error (an SQLAlchemyError)."""
        with self.engine.connect() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = version_num"))
            connection.rollback()

    def dispose(self) -> None:
        self.engine.dispose()
