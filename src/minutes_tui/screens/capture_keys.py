"""The capture screen's keys: what each does, shown in the footer, F1 and the palette."""

from __future__ import annotations

from textual.binding import Binding, BindingType

CAPTURE_BINDINGS: list[BindingType] = [
    Binding(
        "up",
        "recall(-1)",
        "Recall",
        id="capture.recall_up",
        tooltip="Edit an earlier entry",
        key_display="↑",
        show=False,  # footers at 80 columns keep room for the rest; F1 lists it
        priority=True,  # above the Input's own (hidden) scroll binding
    ),
    Binding(
        "down",
        "recall(1)",
        "Next",
        id="capture.recall_down",
        show=False,
        tooltip="Recall a later entry",
        priority=True,
    ),
    Binding(
        "escape",
        "escape",
        "Back",
        id="capture.escape",
        tooltip="Cancel editing; with an empty line, back to the meetings",
    ),
    Binding("ctrl+z", "undo", "Undo", id="capture.undo", tooltip="Undo the last entry"),
    Binding(
        "ctrl+y", "redo", "Redo", id="capture.redo", tooltip="Redo what was undone", show=False
    ),
    Binding(
        "f8",
        "delete_entry",
        "Delete",
        id="capture.delete",
        show=False,
        tooltip="Delete the recalled (or last) entry, after confirmation",
    ),
    Binding(
        "alt+up,ctrl+up",
        "move_item(-1)",
        "Prev item",
        id="capture.prev_item",
        show=False,
        tooltip="Go to the previous agenda item",
        key_display="alt+↑",
    ),
    Binding(
        "alt+down,ctrl+down",
        "move_item(1)",
        "Next item",
        id="capture.next_item",
        show=False,
        tooltip="Go to the next agenda item",
        key_display="alt+↓",
    ),
    Binding(
        "ctrl+e",
        "export",
        "Export",
        id="capture.export",
        tooltip="Export the record to Word or Markdown",
        priority=True,  # the Input's ctrl+e (end of line) stays on the End key
    ),
    Binding(
        "ctrl+o",
        "circulate",
        "Circulate",
        id="capture.circulate",
        tooltip="An e-mail draft (.eml) that sends the record for comments, or the final one",
        priority=True,
        show=False,  # the 80-column footer is full; F1 and the palette list it
    ),
    Binding(
        "ctrl+r",
        "review",
        "Review",
        id="capture.review",
        show=False,
        tooltip="Review the previous meeting's actions (c/i/p/d set status, Enter notes)",
    ),
    Binding(
        "ctrl+f",
        "finalize",
        "Finalize",
        id="capture.finalize",
        show=False,
        tooltip="Finalize: lock the meeting, archive its record (Markdown, Word, PDF)",
    ),
    Binding(
        "f9",
        "confidential",
        "Confidential",
        id="capture.confidential",
        show=False,
        tooltip="Mark the recalled (or last) entry confidential, or not (like ! before it)",
    ),
    Binding(
        "ctrl+t",
        "participants",
        "People",
        id="capture.participants",
        tooltip="Review and edit the participants",
    ),
    Binding(
        "f2",
        "edit_meeting",
        "Details",
        id="capture.edit_meeting",
        tooltip="Edit the meeting's details: title, date, place, chair, introduction…",
        show=False,
    ),
]
