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
    # The latest circulation: "for comments until 2024-05-20", "final record", or None.
    circulated: str | None = None
    language: str = "en"  # the record's (domain/language.py)


# The newest circulation of each meeting (0013_circulation): one indexed lookup a row.
CIRCULATED = (
    "(SELECT e.reason || coalesce(' until ' || e.due, '') FROM meeting_event e"
    " WHERE e.meeting_id = meeting.id AND e.kind = 'circulated'"
    " ORDER BY e.at DESC, e.id DESC LIMIT 1)"
)


def list_meetings(path: Path, limit: int | None = None) -> list[MeetingRow]:
    """Newest first. An absent database has no meetings."""
    if not path.exists():
        return []
    con = connect_readonly(path)
    try:
        sql = (
            "SELECT id, date, body, title, session, status, style, sensitivity, "
            f"{CIRCULATED}, language FROM meeting "
            "WHERE deleted_at IS NULL ORDER BY date IS NULL, date DESC, id DESC"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        # A database not yet upgraded (the app upgrades it after the first frame) may
        # predate languages (0020: all English), circulations (0013) or the trash (0005):
        # nothing can be in either.
        english = sql.replace(", language FROM", " FROM")
        plain = english.replace(f", {CIRCULATED}", "")
        for attempt in (sql, english, plain, plain.replace(_NOT_TRASHED, "")):
            try:
                return [MeetingRow(*row) for row in con.execute(attempt)]
            except sqlite3.OperationalError as exc:
                failure = exc
        raise failure
    except sqlite3.OperationalError:
        return []  # a database whose schema is still being created
    finally:
        con.close()
