"""The meetings list, read with the standard sqlite3 module only.

`list_meetings` uses the standard sqlite3 module only, so the meetings screen can
draw its first frame before SQLAlchemy is even imported.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from minutes_tui.store.schema import connect_readonly

# ---- the meetings list (stdlib only) ----------------------------------------------


_NOT_TRASHED = "WHERE deleted_at IS NULL "


@dataclass(frozen=True)
class MeetingRow:
    id: int
    date: str | None
    body: str | None
    title: str
    session: str | None
    status: str
    style: str
    sensitivity: str


def list_meetings(path: Path, limit: int | None = None) -> list[MeetingRow]:
    """Newest first. An absent database has no meetings."""
    if not path.exists():
        return []
    con = connect_readonly(path)
    try:
        sql = (
            "SELECT id, date, body, title, session, status, style, sensitivity FROM meeting "
            "WHERE deleted_at IS NULL ORDER BY date IS NULL, date DESC, id DESC"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        try:
            return [MeetingRow(*row) for row in con.execute(sql)]
        except sqlite3.OperationalError as exc:
            if "deleted_at" not in str(exc):
                raise
            # A database from before the trash (schema 0003): nothing can be in it.
            return [MeetingRow(*row) for row in con.execute(sql.replace(_NOT_TRASHED, ""))]
    except sqlite3.OperationalError:
        return []  # a database whose schema is still being created
    finally:
        con.close()
