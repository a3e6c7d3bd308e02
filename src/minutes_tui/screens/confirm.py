"""A yes/no dialog: y or Enter confirms, n or Escape cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from minutes_tui.domain.translate import N_, _
from minutes_tui.screens.base import BaseModal


class ConfirmScreen(BaseModal[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes", tooltip=N_("Confirm")),
        Binding("n,escape", "answer(False)", N_("No"), id="confirm.no", tooltip=N_("Cancel")),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question, self.detail = question, detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm"):
            yield Static(self.question, classes="dialog-title")
            if self.detail:
                yield Static(self.detail, classes="dialog-detail", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Yes (y)"), variant="error", id="yes")
                yield Button(_("No (n)"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
