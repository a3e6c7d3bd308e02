"""The Enter path for the line typed most: a point, decision or key message.

`Store.apply` goes through the ORM (a Session, the meeting loaded as an object, the row
flushed, read back for its log line): about 3 ms of Python per Enter on top of SQLite's
own commit. A note needs none of that: one `BEGIN IMMEDIATE`, two checks, one INSERT,
one UPDATE and the `COMMIT`, on a connection kept open, with who-is-speaking resolved
from an index built once per meeting (rebuilt only when participants change).

Same promises as `Store.write`: one durable transaction (the connection carries WAL and
synchronous=FULL), the same wait-and-retry on another writer's lock with the same one
sentence when it outlasts WRITE_WAIT_S, and the same `Applied` with its log line.

Anything this path does not know how to do exactly as the ORM would — a speaker that
names no one known yet (its organisation must be created), a meeting that is not a
draft (the store's rules for final records apply) — is declined (`None`), and the
caller takes the ORM path. No SQLAlchemy here: `minutes add` uses it without importing it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from minutes_tui.domain.entries import Note
from minutes_tui.domain.vocabulary import NOTE_LABELS
from minutes_tui.store import engine as engine_settings
from minutes_tui.store import journal
from minutes_tui.store.errors import DatabaseBusy, NotFound, StoreError, database_problem
from minutes_tui.store.logline import LogLine
from minutes_tui.store.refs import Applied, Ref
from minutes_tui.store.speakers import SpeakerIndex

Connect = Callable[[], AbstractContextManager[sqlite3.Connection]]

# The same shape SQLAlchemy gives a DateTime on SQLite, so both paths read back alike.
STORED_TIME = "%Y-%m-%d %H:%M:%S.%f"
UPDATED_AT_GRAIN = dt.timedelta(minutes=1)  # how fresh a note keeps meeting.updated_at

_PEOPLE = """
    SELECT p.id, pe.honorific, pe.name, p.organisation_id
    FROM participant p JOIN person pe ON pe.id = p.person_id
    WHERE p.meeting_id = ?
"""
# As people.speaker_index: the meeting's organisations and those of its body's meetings.
_BODY_ORGANISATIONS = """
    SELECT o.id, o.name FROM organisation o WHERE o.id IN (
        SELECT p.organisation_id FROM participant p JOIN meeting m ON m.id = p.meeting_id
        WHERE m.id = :mid OR (:body IS NOT NULL AND m.body = :body)
        UNION
        SELECT e.organisation_id FROM entry e JOIN meeting m ON m.id = e.meeting_id
        WHERE m.id = :mid OR (:body IS NOT NULL AND m.body = :body)
    )
