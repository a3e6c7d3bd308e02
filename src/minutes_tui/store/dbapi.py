"""One read snapshot through the DB-API, on a home's SQLite file or a PostgreSQL archive.

The loader (`load`, `load_register`, `identities`) is plain SQL over a driver connection:
the standard sqlite3 module for a SQLite file, psycopg (the connection under the store's
SQLAlchemy engine) for a team archive. So `show` and `export` of a SQLite home read the
meeting without importing SQLAlchemy, and the store reads it with the same code.

What differs between the two drivers is settled here, in `Snapshot`, and nowhere else:
the parameter mark (SQL is written with `?`; psycopg gets `%s`), many ids in one
parameter (`store.dialects`), and the values. SQLite hands back text and integers, which
are converted as SQLAlchemy's SQLite types convert them: dates and datetimes by
`fromisoformat`, datetimes then aware in UTC (as every moment is stored), booleans by
truth, JSON by `json.loads`; psycopg hands back dates, aware datetimes, booleans and
parsed JSON already.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from minutes_tui.store.dialects import POSTGRES, SQLITE, SqlPieces
from minutes_tui.store.errors import told
from minutes_tui.store.lists import name_list
from minutes_tui.store.schema import connect_readonly

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["Snapshot", "engine_snapshot", "file_snapshot"]


class Connection(Protocol):
    """sqlite3's or psycopg's connection: both execute with positional parameters and
    return a cursor of tuples."""

    def execute(self, sql: str, params: Any = ..., /) -> Any: ...


@dataclass(frozen=True)
class Snapshot:
    """A connection inside one read transaction, and what its dialect needs."""

    con: Connection
    sql: SqlPieces

    @property
    def postgres(self) -> bool:
        return self.sql.postgres

    def rows(self, query: str, *params: object) -> list[tuple[Any, ...]]:
        """The query's rows; it is written with `?` marks (and holds no literal `?` or
        `%`, which psycopg would read as marks)."""
        if self.postgres:
            query = query.replace("?", "%s")
        return list(self.con.execute(query, params).fetchall())

    def one(self, query: str, *params: object) -> tuple[Any, ...] | None:
        found = self.rows(query, *params)
        return found[0] if found else None

    def in_ids(self, column: str) -> str:
        """`column IN` the ids passed as one parameter (`ids`): no limit on how many.
        (Written with `?`, as every query here; `rows` gives psycopg its `%s`.)"""
        return self.sql.in_ids(column).replace("%s", "?")

    def ids(self, values: Iterable[int]) -> object:
        return self.sql.ids(sorted(set(values)))

    def day(self, value: dt.date | None) -> object:
        return None if value is None else self.sql.day(value)

    # ---- values, as the ORM's types give them -------------------------------------------

    @staticmethod
    def date(value: str | dt.date | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value

    @staticmethod
    def moment(value: str | dt.datetime | None) -> dt.datetime | None:
        """A stored moment, aware in UTC (SQLite keeps it as naive UTC text)."""
        if value is None:
            return None
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        if moment.utcoffset() is None:
            return moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC)

    @staticmethod
    def flag(value: int | bool | None) -> bool:
        # NULL stays None, as the ORM gives it (the columns are NOT NULL DEFAULT false).
        return None if value is None else bool(value)  # type: ignore[return-value]

    def names(self, value: object) -> list[str]:
        """A JSON list of names (owners, partners): [] for whatever else a row holds."""
        if isinstance(value, str | bytes) and not self.postgres:
            try:
                value = json.loads(value)
            except ValueError:
                return []
        return name_list(value)


@contextmanager
def file_snapshot(path: Path) -> Iterator[Snapshot]:
    """A home's SQLite file, read-only, in one transaction: no SQLAlchemy imported."""
    con = connect_readonly(path)
    try:
        con.isolation_level = None
        with told(path):
            con.execute("BEGIN")
            yield Snapshot(con, SQLITE)
    finally:
        con.close()


@contextmanager
def engine_snapshot(engine: Engine) -> Iterator[Snapshot]:
    """A pooled connection of the store's engine in one read transaction: a deferred
    BEGIN on SQLite; REPEATABLE READ, READ ONLY on an archive (where row-level security
    shows only the meetings this role may read)."""
    raw = engine.raw_connection()  # (its driver connection is None only once invalidated)
    try:
        if engine.dialect.name == "postgresql":
            psycopg = cast(Connection, raw.driver_connection)
            try:  # psycopg begins the transaction itself, before this first statement
                psycopg.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                with told(None):
                    yield Snapshot(psycopg, POSTGRES)
            finally:
                raw.rollback()
            return
        lite = cast(sqlite3.Connection, raw.driver_connection)
        with told(Path(engine.url.database or "")):
            lite.execute("BEGIN")
            try:
                yield Snapshot(lite, SQLITE)
            finally:
                if lite.in_transaction:
                    lite.execute("ROLLBACK")
    finally:
        raw.close()
