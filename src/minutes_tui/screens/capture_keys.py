"""The capture screen's keys: what each does, shown in the footer, F1 and the palette."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from minutes_tui.domain.translate import N_

CAPTURE_BINDINGS: list[BindingType] = [
    Binding(
        "up",
        "recall(-1)",
        N_("Recall"),
        id="capture.recall_up",
        tooltip=N_("Edit an earlier entry"),
        key_display="↑",
        show=False,  # footers at 80 columns keep room for the rest; F1 lists it
        priority=True,  # above the Input's own (hidden) scroll binding
    ),
    Binding(
        "down",
        "recall(1)",
        N_("Next"),
        id="capture.recall_down",
        show=False,
        tooltip=N_("Recall a later entry"),
        priority=True,
    ),
    Binding(
        "escape",
        "escape",
        N_("Back"),
        id="capture.escape",
        tooltip=N_("Cancel editing; with an empty line, back to the meetings"),
    ),
    Binding("ctrl+z", "undo", N_("Undo"), id="capture.undo", tooltip=N_("Undo the last entry")),
    Binding(
        "ctrl+y",
        "redo",
        N_("Redo"),
        id="capture.redo",
        tooltip=N_("Redo what was undone"),
        show=False,
    ),
    Binding(
        "f8",
        "delete_entry",
        N_("Delete"),
        id="capture.delete",
        show=False,
        tooltip=N_("Delete the recalled (or last) entry, after confirmation"),
    ),
    Binding(
        "alt+up,ctrl+up",
        "move_item(-1)",
        N_("Prev item"),
        id="capture.prev_item",
        show=False,
        tooltip=N_("Go to the previous agenda item"),
        key_display="alt+↑",
    ),
    Binding(
        "alt+down,ctrl+down",
        "move_item(1)",
        N_("Next item"),
        id="capture.next_item",
        show=False,
        tooltip=N_("Go to the next agenda item"),
        key_display="alt+↓",
    ),
    Binding(
        "ctrl+e",
        "export",
        N_("Export"),
        id="capture.export",
        tooltip=N_("Export the record to Word or Markdown"),
        priority=True,  # the Input's ctrl+e (end of line) stays on the End key
    ),
    Binding(
        "ctrl+o",
        "circulate",
        N_("Circulate"),
        id="capture.circulate",
        tooltip=N_("An e-mail draft (.eml) that sends the record for comments, or the final one"),
        priority=True,
        show=False,  # the 80-column footer is full; F1 and the palette list it
    ),
    Binding(
        "ctrl+r",
        "review",
        N_("Review"),
        id="capture.review",
        show=False,
        tooltip=N_("Review the previous meeting's actions (c/i/p/d set status, Enter notes)"),
    ),
    Binding(
        "ctrl+f",
        "finalize",
        N_("Finalize"),
        id="capture.finalize",
        show=False,
        tooltip=N_("Finalize: lock the meeting, archive its record (Markdown, Word, PDF)"),
    ),
    Binding(
        "f9",
        "confidential",
        N_("Confidential"),
        id="capture.confidential",
        show=False,
        tooltip=N_("Mark the recalled (or last) entry confidential, or not (like ! before it)"),
    ),
    Binding(
        "ctrl+t",
        "participants",
        N_("People"),
        id="capture.participants",
        tooltip=N_("Review and edit the participants"),
    ),
    Binding(
        "f2",
        "edit_meeting",
        N_("Details"),
        id="capture.edit_meeting",
        tooltip=N_("Edit the meeting's details: title, date, place, chair, introduction…"),
        show=False,
    ),
]
