"""The capture session: a typed line goes keys → grammar → store, and comes back as log lines.

Undo reads the meeting's undo journal in the database (store/journal.py): ctrl+z undoes
the last thing done in the meeting, also after a restart or from another window. Redo
lives here, for what this session undid.

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
from minutes_tui.domain.display import clip
from minutes_tui.domain.entries import ActionReview, Entry, Note
from minutes_tui.domain.translate import _, ngettext
from minutes_tui.domain.vocabulary import ActionStatus, status_word
from minutes_tui.store.journal import KEEP
from minutes_tui.store.refs import Applied

if TYPE_CHECKING:
    from minutes_tui.store.fastpath import NoteWriter
    from minutes_tui.store.journal import Step
    from minutes_tui.store.refs import Ref
    from minutes_tui.store.speakers import Known
    from minutes_tui.store.store import Store


def grammar_context(known: Known) -> CaptureContext:
    """What the grammar knows of a meeting: who can speak in it (as the store read them),
    the user's own directory additions, and the meeting's language (its due words)."""
    from minutes_tui.config.user_directory import load_user_organisations

    mine = load_user_organisations()
    return CaptureContext(
        speakers=known.speakers | mine,
        organisations=known.organisations | mine,
        language=known.language,
    )


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
        self._redo_stack: list[_Redo] = []
        # What this session's journal steps applied (redo applies it again, unparsed).
        self._applied: dict[int, list[tuple[Entry, str]]] = {}

    # ---- what the grammar knows -------------------------------------------------------------

    @property
    def context(self) -> CaptureContext:
        """Who can speak in this meeting; read once, again only when participants change."""
        if self._context is None:
            self._context = grammar_context(self.store.known_names(self.meeting_id))
        return self._context

    def forget_context(self) -> None:
        """Participants changed elsewhere (the participants screen, another window)."""
        self._forget_speakers()

    def _forget_speakers(self) -> None:
        self._context = None
        if self._notes is not None:
            self._notes.forget_speakers()

    def _write_note(self, entry: Note, line: str, item_id: int | None) -> Applied | None:
        """A note through the fast path (one prepared INSERT); None when it declines."""
        if self._notes is None:
            self._notes = self.store.note_writer()
            if self._notes is None:
                return None  # the backend has no fast path: the store's own path
        return self._notes.add_note(self.meeting_id, item_id, entry, line)

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
        """A dated review of a known action (the review pane): no text to parse. Its
        journal line names the action by reference and keeps the note, so a redo after a
        restart (which reads that line again) stores the same review."""
        entry = ActionReview(number=number, status=status, text=text, action_id=action_id)
        return self.submit_entry(entry, f"/u #{action_id} {status_word(status)} {text}".rstrip())

    def edit(self, ref: Ref, line: str, previous: str | None = None) -> Applied:
        """Re-read an edited line and change its row in place (same number, same time).
        With the line as it was (`previous`), ctrl+z can put it back."""
        entry = self.parse(line)
        applied = self.store.edit(ref, self.meeting_id, entry, line, previous)
        applied.line = line
        self._after(applied)
        if previous is not None:
            self._redo_stack.clear()
        return applied

    def delete(self, ref: Ref, previous: str | None = None, item_id: int | None = None) -> None:
        """Delete a row and what cannot stand without it (`dependents`); with the line it
        was typed as (`previous`), ctrl+z puts them all back where they were."""
        self.store.delete(ref, self.meeting_id, previous, item_id)
        self._forget_speakers()
        if previous is not None or ref.table == "item":
            self._redo_stack.clear()
        if ref.table == "item" and ref.id == self.item_id:  # lines go under the last item
            self.item_id = self.store.current_item(self.meeting_id)

    def toggle_confidential(self, ref: Ref, line: str) -> bool:
        """F9 on a line (as recalled): confidential ⇄ not, a step ctrl+z takes back.
        The new state; ValueError for a row that cannot be confidential."""
        from minutes_tui.store.confidential import toggle

        on = toggle(self.store, ref, self.meeting_id, line)
        self._redo_stack.clear()
        return on

    def dependents(self, ref: Ref) -> dict[str, int]:
        """What a deletion of this row takes with it: {"list items": 3}."""
        return self.store.dependents(ref, self.meeting_id)

    def undo(self) -> Applied | None:
        """Take back the last step of the meeting's journal; None when there is nothing to
        undo. Steps whose rows are gone (deleted since, replaced) are skipped. What was
        undone is `line` of the result ("edit of line 'UNHCR: …'")."""
        while (step := self.store.last_step(self.meeting_id)) is not None:
            previous = step.data.get("previous")
            entry = self.parse(previous) if isinstance(previous, str) else None
            undone = self.store.undo_step(self.meeting_id, step, entry)
            if undone is None:
                continue  # gone, or nothing of it left: the next older step
            undone.line = describe(step)
            self._context = None
            if step.kind == "capture":
                # Redo types the lines again where they were typed (older steps: here).
                typed_under = step.data.get("item_id", self.item_id)
                self._redo_stack.append(_Redo(self._entries_of(step), typed_under))
                if any(p["kind"] == "item" for p in step.data["parts"]):
                    self.item_id = self.store.current_item(self.meeting_id)
            elif step.kind == "delete_item" and undone.item_id is not None:
                self.item_id = undone.item_id  # back on the item that came back
            if self._notes is not None:
                self._notes.forget_speakers()
            return undone
        return None

    def _entries_of(self, step: Step) -> list[tuple[Entry, str]]:
        """What a capture step applied: as this session applied it, else its lines
        (typed before a restart, or in another window) read again."""
        known = self._applied.pop(step.id, None)
        if known is not None:
            return known
        return [(self.parse(line), line) for line in step.data.get("lines", [])]

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
        applied = self._write_note(entry, line, item_id) if isinstance(entry, Note) else None
        if applied is None:
            applied = self.store.apply(self.meeting_id, item_id, entry, line)
        applied.line = line
        self._remember(applied, [(entry, line)])
        self.item_id = applied.item_id
        self._after(applied)
        return applied

    def _apply_unit(self, entries: list[tuple[Entry, str]], item_id: int | None) -> Applied:
        applied = self.store.apply_many(self.meeting_id, item_id, entries)
        count = len(applied.parts)
        applied.line = ngettext("{count} pasted line", "{count} pasted lines", count).format(
            count=count
        )
        self._remember(applied, entries)
        self.item_id = applied.item_id
        if any(p.kind in _CHANGES_SPEAKERS for p in applied.parts):
            self._forget_speakers()
        return applied

    def _remember(self, applied: Applied, entries: list[tuple[Entry, str]]) -> None:
        if applied.step is not None:
            self._applied[applied.step] = entries
            if len(self._applied) > KEEP:  # the journal keeps no more than that either
                del self._applied[next(iter(self._applied))]

    def _after(self, applied: Applied) -> None:
        if applied.kind in _CHANGES_SPEAKERS:
            self._forget_speakers()


# ---- what undo says ------------------------------------------------------------------------
# Words for the user, so kept above the store: the journal keeps only what was done.


def counted(what: str, n: int) -> str:
    """ "3 list items", "1 review": a count of the rows a deletion takes, in the user's
    language (the store names them in English: removals.py)."""
    forms = {
        "entries": ngettext("{n} entry", "{n} entries", n),
        "actions": ngettext("{n} action", "{n} actions", n),
        "reviews": ngettext("{n} review", "{n} reviews", n),
        "list items": ngettext("{n} list item", "{n} list items", n),
        "sub-items": ngettext("{n} sub-item", "{n} sub-items", n),
    }
    return forms[what].format(n=n) if what in forms else f"{n} {what if n != 1 else what[:-1]}"


def describe(step: Step) -> str:
    """What "Undid: …" says of a journal step."""
    what = step.what
    line = _("line '{text}'").format(text=clip(what, 60))
    if step.kind == "capture":
        count = len(step.data.get("lines", []))
        return _("paste of {count} lines").format(count=count) if count > 1 else line
    if step.kind == "edit":
        return _("edit of {line}").format(line=line)
    if step.kind == "delete":
        return _("deletion of {line}").format(line=line) + and_its(step.data.get("counts", {}))
    if step.kind == "delete_item":
        counts = step.data.get("counts", {})
        kinds = ("entries", "actions", "reviews")
        went = ", ".join(counted(k, n) for k in kinds if (n := counts.get(k, 0)))
        item = _("deletion of item '{text}'").format(text=clip(what, 60))
        return item + (f" ({went})" if went else "")
    if step.kind == "confidential":
        return _("confidential mark on {line}").format(line=line)
    if step.kind in ("attendance", "incorporate"):
        return what  # "marked 30 present", "incorporation of draft.docx"
    if step.kind == "add_participant":
        return _("addition of participant {name}").format(name=what)
    if step.kind == "remove_participant":
        return _("removal of participant {name}").format(name=what)
    if step.kind == "participant":
        return _("edit of participant {name}").format(name=what)
    return _("edit of the meeting's details ({what})").format(what=what)


def and_its(counts: dict[str, int]) -> str:
    """ " and its 3 list items", " and its 2 sub-items and 1 review"; "" for none."""
    went = [counted(what, n) for what, n in counts.items() if n]
    return " " + _("and its {things}").format(things=_(" and ").join(went)) if went else ""
