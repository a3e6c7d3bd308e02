"""The question an export asks when its file is already there: overwrite it, keep both
(the new record takes the next free name), or cancel. Enter keeps both: a reflex Enter
never loses a file that may hold edits made in Word."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from minutes_tui.domain.translate import N_, _
from minutes_tui.screens.base import BaseModal

Choice = Literal["overwrite", "keep"]


class OverwriteScreen(BaseModal[Choice | None]):
    BINDINGS = [
        Binding("o", "answer('overwrite')", N_("Overwrite"), id="overwrite.replace",
                tooltip=N_("Replace the file that is there")),
        Binding("k", "answer('keep')", N_("Keep both"), id="overwrite.keep",
                tooltip=N_("Keep the file; write the record under a new name")),
        Binding("escape,c", "answer('')", N_("Cancel"), id="overwrite.cancel",
                tooltip=N_("Write nothing")),
    ]  # fmt: skip

    def __init__(self, existing: str, new_name: str) -> None:
        super().__init__()
        self.existing, self.new_name = existing, new_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="overwrite"):
            yield Static(_("That file already exists."), classes="dialog-title")
            yield Static(
                self.existing
                + "\n"
                + _(
                    "It may hold edits made since it was exported. Keep both writes the "
                    "record as {name}."
                ).format(name=self.new_name),
                classes="dialog-detail",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Keep both (k)"), variant="primary", id="keep")
                yield Button(_("Overwrite (o)"), variant="error", id="overwrite")
                yield Button(_("Cancel (Esc)"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id or "")

    def action_answer(self, answer: str) -> None:
        self.dismiss("overwrite" if answer == "overwrite" else "keep" if answer == "keep" else None)