"""
_INSERT_NOTE = (
    "INSERT INTO entry (meeting_id, item_id, kind, label, speaker, participant_id, "
    "organisation_id, text, created_at, uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class WriteFailed(StoreError):
    """SQLite refused the write (disk full, read-only file): nothing was stored."""


def connect_file(path: Path) -> sqlite3.Connection:
    """A stdlib connection with the engine's settings (WAL, synchronous=FULL, the busy
    timeout), transactions begun by us: for commands that never load SQLAlchemy."""
    con = sqlite3.connect(
        path, timeout=engine_settings.BUSY_TIMEOUT_MS / 1000, isolation_level=None
    )
    try:
        engine_settings.apply_pragmas(con)  # may meet another program's lock, a full disk
    except BaseException:
        con.close()
        raise
    return con


def stored_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime(STORED_TIME)


def speaker_index(con: sqlite3.Connection, meeting_id: int) -> SpeakerIndex:
    """Who can be named as a speaker in a meeting (plain SQL twin of people.speaker_index)."""
    people = con.execute(_PEOPLE, (meeting_id,)).fetchall()
    row = con.execute("SELECT body FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
    body = row[0] if row else None
    orgs = con.execute(_BODY_ORGANISATIONS, {"mid": meeting_id, "body": body}).fetchall()
    return SpeakerIndex.build(
        [(p[0], p[1], p[2], p[3]) for p in people if p[0] is not None],
        [(o[0], o[1]) for o in orgs if o[0] is not None],
    )


def known_organisation(con: sqlite3.Connection, name: str) -> int | None:
    """As people.organisation_id, without creating: the exact name, then any case (SQLite's
    lower() folds ASCII only, as there)."""
    row = con.execute("SELECT id FROM organisation WHERE name = ? LIMIT 1", (name,)).fetchone()
    if row is None:
        row = con.execute(
            "SELECT id FROM organisation WHERE lower(name) = ? LIMIT 1", (name.lower(),)
        ).fetchone()
    return row[0] if row else None


def begin_immediate(con: sqlite3.Connection, on_wait: Callable[[], None]) -> None:
    """Take the write lock as SqliteBackend.begin_write does (store/local.py): rounds of
    the busy timeout up to WRITE_WAIT_S (telling `on_wait` once), then one clear sentence."""
    deadline = time.monotonic() + engine_settings.WRITE_WAIT_S
    told = False
    while True:
        try:
            con.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.Error as exc:  # a damaged page is a DatabaseError, not Operational
            if not engine_settings.is_busy(exc):
                raise database_problem(exc, None) or WriteFailed(f"Not saved: {exc}.") from exc
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    f"The database is busy: another program has been writing to it for "
                    f"over {engine_settings.WRITE_WAIT_S:.0f} s. Nothing was saved; try again."
                ) from None
            if not told:
                told = True
                on_wait()


class NoteWriter:
    """Writes notes of one meeting; `connect` lends a connection with the engine's pragmas."""

    def __init__(self, connect: Connect, on_wait: Callable[[], None]) -> None:
        self._connect = connect
        self._on_wait = on_wait
        self._index: tuple[int, SpeakerIndex] | None = None

    def forget_speakers(self) -> None:
        """Participants changed: the next attributed line reads them again."""
        self._index = None

    def _speakers(self, con: sqlite3.Connection, meeting_id: int) -> SpeakerIndex:
        if self._index is None or self._index[0] != meeting_id:
            self._index = (meeting_id, speaker_index(con, meeting_id))
        return self._index[1]

    def add_note(
        self, meeting_id: int, item_id: int | None, entry: Note, line: str = ""
    ) -> Applied | None:
        """Store one note in one transaction, or None when the ORM path must do it.
        Its step in the undo journal (`line`, as typed) goes in the same transaction."""
        if entry.confidential:
            return None  # rare, and its flag and marks are the ORM path's to write
        created = dt.datetime.now(dt.UTC)
        kind = entry.note_kind
        with self._connect() as con:
            participant_id = organisation_id = None
            if entry.speaker:
                named = self._speakers(con, meeting_id).resolve(entry.speaker)
                if named is not None:
                    participant_id = named.participant_id
                    organisation_id = named.organisation_id
                else:  # as people.resolve_speaker: an organisation by its name
                    organisation_id = known_organisation(con, entry.speaker)
                    if organisation_id is None:
                        self._index = None  # the ORM path records a new organisation
                        return None
            begin_immediate(con, self._on_wait)
            step: int | None = None
            try:
                written = self._write(
                    con, meeting_id, item_id, entry, participant_id, organisation_id, created
                )
                if written is not None:
                    step = self._journal(con, meeting_id, item_id, kind, written, line, created)
            except BaseException:
                # SQLite has rolled back already on some errors (a damaged page): a second
                # ROLLBACK would raise over the one sentence the first error carries.
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
            if written is None:
                con.execute("ROLLBACK")
                return None
            try:
                con.execute("COMMIT")
            except sqlite3.Error as exc:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise database_problem(exc, None) or WriteFailed(f"Not saved: {exc}.") from exc
        logged = LogLine(
            Ref("entry", written),
            kind,
            created,
            entry.speaker,
            entry.text,
            label=entry.label,
        )
        label = entry.label
        return Applied(
            kind,
            [Ref("entry", written)],
            item_id,
            f"{label} saved" if label else f"{NOTE_LABELS[kind]} saved",
            warnings=list(entry.warnings),
            lines=[logged],
            entry=entry,
            step=step,
        )

    @staticmethod
    def _journal(
        con: sqlite3.Connection,
        meeting_id: int,
        item_id: int | None,
        kind: str,
        row_id: int,
        line: str,
        created: dt.datetime,
    ) -> int:
        """The note's step in the undo journal, as `journal.record_capture` writes it
        (and the meeting's oldest steps beyond journal.KEEP pruned), in the same transaction."""
        ref = Ref("entry", row_id)
        data = journal.encode(journal.capture_data([Applied(kind, [ref])], [line], item_id))
        try:
            cursor = con.execute(
                journal.INSERT,
                (
                    meeting_id,
                    "capture",
                    journal.storable(line),
                    journal.refs_text([ref]),
                    data,
                    stored_time(created),
                ),
            )
            con.execute(journal.PRUNE, {"m": meeting_id, "keep": journal.KEEP})
        except sqlite3.Error as exc:
            raise WriteFailed(f"Not saved: {exc}.") from exc
        step = cursor.lastrowid
        assert step is not None
        return step

    @staticmethod
    def _write(
        con: sqlite3.Connection,
        meeting_id: int,
        item_id: int | None,
        entry: Note,
        participant_id: int | None,
        organisation_id: int | None,
        created: dt.datetime,
    ) -> int | None:
        """The row's id; None to decline (inside the transaction, so nothing changes)."""
        try:
            row = con.execute(
                "SELECT status, deleted_at, owner FROM meeting WHERE id = ?", (meeting_id,)
            ).fetchone()
            if row is None:
                raise NotFound(f"No meeting with id {meeting_id}.")
            if row[0] != "draft" or row[1] is not None or row[2] is not None:
                return None  # final, trashed or another home's: the store's rules decide
            if item_id is not None:
                item = con.execute(
                    "SELECT meeting_id FROM agenda_item WHERE id = ?", (item_id,)
                ).fetchone()
                if item is None or item[0] != meeting_id:
                    raise NotFound(f"No agenda item {item_id} in meeting {meeting_id}.")
            at = stored_time(created)
            cursor = con.execute(
                _INSERT_NOTE,
                (
                    meeting_id,
                    item_id,
                    entry.note_kind,
                    entry.label,
                    entry.speaker,
                    participant_id,
                    organisation_id,
                    entry.text,
                    at,
                    str(uuid.uuid4()),  # as models.new_uuid: this path never imports the ORM
                ),
            )
            # To the minute: rewriting the meeting's page on every Enter costs the commit
            # an extra page (p99 at a million entries 1.1 → 1.6 ms); nothing reads finer.
            stale = stored_time(created - UPDATED_AT_GRAIN)
            con.execute(
                "UPDATE meeting SET updated_at = ? WHERE id = ? AND updated_at < ?",
                (at, meeting_id, stale),
            )
        except sqlite3.Error as exc:
            raise WriteFailed(f"Not saved: {exc}.") from exc
        row_id = cursor.lastrowid
        assert row_id is not None
        return row_id


def pooled(engine_raw_connection: Callable[[], object]) -> Connect:
    """A `Connect` lending the driver connection of an engine's pool (returned after)."""

    @contextmanager
    def connect() -> Iterator[sqlite3.Connection]:
        pooled_connection = engine_raw_connection()
        try:
            yield pooled_connection.driver_connection  # type: ignore[attr-defined]
        finally:
            pooled_connection.close()  # type: ignore[attr-defined]

    return connect
