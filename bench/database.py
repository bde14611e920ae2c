"""What the benchmarks' fills need of the database beyond SQLAlchemy Core."""

from __future__ import annotations

from sqlalchemy import Connection, text


def follow_explicit_ids(conn: Connection, table: str) -> None:
    """The fills write each row's id themselves (to link rows without reading them back).
    SQLite's next rowid follows the largest id by itself; a PostgreSQL table's id sequence
    does not, and the bot's own next insert would reuse id 1: move it past the table's ids."""
    if conn.dialect.name != "postgresql":
        return
    conn.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence(:table, 'id'), "
            f'COALESCE((SELECT max(id) FROM "{table}"), 0) + 1, false)'
        ),
        {"table": f'"{table}"'},
    )
