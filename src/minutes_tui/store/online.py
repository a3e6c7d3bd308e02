"""The store on a PostgreSQL team archive: opening it, its schema check, one writer.

SQLite gives the store one writer at a time (BEGIN IMMEDIATE), and the store's code relies
on it: the next action number of a meeting, the next agenda position, an organisation
created once by its name are read and then written in the same transaction. On
PostgreSQL every write transaction takes one transaction-level advisory lock first
(`pg_advisory_xact_lock`), held until COMMIT or ROLLBACK: the same one-writer rule, for
the few milliseconds a write lasts, while readers never wait (MVCC). A writer that waits
longer than WRITE_WAIT_S gets the same one sentence as on SQLite.

The schema check reads `alembic_version` over the engine. The store never migrates an
archive: that is `minutes archive init URL`, run by whoever administers the server.

`ArchiveBackend` is this backend behind the store's one protocol (store/backend.py).
SQLAlchemy is imported where used: the app names an archive home in its first frame.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from minutes_tui.config import Home
from minutes_tui.store import engine as engine_settings
from minutes_tui.store.connect import (
    ArchiveError,
    archive_engine,
    archive_label,
    connected,
    shown_url,
)
from minutes_tui.store.errors import (
    DatabaseBusy,
    HomeUnwritable,
    NotOnThisBackend,
    StoreError,
    database_problem,
)
from minutes_tui.store.reads import CIRCULATED, MeetingRow
from minutes_tui.store.schema import SchemaState, classify

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlmodel import Session

    from minutes_tui.store.fastpath import NoteWriter
    from minutes_tui.store.search import Hit

# The archive's one write lock: an advisory lock key of our own ("minutes" in ASCII).
WRITE_LOCK = 0x6D696E75746573
POLL_S = 0.02


def open_archive(url: str) -> Engine:
    """An engine on an archive whose schema is this version's; else one clear sentence."""
    engine = archive_engine(url)
    try:
        with connected(engine, url) as conn:
            state = archive_state(conn, url)
    except BaseException:
        engine.dispose()
        raise
    if state is SchemaState.MISSING:
        engine.dispose()
        raise ArchiveError(
            f"The archive at {shown_url(url)} has no minutes-tui schema yet; its administrator "
            f"sets it up with `minutes archive init {url}`."
        )
    if state is SchemaState.OLDER:
        engine.dispose()
        raise ArchiveError(
            f"The archive at {shown_url(url)} has an older schema; its administrator upgrades "
            f"it with `minutes archive init {url}`."
        )
    return engine


def archive_state(conn: Connection, url: str) -> SchemaState:
    from sqlalchemy import text

    if conn.execute(text("SELECT to_regclass('alembic_version')")).scalar() is None:
        return SchemaState.MISSING
    found = conn.execute(text("SELECT version_num FROM alembic_version LIMIT 2")).scalars()
    revisions = list(found)
    conn.rollback()
    return classify(revisions, f"The archive at {shown_url(url)}", "The archive")


def take_write_lock(session: Session, on_wait: Callable[[], None]) -> None:
    """Wait for the archive's write lock inside the session's transaction (released by
    its COMMIT or ROLLBACK); `on_wait` once when another writer holds it."""
    from sqlalchemy import text

    deadline = time.monotonic() + engine_settings.WRITE_WAIT_S
    told = False
    try_lock = text("SELECT pg_try_advisory_xact_lock(:key)")
    while not session.execute(try_lock, {"key": WRITE_LOCK}).scalar():
        if time.monotonic() >= deadline:
            raise DatabaseBusy(
                f"The archive is busy: another program has been writing to it for over "
                f"{engine_settings.WRITE_WAIT_S:.0f} s. Nothing was saved; try again."
            )
        if not told:
            told = True
            on_wait()
        time.sleep(POLL_S)


_ARCHIVE_MEETINGS = (
    f"SELECT id, date, body, title, session, status, style, sensitivity, {CIRCULATED}, "
    "language FROM meeting "
    "WHERE deleted_at IS NULL ORDER BY date IS NULL, date DESC, id DESC"
)


