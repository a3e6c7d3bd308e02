"""The capture screen's second half: ↑/↓ recall an entry (or the item itself) to edit it in
place, F8 deletes, ctrl+z / ctrl+y undo and redo — all through the capture session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from minutes_tui.capture.unparse import NOTE_PREFIX, recall, typed_note
from minutes_tui.domain.translate import _, ngettext
from minutes_tui.screens.base import BaseScreen
from minutes_tui.widgets.capture_line import CaptureLine
from minutes_tui.widgets.log_view import CaptureLog, clock

if TYPE_CHECKING:
    from minutes_tui.domain.snapshot import ItemData
    from minutes_tui.session.capture_session import CaptureSession
    from minutes_tui.store.log import LogLine

T = TypeVar("T")


class CaptureEditing(BaseScreen[None]):
    """What the capture screen (its subclass) provides: the lines of the current item,
    the session, and the status line; what this class adds: recall, edit, undo, delete."""

    meeting_id: int
    items: list[ItemData]
    lines: list[LogLine]
    recall_index: int | None
    draft: str

    @property
    def session(self) -> CaptureSession:
        raise NotImplementedError

    @property
    def item_id(self) -> int | None:
        raise NotImplementedError

    def status(self, message: str, warnings: list[str] | None = None, error: bool = False) -> None:
        raise NotImplementedError

    def run_write(self, write: Callable[[], T]) -> T | None:
        raise NotImplementedError

    def reload_all(self, item_id: int | None = None) -> None:
        raise NotImplementedError

    def show_item(self, item_id: int | None) -> None:
        raise NotImplementedError

    def refresh_context(self) -> None:
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # ↑/↓ recall only from the capture line; elsewhere (the review list) they move.
        if action == "recall":
            return isinstance(self.focused, CaptureLine)
        return True

    def item_line(self) -> LogLine | None:
        """The current agenda item as a line ↑ can reach (above its first entry): edit it
        to rename or renumber the item, F8 to delete it."""
        from minutes_tui.store.log import LogLine
        from minutes_tui.store.refs import Ref

        item = next((i for i in self.items if i.id == self.item_id), None)
        if item is None:
            return None
        return LogLine(Ref("item", item.id), "item", dt.datetime.now(dt.UTC), None, item.title,
                       label=item.label, presenters=item.presenters)  # fmt: skip

    def recalled(self) -> LogLine | None:
        """The line being edited: an entry of the log, or (index -1) the item itself."""
        if self.recall_index is None:
            return None
        return self.item_line() if self.recall_index < 0 else self.lines[self.recall_index]

    def action_recall(self, step: int) -> None:
        if not self.lines and self.item_line() is None:
            return
        line_input = self.query_one(CaptureLine)
        top = -1 if self.item_line() is not None else 0
        if self.recall_index is None:
            if step > 0:
                return
            self.draft = line_input.value
            index = len(self.lines) - 1 if self.lines else -1
        else:
            index = self.recall_index + step
            if index >= len(self.lines):
                self.end_recall(restore_draft=True)
                return
            index = max(top, index)
        self.recall_index = index
        line = self.recalled()
        assert line is not None
        line_input.value = self.as_typed(line)
        line_input.cursor_position = len(line_input.value)
        log = self.query_one("#log", CaptureLog)
        log.highlighted = index if index >= 0 else None
        if index < 0:
            editing = _("Editing the agenda item: Enter saves, Esc cancels, F8 deletes.")
        else:
            editing = _("Editing the entry of {time}: Enter saves, Esc cancels, F8 deletes.")
        self.status(editing.format(time=clock(line)))
        line_input.add_class("editing")

    def as_typed(self, line: LogLine) -> str:
        """A note as the meeting reads it now: no needless backslash, and a speaker it
        does not know kept as one; any other line as the log unparsed it."""
        if line.ref.table != "entry" or line.list_style or line.kind not in NOTE_PREFIX:
            return recall(line)
        return typed_note(line.kind, line.speaker, line.text, line.label, line.confidential,
                          self.session.parse)  # fmt: skip

    def end_recall(self, restore_draft: bool = False) -> None:
        line_input = self.query_one(CaptureLine)
        if self.recall_index is not None and restore_draft:
            line_input.value = self.draft
        self.recall_index = None
        line_input.remove_class("editing")

    def save_edit(self, line: str) -> None:
        old = self.recalled()
        assert old is not None
        if not line.strip():
            self.action_delete_entry()
            return
        result = self.run_write(lambda: self.session.edit(old.ref, line, recall(old)))
        if result is None:
            return
        self.query_one(CaptureLine).value = self.draft
        if old.kind == "item":  # renamed or renumbered: the agenda and the title show it now
            self.reload_all(self.item_id)
        else:
            self.show_item(self.item_id)
            self.refresh_context()
        self.status(result.message, result.warnings)

    def action_escape(self) -> None:
        if self.recall_index is not None:
            self.end_recall(restore_draft=True)
            self.status(_("Edit cancelled."))
            return
        if self.query_one(CaptureLine).value.strip():
            self.status(_("The line is not empty: Enter saves it, ctrl+u clears it."))
            return
        self.dismiss(None)

    # ---- undo, redo, delete ---------------------------------------------------------

    def action_undo(self) -> None:
        """The last step of the meeting's undo journal (also one taken before a restart)."""
        done = self.run_write(lambda: (self.session.undo(),))
        if done is None:
            return  # refused (a final meeting, a busy database): run_write said why
        (undone,) = done
        if undone is None:
            self.status(_("Nothing to undo."))
            return
        self.reload_all(self.item_id)
        undid = _("Undid: {what}").format(what=undone.line)
        self.status(undid)
        self.notify(undid, title=_("Undo"))

    def action_redo(self) -> None:
        if not self.session.can_redo:
            self.status(_("Nothing to redo."))
            return
        result = self.run_write(self.session.redo)
        if result is None:
            return
        self.reload_all(result.item_id)
        self.status(_("Redone: {line}").format(line=result.line[:80]), result.warnings)

    def action_delete_entry(self) -> None:
        from minutes_tui.screens.confirm import ConfirmScreen
        from minutes_tui.session.capture_session import and_its

        recalled = self.recalled()
        if recalled is None and not self.lines:
            self.status(_("Nothing to delete under this item."))
            return
        target = recalled or self.lines[-1]
        whole_item = target.kind == "item"

        def confirmed(yes: bool | None) -> None:
            if not yes:
                self.status(_("Kept."))
                return

            def delete() -> bool:
                # An entry is typed back by ctrl+z; an item's rows are kept in the journal.
                previous = None if whole_item else recall(target)
                self.session.delete(target.ref, previous, self.item_id)
                return True

            done = self.run_write(delete)
            if done:
                if self.recall_index is not None:
                    self.query_one(CaptureLine).value = self.draft
                self.reload_all(self.item_id)
                self.status(
                    _("Item deleted: ctrl+z undoes it.")
                    if whole_item
                    else _("Entry deleted: ctrl+z undoes it.")
                )

        if whole_item:
            question = _("Delete this agenda item and everything typed under it?")
            detail = (
                recall(target)
                + "\n"
                + ngettext(
                    "({count} entry; ctrl+z undoes it)",
                    "({count} entries; ctrl+z undoes it)",
                    len(self.lines),
                ).format(count=len(self.lines))
            )
        else:
            went = self.run_write(lambda: self.session.dependents(target.ref))
            if went is None:
                return  # gone meanwhile (another window): run_write said why
            question = _("Delete this entry{and_its}?").format(and_its=and_its(went))
            detail = f"{clock(target)}  {recall(target)}"
        self.app.push_screen(ConfirmScreen(question, detail), confirmed)
