"""Open a data home's database: create it 0600, check its schema, migrate it.

The check reads the file with the standard sqlite3 module in read-only mode, so a
corrupt or too-new database is refused before a single byte of it is changed.

Privacy of the home, whatever the umask: every folder we create is 0700 and the database
0600 (an empty file found in its place is brought to 0600 before the schema goes in).
What we did not create we never chmod; instead a `db/` folder that other users can write
to is refused (they could swap the database), and so is a symlink in the database's place
(it would send the records wherever it points).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from minutes_tui.config import Home
from minutes_tui.store.errors import HomeUnsafe, HomeUnwritable
from minutes_tui.store.schema import SchemaState, schema_state


def make_private_dirs(folder: Path) -> None:
    """`mkdir -p folder`, each folder it creates 0700 whatever the umask.

    `mkdir(parents=True)` gives the parents 0777 minus the umask (all of it under umask
    000); folders that already exist are the user's and keep their mode.
    """
    missing: list[Path] = []
    at = folder
    while not at.exists() and at.parent != at:
        missing.append(at)
        at = at.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile by someone else: not ours to chmod
        os.chmod(path, 0o700)  # mode= is filtered by the umask; chmod is not


def ensure_home(home: Home) -> None:
    try:
        make_private_dirs(home.db_dir)
        make_private_dirs(home.exports_dir)
    except OSError as exc:
        raise HomeUnwritable(f"Cannot create the data home {home.root}: {exc.strerror}.") from exc
    check_home(home)
    if not os.access(home.db_dir, os.W_OK | os.X_OK):
        raise HomeUnwritable(f"The data folder {home.db_dir} is not writable.")


def check_home(home: Home) -> None:
    """Refuse a home that is not private: a symlink as the database, a shared `db/`."""
    if home.db_path.is_symlink():
        raise HomeUnsafe(
            f"{home.db_path} is a symbolic link; minutes-tui keeps its records only in a "
            "real file there (move the database into place, or remove the link)."
        )
    try:
        mode = home.db_dir.stat().st_mode
    except OSError:
        return  # not there yet: it will be created private
    if stat.S_ISDIR(mode) and mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise HomeUnsafe(
            f"The data folder {home.db_dir} can be written by other users "
            f"(mode {stat.S_IMODE(mode):04o}); make it private with "
            f"'chmod 700 {home.db_dir}' and try again."
        )


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


def make_private_file(path: Path) -> None:
    """Bring a file we are about to fill (checked not to be a link) to 0600."""
    try:
        if stat.S_IMODE(path.stat().st_mode) != 0o600:
            os.chmod(path, 0o600)
    except OSError as exc:
        raise HomeUnwritable(f"Cannot make {path} private: {exc.strerror}.") from exc


def prepare(home: Home) -> SchemaState:
    """Everything short of migrating: returns what the schema needs."""
    check_home(home)
    state = schema_state(home.db_path)  # raises before anything is created or changed
    if state is SchemaState.MISSING:
        ensure_home(home)
        create_private_file(home.db_path)
        make_private_file(home.db_path)  # an empty file found there may be 0666
    elif not os.access(home.db_path, os.W_OK):
        raise HomeUnwritable(f"The database {home.db_path} is read-only; nothing can be saved.")
    return state
