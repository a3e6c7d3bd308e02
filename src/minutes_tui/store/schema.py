"""Schema version check with the standard sqlite3 module only.

Opening the app must not wait for Alembic (about 0.6 s to import): when the
database already carries the head revision, nothing else is imported.
"""

from __future__ import annotations

import sqlite3
from enum import Enum
from pathlib import Path

from minutes_tui.store import engine  # sqlite3 only: no SQLAlchemy before the first frame
from minutes_tui.store.errors import (
    DatabaseForeign,
    DatabaseTooNew,
    DatabaseUnreadable,
    database_problem,
)

# Every Alembic revision this version knows, oldest first. A test checks this
# against the migration scripts so the two cannot drift apart.
REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_search",
    "0003_register",
    "0004_lists",
    "0005_trash",
    "0006_imported",
    "0007_final",
    "0008_journal",
    "0009_sync",
    "0010_search_speed",
    "0011_pg_search",
    "0012_archive_owner",
    "0013_archive_trust",
    "0014_sub_item_confidential",
    "0015_body_parent",
    "0016_circulation",
    "0017_archive_trust2",
    "0018_sync_marks",
    "0019_review_comments",
    "0020_meeting_language",
    "0021_search_folding",
)
HEAD = REVISIONS[-1]


class SchemaState(Enum):
    MISSING = "missing"  # no file, or an empty database: create the schema
    OLDER = "older"  # a known earlier revision: upgrade
    CURRENT = "current"


def connect_readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=engine.READ_WAIT_S)


def schema_state(path: Path) -> SchemaState:
    """Tell what the database needs, without changing a byte of it."""
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState.MISSING
    try:
        con = connect_readonly(path)
    except sqlite3.Error as exc:
        raise database_problem(exc, path) or DatabaseUnreadable(
            f"Cannot open {path}: {exc}."
        ) from exc
    try:
        tables = {
            row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not tables:
            return SchemaState.MISSING
        if "alembic_version" not in tables:
            raise DatabaseForeign(
                f"{path} is a SQLite database but not a minutes-tui one; refusing to touch it."
            )
        rows = con.execute("SELECT version_num FROM alembic_version LIMIT 2").fetchall()
    except sqlite3.DatabaseError as exc:
        # a full disk or another program's lock is not the file's fault: their own sentence
        raise database_problem(exc, path) or DatabaseUnreadable(
            f"{path} is not a readable minutes-tui database ({exc}); it was left untouched."
        ) from exc
    finally:
        con.close()
    return classify([row[0] for row in rows], str(path), "The file")


def classify(revisions: list[str | None], where: str, left: str) -> SchemaState:
    """What a database at the revision in `revisions` (its alembic_version rows) needs; a
    revision this version does not know, or more than one, is refused (`left` says what
    was left untouched: "The file", "The archive")."""
    if len(revisions) > 1:  # Alembic would try to follow both branches: not our schema
        raise DatabaseForeign(
            f"{where} names more than one schema version in its alembic_version table; "
            f"this version of minutes-tui cannot read it. {left} was left untouched."
        )
    revision = revisions[0] if revisions else None
    if revision == HEAD:
        return SchemaState.CURRENT
    if revision in REVISIONS:
        return SchemaState.OLDER
    if revision is None:
        return SchemaState.MISSING
    raise DatabaseTooNew(
        f"{where} was written by a newer version of minutes-tui (schema {revision}); "
        f"upgrade minutes-tui to open it. {left} was left untouched."
    )
