"""The capture session: a typed line goes keys → grammar → store, and comes back as log lines.

No UI here. The capture screen, `minutes add`, `minutes import` and the review pane all
go through a session, so each line is parsed once (by the pure grammar, with what the
meeting knows) and the store only ever sees typed entries. What a write returns carries
the log lines it wrote, so a screen needs no second round of reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minutes_tui.capture import CaptureContext, parse_line
from minutes_tui.entries import ActionReview, Entry, Note
from minutes_tui.store.refs import Applied
from minutes_tui.vocabulary import ActionStatus

if TYPE_CHECKING:
    from minutes_tui.store.fastpath import NoteWriter
    from minutes_tui.store.refs import Ref
    from minutes_tui.store.store import Store

# Kinds of entry after which what the grammar knows (who can speak) must be read again.
_CHANGES_SPEAKERS = frozenset(["participants"])


@dataclass(frozen=True)
class _Redo:
    entries: list[tuple[Entry, str]]  # one line, or a whole paste
    item_id: int | None


class CaptureSession:
    """Submit, edit, delete, undo and redo the lines of one meeting."""

    def __init__(self, store: Store, meeting_id: int, item_id: int | None = None) -> None:
        self.store = store
        self.meeting_id = meeting_id
        self.store.meeting(meeting_id)  # an unknown meeting fails here, not on first Enter
        self.item_id = item_id if item_id is not None else store.current_item(meeting_id)
        self._context: CaptureContext | None = None
        self._notes: NoteWriter | None = None  # the Enter path for plain notes (fastpath)
        self.undo_stack: list[Applied] = []
        self._redo_stack: list[_Redo] = []

    # ---- what the grammar knows -------------------------------------------------------------

    @property
    def context(self) -> CaptureContext:
        """Who can speak in this meeting; read once, again only when participants change."""
        if self._context is None:
            from minutes_tui.user_directory import load_user_organisations

            known = self.store.context(self.meeting_id)
            mine = load_user_organisations()  # the user's own directory additions
            self._context = CaptureContext(
                speakers=known.speakers | mine, organisations=known.organisations | mine
            )
        return self._context

    def forget_context(self) -> None:
        """Participants changed elsewhere (the participants screen, another window)."""
        self._forget_speakers()

    def _forget_speakers(self) -> None:
        self._context = None
        if self._notes is not None:
            self._notes.forget_speakers()

    def _write_note(self, entry: Note, item_id: int | None) -> Applied | None:
        """A note through the fast path (one prepared INSERT); None when it declines."""
        if self.store.online:
            return None  # the fast path is SQLite's; an archive takes the store's own path
        if self._notes is None:
            from minutes_tui.store.fastpath import NoteWriter, pooled

            store = self.store
            self._notes = NoteWriter(pooled(store.engine.raw_connection), lambda: store.on_wait())
        return self._notes.add_note(self.meeting_id, item_id, entry)

    def parse(self, line: str) -> Entry:
        return parse_line(line, self.context)

    # ---- writes -----------------------------------------------------------------------------

    def submit(self, line: str) -> Applied:
        """Parse one typed line and store it in one transaction (under the current item)."""
        return self.submit_entry(self.parse(line), line)

    def submit_entry(self, entry: Entry, line: str = "") -> Applied:
        applied = self._apply(entry, line, self.item_id)
        self._redo_stack.clear()
        return applied

    def submit_all(self, lines: Iterable[str]) -> list[Applied]:
        """Lines in order, each in its own transaction, as the keyboard would."""
        return [self.submit(line) for line in lines]

    def preview(self, lines: list[str]) -> list[Entry]:
        """What a paste would store, line by line, before anything is stored."""
        return [self.parse(line) for line in lines]

    def submit_paste(self, lines: list[str]) -> Applied:
        """A multi-line paste: one entry per line through the grammar (so a pasted list
        becomes a list), stored in one transaction, undone as one."""
        entries = [(self.parse(line), line) for line in lines]
        applied = self._apply_unit(entries, self.item_id)
        self._redo_stack.clear()
        return applied

    def review(self, action_id: int, number: int, status: ActionStatus, text: str = "") -> Applied:
        """A dated review of a known action (the review pane): no text to parse."""
        entry = ActionReview(number=number, status=status, text=text, action_id=action_id)
        return self.submit_entry(entry, f"/u {number} {status}")

    def edit(self, ref: Ref, line: str, previous: str | None = None) -> Applied:
        """Re-read an edited line and change its row in place (same number, same time).
        With the line as it was (`previous`), ctrl+z can put it back."""
        entry = self.parse(line)
        applied = self.store.edit(ref, self.meeting_id, entry)
        applied.line = line
        self._after(applied)
        if previous is not None and applied.refs:
            self.undo_stack.append(
                Applied("edit", list(applied.refs), applied.item_id, line=line,
                        restore={"previous": previous})
            )  # fmt: skip
            self._redo_stack.clear()
        return applied

    def delete(self, ref: Ref, previous: str | None = None, item_id: int | None = None) -> None:
        """Delete a row; with the line it was typed as (`previous`), ctrl+z types it again
        under its item."""
        self.store.delete(ref, self.meeting_id)
        # Rows an undo would remove are gone: their undo entries go too.
        self.undo_stack = [a for a in self.undo_stack if ref not in a.refs]
        self._forget_speakers()
        if previous is not None:
            self.undo_stack.append(
                Applied("delete", [], item_id, line=previous, restore={"previous": previous})
            )
            self._redo_stack.clear()

    def undo(self) -> Applied | None:
        """Take back the last line; None when there is nothing to undo."""
        if not self.undo_stack:
            return None
        applied = self.undo_stack[-1]
        if applied.kind in ("edit", "delete"):
            return self._undo_change(applied)
        self.store.undo(applied, self.meeting_id)
        self.undo_stack.pop()
        parts = applied.parts or [applied]
        entries = [(p.entry, p.line) for p in parts if p.entry is not None]  # set by apply
        self._redo_stack.append(_Redo(entries, self.item_id))
        if any(p.kind == "item" for p in parts):
            self.item_id = self.store.current_item(self.meeting_id)
        self._after(applied)
        return applied

    def _undo_change(self, applied: Applied) -> Applied:
        """Undo an edit (the row back as it was typed) or a deletion (typed again, under
        its item). Not redoable: the next ctrl+y finds nothing, and says so."""
        previous = self.parse(applied.restore["previous"])
        if applied.kind == "edit":
            self.store.edit(applied.refs[0], self.meeting_id, previous)
            applied.line = f"the edit ({applied.line[:60]})"
        else:
            self.store.apply(self.meeting_id, applied.item_id, previous)
            applied.line = f"the deletion of {applied.line[:60]}"
        self.undo_stack.pop()
        self._context = None
        return applied

    @property
    def can_redo(self) -> bool:
        return bool(self._redo_stack)

    def redo(self) -> Applied | None:
        """Put back the last undone line, under the item it was undone from."""
        if not self._redo_stack:
            return None
        redo = self._redo_stack[-1]
        if len(redo.entries) == 1:
            (entry, line), item_id = redo.entries[0], redo.item_id
            applied = self._apply(entry, line, item_id)
        else:
            applied = self._apply_unit(redo.entries, redo.item_id)
        self._redo_stack.pop()
        return applied

    def _apply(self, entry: Entry, line: str, item_id: int | None) -> Applied:
        applied = self._write_note(entry, item_id) if isinstance(entry, Note) else None
        if applied is None:
            applied = self.store.apply(self.meeting_id, item_id, entry)
        applied.line = line
        if applied.kind != "blank":
            self.undo_stack.append(applied)
        self.item_id = applied.item_id
        self._after(applied)
        return applied

    def _apply_unit(self, entries: list[tuple[Entry, str]], item_id: int | None) -> Applied:
        applied = self.store.apply_many(self.meeting_id, item_id, entries)
        applied.line = f"{len(applied.parts)} pasted lines"
        if applied.parts:
            self.undo_stack.append(applied)
        self.item_id = applied.item_id
        if any(p.kind in _CHANGES_SPEAKERS for p in applied.parts):
            self._forget_speakers()
        return applied

    def _after(self, applied: Applied) -> None:
        if applied.kind in _CHANGES_SPEAKERS:
            self._forget_speakers()
