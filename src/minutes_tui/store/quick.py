"""`minutes add` without SQLAlchemy: the notes at the head of the typed lines.

A command that adds a point should cost about what Python's start does, not the half
second SQLAlchemy and the ORM models take to import. While the database is at the
current schema and the lines are notes (points, decisions, key messages), they go
through `fastpath.NoteWriter` on one stdlib connection, exactly as the capture screen
stores them. The caller parses each line (with `known()`: the store never imports the
grammar) and hands the entry here; the first line that is anything else (an item, an
action, a participant, a speaker no one has named before) and every line after it go
through the full store — the caller's `CaptureSession` — in order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from minutes_tui.config import Home
from minutes_tui.domain.entries import Note
from minutes_tui.store.database import prepare
from minutes_tui.store.errors import NotFound, told
from minutes_tui.store.fastpath import NoteWriter, connect_file, speaker_index
from minutes_tui.store.refs import Applied
from minutes_tui.store.schema import SchemaState
from minutes_tui.store.speakers import Known

_CURRENT_ITEM = (
    "SELECT id FROM agenda_item WHERE meeting_id = ? ORDER BY position DESC, id DESC LIMIT 1"
)


class QuickNotes:
    """Notes of one meeting, parsed and stored without the ORM."""

    def __init__(
        self, con: sqlite3.Connection, path: Path, meeting_id: int, on_wait: Callable[[], None]
    ):
        self.con = con
        self.path = path  # named in the sentence a damaged page gets
        self.meeting_id = meeting_id
        if con.execute("SELECT 1 FROM meeting WHERE id = ?", (meeting_id,)).fetchone() is None:
            raise NotFound(f"No meeting with id {meeting_id}.")
        row = con.execute(_CURRENT_ITEM, (meeting_id,)).fetchone()
        self.item_id: int | None = row[0] if row else None
        self.writer = NoteWriter(self._lend, on_wait)

    @classmethod
    def open(cls, home: Home, meeting_id: int, on_wait: Callable[[], None]) -> QuickNotes | None:
        """None when the database needs the full store first (missing, to be upgraded, or
        a team archive: this path is SQLite's)."""
        if home.db_url is not None:
            return None
        if prepare(home) is not SchemaState.CURRENT:
            return None
        with told(home.db_path):  # a page the schema check did not read may be damaged
            con = connect_file(home.db_path)
            try:
                return cls(con, home.db_path, meeting_id, on_wait)
            except BaseException:
                con.close()
                raise

    def close(self) -> None:
        self.con.close()

    def _lend(self) -> AbstractContextManager[sqlite3.Connection]:
        return nullcontext(self.con)

    def known(self) -> Known:
        """Who can speak in the meeting and its language, for the caller's grammar context."""
        with told(self.path):
            row = self.con.execute(
                "SELECT language FROM meeting WHERE id = ?", (self.meeting_id,)
            ).fetchone()
            return speaker_index(self.con, self.meeting_id).known(row[0] if row else "en")

    def submit(self, entry: Note, line: str) -> Applied | None:
        """Store one parsed note (`line`: as typed) if this path can; None (nothing
        stored) when the full store must take it."""
        with told(self.path):
            applied = self.writer.add_note(self.meeting_id, self.item_id, entry, line)
        if applied is not None:
            applied.line = line
        return applied
