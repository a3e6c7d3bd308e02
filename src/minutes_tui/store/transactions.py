"""How every operation of the store reaches the database: the backend, chosen once when
the store opens (store/backend.py), its engine, and the one transaction a write is.

Every failure of SQLAlchemy or a driver inside a transaction leaves here as a StoreError
(store/errors.py): the backend's own sentence (a full disk, a lock, the archive's
policies) or the driver's words, so the face catches one error root and imports no
database library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from minutes_tui.config import Home
from minutes_tui.store.backend import Backend, backend_for
from minutes_tui.store.errors import StoreError, failed

if TYPE_CHECKING:
    from minutes_tui.store.dbapi import Snapshot
    from minutes_tui.store.fastpath import NoteWriter
    from minutes_tui.store.reads import MeetingRow

T = TypeVar("T", bound="Transactions")


class Transactions:
    def __init__(self, home: Home, engine: Engine, backend: Backend | None = None) -> None:
        self.home = home
        self.engine = engine
        # Where the records live (store/backend.py), chosen once: every difference
        # between the SQLite file and a team archive is the backend's.
        self.backend = backend or backend_for(home, engine)
        # Called (from the writing thread) when another writer holds the lock and this one
        # starts to wait: the app shows "waiting", the CLI prints it once.
        self.on_wait: Callable[[], None] = lambda: None

    @property
    def online(self) -> bool:
        """A team archive on PostgreSQL (store/online.py) rather than the home's SQLite file."""
        return self.backend.online

    @classmethod
    def open(
        cls: type[T],
        home: Home,
        on_wait: Callable[[], None] | None = None,
        backend: Backend | None = None,
    ) -> T:
        """Refuses a corrupt, foreign or too-new database before touching it; waits for a
        migration another process is running (calling `on_wait` once) instead of failing.

        With `home.db_url`, the team archive on PostgreSQL: refused in one sentence when
        unreachable or not at this version's schema (`minutes archive init` sets it up).
        Any other failure of the database while opening is one StoreError too."""
        backend = backend or backend_for(home)
        try:
            engine = backend.engine(on_wait or (lambda: None))
        except SQLAlchemyError as exc:
            raise backend.problem(exc) or failed(exc, writing=False) from exc
        store = cls(home, engine, backend)
        if on_wait is not None:
            store.on_wait = on_wait
        return store

    def close(self) -> None:
        self.backend.close()

    def _failure(self, exc: BaseException, *, writing: bool) -> StoreError:
        """A driver's or SQLAlchemy's error as the one error root the face catches."""
        return self.backend.problem(exc) or failed(exc, writing=writing)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction (BEGIN IMMEDIATE … COMMIT; on PostgreSQL BEGIN, the archive's
        write lock, … COMMIT), once the write lock is ours (waiting out another writer, a
        long import or a migration, for up to WRITE_WAIT_S; then one clear sentence)."""
        try:
            session = self.backend.begin_write(lambda: self.on_wait())
        except SQLAlchemyError as exc:
            raise self._failure(exc, writing=True) from exc
        try:
            yield session
            session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise self._failure(exc, writing=True) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except SQLAlchemyError as exc:
            raise self._failure(exc, writing=False) from exc

    @contextmanager
    def snapshot(self) -> Iterator[Snapshot]:
        """One read transaction on the driver's own connection: what the loader reads."""
        from minutes_tui.store.dbapi import engine_snapshot

        with engine_snapshot(self.engine) as snap:
            yield snap

    def note_writer(self) -> NoteWriter | None:
        """The Enter fast path for notes, where the backend has one (SQLite)."""
        return self.backend.note_writer(lambda: self.on_wait())

    def list_meetings(self, limit: int | None = None) -> list[MeetingRow]:
        return self.backend.list_meetings(limit) or []
