"""Open a data home's database: create it 0600, check its schema, migrate it.

The check reads the file with the standard sqlite3 module in read-only mode, so a
corrupt or too-new database is refused before a single byte of it is changed.
"""

from __future__ import annotations

import os
from pathlib import Path

from minutes_tui.config import Home
from minutes_tui.store.errors import HomeUnwritable
from minutes_tui.store.schema import SchemaState, schema_state


def ensure_home(home: Home) -> None:
    try:
        home.db_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        home.exports_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise HomeUnwritable(f"Cannot create the data home {home.root}: {exc.strerror}.") from exc
    if not os.access(home.db_dir, os.W_OK | os.X_OK):
        raise HomeUnwritable(f"The data folder {home.db_dir} is not writable.")


def create_private_file(path: Path) -> None:
    """Create the database file readable by its owner only (the WAL and SHM files
    SQLite makes beside it take the same mode)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise HomeUnwritable(f"Cannot create {path}: {exc.strerror}.") from exc
    os.close(fd)


def prepare(home: Home) -> SchemaState:
    """Everything short of migrating: returns what the schema needs."""
    state = schema_state(home.db_path)  # raises before anything is created or changed
    if state is SchemaState.MISSING:
        ensure_home(home)
        create_private_file(home.db_path)
    elif not os.access(home.db_path, os.W_OK):
        raise HomeUnwritable(f"The database {home.db_path} is read-only; nothing can be saved.")
    return state
