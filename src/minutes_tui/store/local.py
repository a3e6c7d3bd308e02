"""The SQLite backend: the home's own database file (`db/minutes.sqlite`).

Writes take BEGIN IMMEDIATE (store/engine.py) and wait out another writer in rounds of
the busy timeout; the Enter fast path writes notes through one prepared INSERT
(store/fastpath.py). The reads the face makes without the store (the meetings list,
`search`, `backup`) use the standard sqlite3 module: SQLAlchemy is imported only when
the engine is opened.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

from minutes_tui.config import Home
from minutes_tui.store import engine as engine_settings
from minutes_tui.store.backend import Wait
from minutes_tui.store.database import check_home, make_private_dirs, prepare
from minutes_tui.store.errors import (
    DatabaseBusy,
    NotFound,
    StoreError,
    damaged,
    database_problem,
    failed,
    told,
)
from minutes_tui.store.schema import SchemaState, connect_readonly, schema_state

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from minutes_tui.store.fastpath import NoteWriter
    from minutes_tui.store.reads import MeetingRow
    from minutes_tui.store.search import Hit


class SqliteBackend:
    online = False

    def __init__(self, home: Home, engine: Engine | None = None) -> None:
        from minutes_tui.config.settings import tilde

        self.home = home
        self.label = tilde(home.root)
        self._engine = engine
        self._writer: Engine | None = None

    def engine(self, on_wait: Wait) -> Engine:
        if self._engine is None:
            from minutes_tui.store.engine import make_engine

            state = prepare(self.home)
            engine = make_engine(self.home.db_path)
            if state is not SchemaState.CURRENT:
                _upgrade_when_free(self.home, engine, on_wait)
            self._engine = engine
        return self._engine

    def begin_write(self, on_wait: Wait) -> Session:
        from sqlalchemy.exc import OperationalError
        from sqlmodel import Session

        from minutes_tui.store.engine import is_busy, writer

        if self._writer is None:
            self._writer = writer(self.engine(on_wait))
        deadline = time.monotonic() + engine_settings.WRITE_WAIT_S
        told = False
        while True:
            session = Session(self._writer, expire_on_commit=False)
            try:
                session.begin()
                session.connection()  # BEGIN IMMEDIATE, waiting up to the busy timeout
                return session
            except OperationalError as exc:
                session.close()
                if not is_busy(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise DatabaseBusy(
                        f"The database is busy: another program has been writing to it for "
                        f"over {engine_settings.WRITE_WAIT_S:.0f} s. Nothing was saved; try again."
                    ) from None
                if not told:
                    told = True
                    on_wait()

    def problem(self, exc: BaseException) -> StoreError | None:
        # a full disk, another program's lock, a damaged page
        return database_problem(exc, self.home.db_path) or damaged(exc, self.home.db_path)

    def note_writer(self, on_wait: Wait) -> NoteWriter | None:
        from minutes_tui.store.fastpath import NoteWriter, pooled

        return NoteWriter(pooled(self.engine(on_wait).raw_connection), on_wait)

    def list_meetings(
        self, limit: int | None = None, *, early: bool = False
    ) -> list[MeetingRow] | None:
        from minutes_tui.store.reads import list_meetings

        if not early:  # the first frame does not wait for the store's own checks
            check_home(self.home)  # a symlinked database or a shared db/ is refused
            schema_state(self.home.db_path)  # a corrupt or too-new database is an error
        try:
            return list_meetings(self.home.db_path, limit)
        except sqlite3.Error as exc:
            raise self.problem(exc) or failed(exc, writing=False) from exc

    def holds_meetings(self) -> bool:
        """Read without a trace: with no -wal file beside it the file is whole, read as
        immutable (no -shm created, none left behind by a read-only connection)."""
        path = self.home.db_path
        if not path.exists():
            return False
        wal = path.with_name(path.name + "-wal").exists()
        try:
            # No wait for a lock: a locked file holds meetings as far as this note goes,
            # and the command's own read waits for it (it waited twice, 5 s each).
            uri = f"file:{path}?mode=ro{'' if wal else '&immutable=1'}"
            con = sqlite3.connect(uri, uri=True, timeout=0)
            try:
                return con.execute("SELECT 1 FROM meeting LIMIT 1").fetchone() is not None
            finally:
                con.close()
        except sqlite3.Error:
            return True  # unreadable: the command's own check says what is wrong

    def search(self, query: str, limit: int, meeting_id: int | None, on_wait: Wait) -> list[Hit]:
        """FTS5 through a read-only stdlib connection; a database to upgrade (which builds
        the index) or one read-only access cannot open goes through the store."""
        from minutes_tui.store.search import search

        check_home(self.home)
        state = schema_state(self.home.db_path)  # a corrupt or too-new database is an error
        if state is SchemaState.MISSING:
            return []  # nothing to search, nothing to create
        if state is SchemaState.CURRENT:
            with told(self.home.db_path):  # a damaged page past the schema check's two
                try:
                    con = connect_readonly(self.home.db_path)
                    try:
                        _check_meeting(con, meeting_id)
                        return search(con, query, limit, meeting_id)
                    finally:
                        con.close()
                except sqlite3.OperationalError as exc:
                    if damaged(exc, None) is not None:
                        raise
                    # read-only access refused (a WAL file it may not create): the store
        from minutes_tui.store.store import Store

        return Store.open(self.home, on_wait, backend=self).search(query, limit, meeting_id)

    def backup(self, dest: Path) -> None:
        """SQLite's online backup, which also takes what is still in the WAL file (a plain
        copy of minutes.sqlite would not), into a temporary file linked into place: `dest`
        is never replaced (FileExistsError)."""
        check_home(self.home)
        if schema_state(self.home.db_path) is SchemaState.MISSING:
            raise NotFound(f"{self.home.db_path}: no database to back up.")
        temp = dest.with_name(f".{dest.name}.{os.getpid()}.backup.tmp")
        try:
            make_private_dirs(dest.parent)
            os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            source, target = connect_readonly(self.home.db_path), sqlite3.connect(temp)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
            os.link(temp, dest)  # fails if dest appeared meanwhile: nothing is ever replaced
        except sqlite3.Error as exc:
            raise self.problem(exc) or failed(exc, writing=False) from exc
        finally:
            temp.unlink(missing_ok=True)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def _check_meeting(con: sqlite3.Connection, meeting_id: int | None) -> None:
    if meeting_id is None:
        return
    row = con.execute("SELECT deleted_at FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
    if row is None:
        raise NotFound(f"No meeting with id {meeting_id}.")
    if row[0] is not None:
        raise NotFound(f"Meeting {meeting_id} is in the trash; restore it to use it.")


def _upgrade_when_free(home: Home, engine: Engine, on_wait: Wait) -> None:
    """Migrate, waiting (calling `on_wait` once) for a migration another process runs."""
    from sqlalchemy.exc import OperationalError

    from minutes_tui.store.engine import is_busy, writer
    from minutes_tui.store.migrate import upgrade

    deadline = time.monotonic() + engine_settings.WRITE_WAIT_S
    told = False
    while True:
        try:
            upgrade(writer(engine))
            return
        except OperationalError as exc:
            if not is_busy(exc):
                raise
            if schema_state(home.db_path) is SchemaState.CURRENT:
                return  # the other process finished the same migration
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    "The database is being upgraded by another program; try again in a minute."
                ) from None
            if not told:
                told = True
                on_wait()