def list_archive_meetings(engine: Engine, limit: int | None = None) -> list[MeetingRow]:
    """The same list from a team archive (only the meetings the role may read: RLS)."""
    from sqlalchemy import text

    sql = _ARCHIVE_MEETINGS + (f" LIMIT {int(limit)}" if limit is not None else "")
    with engine.connect() as conn:
        return [
            MeetingRow(r[0], str(r[1]) if r[1] is not None else None, *r[2:])
            for r in conn.execute(text(sql))
        ]


class NotTheOwner(ArchiveError):
    """Row-level security refused a write: the meeting is another rapporteur's."""


def not_the_owner() -> NotTheOwner:
    return NotTheOwner(
        "The team archive refused the change: a meeting is written only by the rapporteur "
        "who created it (its owner role), and a review only into a meeting of your own; "
        "nothing was changed."
    )


def refusal(exc: BaseException) -> NotTheOwner | None:
    """The archive's policies or its checks said no (team/roles.py, migration 0013): one
    sentence, else None."""
    orig = getattr(exc, "orig", None)
    kind = type(orig).__name__
    if kind == "InsufficientPrivilege":
        return not_the_owner()
    said = str(orig or "").strip().splitlines()[0] if str(orig or "").strip() else ""
    if kind == "ForeignKeyViolation":
        return NotTheOwner(
            "The team archive refused the change: a row may point only to rows of its own "
            "meeting, and one that others' rows still point to is not deleted; nothing was "
            "changed."
        )
    if said.startswith("minutes: "):  # the archive's own checks (migration 0013)
        return NotTheOwner(
            f"The team archive refused the change ({said[9:]}); nothing was changed."
        )
    return None


class ArchiveBackend:
    """A team archive on PostgreSQL: its engine opened once (by whichever thread asks
    first: the app lists meetings and opens the store in two workers)."""

    online = True

    def __init__(self, home: Home, url: str, engine: Engine | None = None) -> None:
        self.home, self.url = home, url
        self.label = archive_label(url)
        self._engine = engine
        self._opening = threading.Lock()

    def engine(self, on_wait: Callable[[], None]) -> Engine:
        with self._opening:
            if self._engine is None:
                from minutes_tui.store.database import make_private_dirs

                engine = open_archive(self.url)
                try:  # exports and archived final records stay on this machine, private
                    make_private_dirs(self.home.exports_dir)
                except OSError as exc:
                    engine.dispose()
                    raise HomeUnwritable(
                        f"Cannot create {self.home.exports_dir}: {exc.strerror}."
                    ) from exc
                self._engine = engine
            return self._engine

    def begin_write(self, on_wait: Callable[[], None]) -> Session:
        from sqlmodel import Session

        session = Session(self.engine(on_wait), expire_on_commit=False)
        try:
            session.begin()
            take_write_lock(session, on_wait)
        except BaseException:
            session.close()
            raise
        return session

    def problem(self, exc: BaseException) -> StoreError | None:
        if type(exc).__name__ == "StaleDataError":  # the policies filtered the row away
            return not_the_owner()
        return refusal(exc) or database_problem(exc, None)  # or one of its timeouts

    def note_writer(self, on_wait: Callable[[], None]) -> NoteWriter | None:
        return None  # the fast path is SQLite's; notes take the store's own path

    def list_meetings(
        self, limit: int | None = None, *, early: bool = False
    ) -> list[MeetingRow] | None:
        if early and self._engine is None:
            return None
        return list_archive_meetings(self.engine(lambda: None), limit)

    def holds_meetings(self) -> bool:
        return True  # what the role may read is the server's to say, not an empty file's

    def search(
        self, query: str, limit: int, meeting_id: int | None, on_wait: Callable[[], None]
    ) -> list[Hit]:
        from minutes_tui.store.store import Store

        return Store.open(self.home, on_wait, backend=self).search(query, limit, meeting_id)

    def backup(self, dest: Path) -> None:
        raise NotOnThisBackend(
            "A team archive is backed up on its server (pg_dump), not by minutes."
        )

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
