"""Errors the store raises: each carries one clear sentence for the user."""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StoreError(Exception):
    """A problem the user must hear about; the message is shown as it is."""


class DatabaseUnreadable(StoreError):
    """The file is not a SQLite database, or is damaged."""


class DatabaseTooNew(StoreError):
    """Written by a newer minutes-tui: refuse to touch it."""


class DatabaseForeign(StoreError):
    """A SQLite file that is not a minutes-tui database."""


class HomeUnwritable(StoreError):
    """The data home cannot be created or written."""


class HomeUnsafe(StoreError):
    """The data home is set up so that another user or a link could reach the records."""


class NotFound(StoreError):
    """An unknown meeting, item, entry or action."""


class DatabaseBusy(StoreError):
    """Another program held the write lock for longer than we wait."""


class DiskFull(StoreError):
    """The disk (or the user's quota) is full: nothing was written, nothing lost."""


class DatabaseFailed(StoreError):
    """Any other failure of the database or its driver (SQLAlchemy, sqlite3, psycopg),
    wrapped inside the store so the face catches StoreError alone."""


class NotOnThisBackend(StoreError):
    """An operation only the other backend has (a file backup of a team archive)."""


def failed(exc: BaseException, *, writing: bool) -> DatabaseFailed:
    """One sentence, with the driver's words, for a failure no backend has a sentence for."""
    orig = getattr(exc, "orig", None)  # only SQLAlchemy's DBAPIError carries the driver's
    said = str(orig if isinstance(orig, BaseException) else exc).strip().splitlines()
    reason = said[0] if said else type(exc).__name__
    if writing:
        return DatabaseFailed(f"Not saved: {reason}. Nothing was changed.")
    return DatabaseFailed(f"Cannot read the database: {reason}.")


# SQLite's primary result codes (the low byte of an extended one, e.g. IOERR_SHMSIZE).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_IOERR, _SQLITE_FULL = 5, 6, 10, 13
FREE_MARGIN = 1 << 20  # less free than this, and a "disk I/O error" is the disk being full


def database_problem(exc: BaseException, path: Path | None) -> StoreError | None:
    """A SQLite (or SQLAlchemy-wrapped) or OS error that is about the disk or another
    program, not the database file: its own sentence, never "not readable".

    A full disk shows in SQLite as "database or disk is full", or, when even a read cannot
    grow its shared-memory file, as "disk I/O error": that one counts as a full disk when
    the database's file system has (almost) no space left."""
    where = str(path) if path is not None else "the database"
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException):
        exc = orig  # SQLAlchemy's DBAPIError: the driver's error inside
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return _full(where)
    if (waited := archive_timeout(exc)) is not None:
        return DatabaseBusy(waited)
    if type(exc).__module__ != "sqlite3":
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary == _SQLITE_FULL or "database or disk is full" in text:
        return _full(where)
    if (primary == _SQLITE_IOERR or "disk i/o error" in text) and _no_space(path):
        return _full(where)
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return DatabaseBusy(
            f"{where} is locked by another program (a database tool, a sync client); "
            "nothing was changed: close it or try again."
        )
    return None


# What SQLite says of a damaged page: sqlite3.DatabaseError itself ("database disk image
# is malformed", "file is not a database"), or an FTS5 table whose shadow pages cannot be
# read (an OperationalError that names no query of ours).
_DAMAGE = ("malformed", "not a database", "vtable constructor failed")


def damaged(exc: BaseException, path: Path | None) -> DatabaseUnreadable | None:
    """The sentence a damaged file gets, wherever its damage shows (the schema check
    reads two pages; a damaged page further in shows when a command reaches it)."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException):
        exc = orig
    if type(exc).__module__ != "sqlite3":
        return None
    plain = type(exc).__name__ == "DatabaseError"  # not its Operational/Integrity/... kin
    if not plain and not any(words in str(exc).lower() for words in _DAMAGE):
        return None
    where = str(path) if path is not None else "The database"
    return DatabaseUnreadable(
        f"{where} is not a readable minutes-tui database ({exc}); it was left untouched."
    )


@contextmanager
def told(path: Path | None) -> Iterator[None]:
    """A SQLite driver's error inside as one sentence where it is about the disk, another
    program or a damaged page, not a traceback (anything else is raised as it is)."""
    try:
        yield
    except StoreError:
        raise
    except Exception as exc:
        problem = database_problem(exc, path) or damaged(exc, path)
        if problem is not None:
            raise problem from exc
        raise


# PostgreSQL's SQLSTATE for each timeout the archive's connections set (store/connect.py).
_TIMEOUTS = {
    "55P03": "a table or row it needed stayed locked by another session (lock_timeout)",
    "57014": "a statement ran longer than the archive allows (statement_timeout)",
    "25P03": "a transaction stayed idle too long (idle_in_transaction_session_timeout)",
}


def archive_timeout(exc: BaseException) -> str | None:
    """One sentence for a team archive statement stopped by one of its timeouts."""
    orig = getattr(exc, "orig", None)
    state = getattr(orig if isinstance(orig, BaseException) else exc, "sqlstate", None)
    what = _TIMEOUTS.get(state) if isinstance(state, str) else None
    if what is None:
        return None
    return (
        f"The team archive stopped waiting: {what}; nothing was lost. Try again later, or "
        "ask the archive's administrator which session holds it."
    )


def _full(where: str) -> DiskFull:
    return DiskFull(
        f"The disk is full: {where} cannot be written until some space is freed; nothing was lost."
    )


def _no_space(path: Path | None) -> bool:
    folder = path.parent if path is not None else None
    if folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free < FREE_MARGIN
    except OSError:
        return False
