"""The SQLAlchemy engine: SQLite in WAL mode, durable commits, one writer at a time.

Write transactions start with BEGIN IMMEDIATE, so a second window or a CLI command
waits on the busy timeout instead of failing with "database is locked" when two
writers meet (a deferred transaction that upgrades to a write cannot wait). Reads
start with a plain BEGIN: in WAL mode they never block a writer.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # imported where used: `minutes add` reads these settings without SQLAlchemy
    from sqlalchemy import Connection, Engine
    from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

BUSY_TIMEOUT_MS = 2_000  # one round of waiting; writers retry rounds up to WRITE_WAIT_S
# How long a writer keeps waiting for the write lock, in rounds of the busy timeout,
# before it gives up with one clear sentence (the typed line stays where it was).
WRITE_WAIT_S = 60.0
# How long a read of the schema waits for a lock (a database tool holding the file in
# exclusive mode) before "locked by another program".
READ_WAIT_S = 5.0
WRITE_OPTION = "minutes_write"

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    # FULL: a commit survives a power loss, not only a crash (about 0.15 ms a row here).
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
)


def apply_pragmas(dbapi_connection: sqlite3.Connection) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in PRAGMAS:
        cursor.execute(pragma)
    # Read when the connection opens, not at import: the tests of locks shorten it.
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy, not the driver, decide where transactions begin.
        dbapi_connection.isolation_level = None
        apply_pragmas(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def writer(engine: Engine) -> Engine:
    """The same pool, but every transaction takes the write lock up front."""
    return engine.execution_options(**{WRITE_OPTION: True})


def is_busy(exc: BaseException) -> bool:
    """Is this SQLite's "database is locked" (or "busy") after the busy timeout?"""
    text = str(getattr(exc, "orig", None) or exc).lower()
    return "database is locked" in text or "database is busy" in text


def sqlite_connection(pooled: PoolProxiedConnection) -> sqlite3.Connection:
    """The driver connection under a pooled one: sqlite3's, as every engine here is sqlite:///.

    (SQLAlchemy types it `Any | None`: None only once the connection is invalidated.)
    """
    return cast(sqlite3.Connection, pooled.driver_connection)
