"""The store: the one door to the database. Every write is one short transaction.

Entries arrive already parsed (keys → grammar → capture session → store); the store
only decides where they go and writes them. The work is done by modules a
responsibility each — `meetings` (meetings and series), `apply` (typed entries),
`people` (people and organisations), `edits` (undo, delete, edit), `load` and `log`
(reads), `tracker` and `search` — and `transactions` holds the backend (SQLite or a
team archive, chosen once when the store opens), its engine and the transaction.

How the store reaches its data: the ORM (a SQLModel Session from `write()` or `read()`)
for writes and small reads; plain SQL through the driver's connection (`snapshot()`,
store/dbapi.py) for the loader (`load`, `load_register`), which `show` and `export` of a
SQLite home run on a stdlib `sqlite3` connection without SQLAlchemy; read-only stdlib
`sqlite3` for the meetings list and the schema check (`reads`/`schema`) and FTS5 search,
whose SQL the ORM cannot express (`search`).

The write-only modules (`apply`, `edits`, `journal`, `people`, and through them the
grammar) are imported by the methods that write: a command that only reads (`export`,
`show`) starts without them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from minutes_tui.domain.vocabulary import Attendance
from minutes_tui.store import meetings
from minutes_tui.store.errors import NotFound
from minutes_tui.store.final import check_writable
from minutes_tui.store.models import AgendaItem, Meeting, Participant, now
from minutes_tui.store.refs import Applied, Ref
from minutes_tui.store.transactions import Transactions

if TYPE_CHECKING:
    from minutes_tui.domain.entries import Entry, PersonSpec
    from minutes_tui.domain.header import MeetingHeader
    from minutes_tui.domain.snapshot import ActionData, ItemData, MeetingData, RegisterData
    from minutes_tui.importer.attendance import Attendee
    from minutes_tui.store.journal import Step
    from minutes_tui.store.log import LogLine
    from minutes_tui.store.search import Hit
    from minutes_tui.store.speakers import Known


class Store(Transactions):
    """The operations, each one transaction (`write()`) or one read (`read()`)."""

    # ---- meetings and series ------------------------------------------------------------

    def create_meeting(self, header: MeetingHeader, previous_id: int | None = None) -> int:
        with self.write() as s:
            return meetings.create(s, header, previous_id)

    def create_from_previous(self, previous_id: int, header: MeetingHeader) -> int:
        with self.write() as s:
            return meetings.create_from_previous(s, previous_id, header)

    def series_defaults(self, previous_id: int) -> dict[str, str]:
        return meetings.series_defaults(self.meeting(previous_id))

    def body_language(self, body: str | None) -> str | None:
        """The language of the body's latest meeting (None: no meeting of it yet)."""
        with self.read() as s:
            return meetings.body_language(s, body)

    def meeting(self, meeting_id: int) -> Meeting:
        with self.read() as s:
            return meetings.get(s, meeting_id)

    def circulation(self, meeting_id: int) -> tuple[str, dt.date | None] | None:
        """The meeting's latest circulation: ("for comments", due) or ("final record", None)."""
        from minutes_tui.store import final

        with self.read() as s:
            event = final.latest_circulation(s, meeting_id)
        return (event.reason or "", event.due) if event is not None else None

    def update_meeting(self, meeting_id: int, **fields: Any) -> None:
        """Change a meeting's details; what changed goes in the undo journal."""
        from minutes_tui.store import journal

        with self.write() as s:
            meeting = check_writable(s, meeting_id)  # finalize/reopen: store.final
            was = {k: getattr(meeting, k) for k, v in fields.items() if getattr(meeting, k) != v}
            meetings.update(s, meeting_id, **fields)
            if was:
                what = ", ".join(k.replace("_", " ") for k in was)
                journal.record(s, meeting_id, "details", what, {"fields": was}, [])

    def set_body_parent(self, body: str, parent: str | None) -> None:
        """Put a body under another (None: at the top); a loop is refused."""
        from minutes_tui.store import bodies

        with self.write() as s:
            bodies.set_parent(s, body, parent)

    def body_parent(self, body: str) -> str | None:
        from minutes_tui.store import bodies

        with self.read() as s:
            return bodies.parent_of(s, body)

    # ---- the trash ---------------------------------------------------------------------

    def trash_meeting(self, meeting_id: int) -> Meeting:
        with self.write() as s:
            return meetings.trash(s, meeting_id)

    def restore_meeting(self, meeting_id: int) -> Meeting:
        with self.write() as s:
            return meetings.restore(s, meeting_id)

    def purge_meeting(self, meeting_id: int) -> Meeting:
        with self.write() as s:
            return meetings.purge(s, meeting_id)

    def trashed_meetings(self) -> list[Meeting]:
        with self.read() as s:
            return meetings.in_trash(s)

    def check_series_link(self, meeting_id: int, previous_id: int) -> None:
        """Refuse a link that is unknown, to itself, or would make the series a loop."""
        with self.read() as s:
            meetings.check_link(s, meeting_id, previous_id)

    # ---- typed entries ----------------------------------------------------------------------

    def apply(
        self, meeting_id: int, item_id: int | None, entry: Entry, line: str | None = None
    ) -> Applied:
        """Store one parsed entry in one transaction; returns its rows and log lines.
        With the line as typed, the capture is a step of the undo journal."""
        from minutes_tui.store import journal
        from minutes_tui.store.apply import apply
        from minutes_tui.store.log import lines_for

        with self.write() as s:
            meeting = check_writable(s, meeting_id)
            self._check_item(s, meeting_id, item_id)
            result = apply(s, meeting, item_id, entry)
            meeting.updated_at = now()
            s.flush()
            result.lines = lines_for(s, result.refs)
            if line is not None:
                result.step = journal.record_capture(s, meeting_id, [result], [line], item_id)
        result.warnings = list(entry.warnings) + result.warnings
        result.entry = entry
        return result

    def apply_many(
        self, meeting_id: int, item_id: int | None, entries: list[tuple[Entry, str]]
    ) -> Applied:
        """A paste: every (entry, line) in order, in ONE transaction — all stored or none —
        returned as one unit whose `parts` undo together."""
        from minutes_tui.store import journal
        from minutes_tui.store.apply import apply_all

        typed_under = item_id
        with self.write() as s:
            meeting = check_writable(s, meeting_id)
            self._check_item(s, meeting_id, item_id)
            parts, item_id = apply_all(s, meeting, item_id, entries)
            meeting.updated_at = now()
            lines = [line for _, line in entries]
            step = journal.record_capture(s, meeting_id, parts, lines, typed_under)
        stored = [p for p in parts if p.kind != "blank"]
        return Applied(
            "paste",
            [ref for p in stored for ref in p.refs],
            item_id,
            f"{len(stored)} pasted line{'s' if len(stored) != 1 else ''} saved",
            warnings=[w for p in stored for w in p.warnings],
            lines=[line for p in stored for line in p.lines],
            parts=stored,
            step=step,
        )

    def edit(
        self, ref: Ref, meeting_id: int, entry: Entry, line: str = "", previous: str | None = None
    ) -> Applied:
        """Change a stored row to a re-parsed entry (same number, same time). With the
        line as it was (`previous`), the edit is a step of the undo journal."""
        from minutes_tui.store import edits, journal
        from minutes_tui.store.log import lines_for

        with self.write() as s:
            meeting = check_writable(s, meeting_id)
            result = edits.edit(s, ref, meeting, entry)
            meeting.updated_at = now()
            s.flush()
            result.lines = lines_for(s, result.refs)
            if previous is not None and result.refs:
                new = result.refs[0]
                data: dict[str, Any] = {"ref": [new.table, new.id], "previous": previous}
                if "replaced" in result.restore:  # another kind: undo puts the old rows back
                    data["replaced"] = result.restore.pop("replaced")
                    data["made"] = journal.capture_data([result], [])["parts"][0]
                result.step = journal.record(s, meeting_id, "edit", line, data, [new])
        result.warnings = list(entry.warnings) + result.warnings
        return result

    def undo(self, applied: Applied, meeting_id: int) -> None:
        """Take back what one applied entry did, in one transaction."""
        from minutes_tui.store import edits

        with self.write() as s:
            meeting = check_writable(s, meeting_id)
            for part in reversed(applied.parts or [applied]):
                edits.undo(s, part, meeting)

    def delete(
        self, ref: Ref, meeting_id: int, previous: str | None = None, item_id: int | None = None
    ) -> None:
        """Delete a row with what cannot stand without it (an entry's list items, an
        action's sub-items and reviews). With the line it was typed as (`previous`), the
        deletion is a step of the undo journal, which keeps the rows: undo puts them all
        back with their ids and times. (`item_id`: no longer needed, kept for callers.)"""
        from minutes_tui.store import edits, journal, removals

        with self.write() as s:
            check_writable(s, meeting_id)
            if ref.table in ("item", "participant"):
                self._delete_whole(s, ref, meeting_id)
                return
            if previous is None:  # no step: the steps that named the rows cannot act
                edits.delete(s, ref, meeting_id)
                journal.forget(s, meeting_id, ref)
                return
            # The older steps that made or edited them stay, as for an item: they can
            # only be undone after this one has put the rows back.
            data = removals.delete_line(s, meeting_id, ref)
            journal.record(s, meeting_id, "delete", previous, data, [])

    def dependents(self, ref: Ref, meeting_id: int) -> dict[str, int]:
        """What deleting a line takes with it ({"list items": 3}), for the question."""
        from minutes_tui.store import removals

        with self.read() as s:
            return removals.dependents(s, meeting_id, ref)

    @staticmethod
    def _delete_whole(s: Session, ref: Ref, meeting_id: int) -> None:
        """An agenda item (with everything under it) or a participant: the rows that go are
        kept in the journal step, so undo inserts them again as they were. The older steps
        that name them stay: they can only be undone after this one has put them back."""
        from minutes_tui.store import journal, people, removals

        if ref.table == "item":
            item = s.get(AgendaItem, ref.id)
            what = removals.item_name(item) if item else ""
            data = removals.delete_item(s, meeting_id, ref.id)
            journal.record(s, meeting_id, "delete_item", what, data, [])
        else:
            what = people.display_name(s, ref.id)
            data = removals.delete_participant(s, meeting_id, ref.id)
            journal.record(s, meeting_id, "remove_participant", what, data, [])

    # ---- the undo journal ---------------------------------------------------------------

    def last_step(self, meeting_id: int) -> Step | None:
        """The newest step of the meeting's undo journal, whichever window took it."""
        from minutes_tui.store import journal

        with self.read() as s:
            return journal.last(s, meeting_id)

    def undo_step(self, meeting_id: int, step: Step, entry: Entry | None = None) -> Applied | None:
        """Reverse a journal step and remove it, in one transaction. None when it is gone
        (undone by another window) or names only rows that are gone (it is removed)."""
        from minutes_tui.store import journal

        with self.write() as s:
            meeting = check_writable(s, meeting_id)
            if not journal.take(s, step.id):
                return None
            result = journal.undo(s, meeting, step, entry)
            if result is not None:
                meeting.updated_at = now()
        return result

    @staticmethod
    def _check_item(s: Session, meeting_id: int, item_id: int | None) -> None:
        if item_id is None:
            return
        item = s.get(AgendaItem, item_id)
        if item is None or item.meeting_id != meeting_id:
            raise NotFound(f"No agenda item {item_id} in meeting {meeting_id}.")

    # ---- people -------------------------------------------------------------------------

    def known_names(self, meeting_id: int) -> Known:
        """What the grammar must know of a meeting: who can speak in it, its language."""
        from minutes_tui.store import people

        with self.read() as s:
            return people.known_names(s, meeting_id)

    def completion_names(self, meeting_id: int) -> tuple[list[str], list[str]]:
        from minutes_tui.store import people

        with self.read() as s:
            return people.completion_names(s, meeting_id)

    def owner_names(self) -> list[str]:
        from minutes_tui.store import people

        with self.read() as s:
            return people.owner_names(s)

    def add_participant(self, meeting_id: int, spec: PersonSpec) -> Applied:
        """Add someone (the participants screen); a step of the undo journal."""
        from minutes_tui.store import journal, people

        with self.write() as s:
            check_writable(s, meeting_id)
            result = people.add_participants(s, meeting_id, None, [spec])
            what = " ".join(p for p in (spec.honorific, spec.name) if p) or spec.organisation
            data = journal.capture_data([result], [])
            journal.record(s, meeting_id, "add_participant", what or "", data, result.refs)
            return result

    def update_participant(
        self,
        participant_id: int,
        *,
        honorific: str | None,
        name: str | None,
        position: str | None,
        organisation: str | None,
        role: str | None,
        attendance: Attendance,
    ) -> None:
        from minutes_tui.store import journal, people

        with self.write() as s:
            if (row := s.get(Participant, participant_id)) is not None:
                check_writable(s, row.meeting_id)
            was = people.as_it_was(s, participant_id)
            people.update_participant(
                s,
                participant_id,
                honorific=honorific,
                name=name,
                position=position,
                organisation=organisation,
                role=role,
                attendance=attendance,
            )
            if row is not None and people.as_it_was(s, participant_id) != was:
                what = people.display_name(s, participant_id)
                data = {"was": {str(participant_id): was}}
                journal.record(s, row.meeting_id, "participant", what, data, [])

    def set_attendance(self, meeting_id: int, ids: list[int], attendance: Attendance) -> int:
        """Mark participants present (or expected) in one transaction, one undo step
        ("marked 30 present"); how many changed."""
        from minutes_tui.store import journal, people

        with self.write() as s:
            check_writable(s, meeting_id)
            was = people.set_attendance(s, meeting_id, ids, attendance)
            if was:
                what = f"marked {len(was)} {attendance}"
                journal.record(s, meeting_id, "attendance", what, {"was": was}, [])
        return len(was)

    def delete_participant(self, participant_id: int, meeting_id: int) -> None:
        self.delete(Ref("participant", participant_id), meeting_id)

    def import_attendance(self, meeting_id: int, attendees: list[Attendee]) -> tuple[int, int]:
        """(participants added, participants already listed and now present).

        In ONE transaction: a report is stored whole or not at all (a report stopped
        half-way, by a full disk or a lack of memory, left 1,400 of 2,000 people stored).
        The parser bounds a report (MAX_PEOPLE names of MAX_NAME characters)."""
        from minutes_tui.store import people

        with self.write() as s:
            check_writable(s, meeting_id)
            return people.import_attendance(s, meeting_id, attendees)

    # ---- reads ----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50, meeting_id: int | None = None) -> list[Hit]:
        """Full-text search (FTS5 or PostgreSQL's), in one meeting (checked) or all."""
        from minutes_tui.store.search import search

        if meeting_id is not None:
            self.meeting(meeting_id)
        try:
            return search(self, query, limit, meeting_id)
        except (SQLAlchemyError, sqlite3.Error) as exc:  # FTS5 runs on the driver's connection
            raise self._failure(exc, writing=False) from exc

    def load(self, meeting_id: int) -> MeetingData:
        """The whole meeting as plain data (what the record is built from)."""
        from minutes_tui.store.load import load

        with self.snapshot() as snap:
            return load(snap, meeting_id)

    def load_register(
        self, body: str, date_from: dt.date | None = None, date_to: dt.date | None = None
    ) -> RegisterData:
        """A body's register over a period: what a workplan progress report shows."""
        from minutes_tui.store.load_register import load_register

        with self.snapshot() as snap:
            return load_register(snap, body, date_from, date_to)

    def load_items(self, meeting_id: int) -> list[ItemData]:
        with self.read() as s:
            return meetings.items(s, meeting_id)

    def item_log(self, meeting_id: int, item_id: int | None) -> list[LogLine]:
        from minutes_tui.store.log import item_log

        with self.read() as s:
            return item_log(s, meeting_id, item_id)

    def counts(self, meeting_id: int) -> tuple[int, int]:
        """(participants, actions) of a meeting, for the sidebar."""
        with self.read() as s:
            return meetings.counts(s, meeting_id)

    def current_item(self, meeting_id: int) -> int | None:
        """The agenda item a new line goes under: the last one opened."""
        with self.read() as s:
            return meetings.current_item(s, meeting_id)

    def register_actions(self, meeting_id: int) -> list[ActionData]:
        """The previous meeting's actions and every other open action of the body's
        register: what a meeting can review (the review pane)."""
        from minutes_tui.store.load_register import open_register_actions

        with self.snapshot() as snap:
            return open_register_actions(snap, meeting_id)

    def previous_actions(self, meeting_id: int) -> tuple[int | None, list[ActionData]]:
        """The previous meeting of the series and its actions, with their reviews."""
        from minutes_tui.store.load import previous_actions

        with self.snapshot() as snap:
            return previous_actions(snap, meeting_id)
