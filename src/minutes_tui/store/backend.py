"""Where the records live, chosen once: the home's SQLite file or a team archive.

`backend_for(home)` is the one place that reads `home.db_url`; the Store, and the few
reads the face makes before (or without) opening it, ask the backend it returns. Both
backends answer the same questions (`Backend`); what only one of them can do (a file
backup, the Enter fast path) the other refuses in one sentence or declines with None.

Importing this module (and `store/local.py`) imports no SQLAlchemy: the meetings list,
`minutes list`, `search` and `backup` of a SQLite home run on the standard sqlite3 module.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from minutes_tui.config import Home

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from minutes_tui.store.errors import StoreError
    from minutes_tui.store.fastpath import NoteWriter
    from minutes_tui.store.reads import MeetingRow
    from minutes_tui.store.search import Hit

Wait = Callable[[], None]


class Backend(Protocol):
    """One database behind the store: SQLite (`store/local.py`) or PostgreSQL
    (`store/online.py`), Harlequin's adapter pattern."""

    home: Home
    online: bool  # a team archive shared over the network
    label: str  # how titles and help name where the records are

    def engine(self, on_wait: Wait) -> Engine:
        """The engine, opened once, on a database at this version's schema (a SQLite
        home is created or migrated; an archive is refused unless current)."""
        ...

    def begin_write(self, on_wait: Wait) -> Session:
        """A session whose transaction holds the database's one write lock, waiting out
        another writer for up to WRITE_WAIT_S (`on_wait` once), else DatabaseBusy."""
        ...

    def problem(self, exc: BaseException) -> StoreError | None:
        """The sentence this backend has for a driver's failure (a full disk, a lock, the
        archive's policies), or None: the store then gives the driver's words."""
        ...

    def note_writer(self, on_wait: Wait) -> NoteWriter | None:
        """The Enter fast path for notes (one prepared INSERT), or None where there is none."""
        ...

    def list_meetings(
        self, limit: int | None = None, *, early: bool = False
    ) -> list[MeetingRow] | None:
        """The meetings not in the trash, newest first (those the role may read); a
        corrupt, too-new or shared database is refused. `early`: the app's list, drawn
        while the store opens, whose opening checks the database and says what is wrong:
        no check of its own, and None rather than a second connection to a server (an
        unreachable archive is tried once)."""
        ...

    def holds_meetings(self) -> bool:
        """Whether any meeting is there (in the trash too); True when it cannot tell."""
        ...

    def search(self, query: str, limit: int, meeting_id: int | None, on_wait: Wait) -> list[Hit]:
        """Full-text search, in one meeting or all (NotFound for an unknown one)."""
        ...

    def backup(self, dest: Path) -> None:
        """A consistent copy into the new file `dest`, or NotOnThisBackend."""
        ...

    def close(self) -> None: ...


def backend_for(home: Home, engine: Engine | None = None) -> Backend:
    """The home's backend (with `engine`: one already open on it, as tests build)."""
    if home.db_url is not None:
        from minutes_tui.store.online import ArchiveBackend

        return ArchiveBackend(home, home.db_url, engine)
    from minutes_tui.store.local import SqliteBackend

    return SqliteBackend(home, engine)
