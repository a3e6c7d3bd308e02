"""Before a redacted export keeps names nobody recorded: the list, and the choice.

`r` redacts them too (each replaced like a person's name), `k` keeps them as they are,
Escape writes nothing. Dismisses with "redact", "keep" or None.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from minutes_tui.domain.translate import N_, _
from minutes_tui.screens.base import BaseModal


class UnknownNamesScreen(BaseModal[str | None]):
    BINDINGS = [
        Binding("r", "answer('redact')", N_("Redact these"), id="unknown.redact"),
        Binding("k", "answer('keep')", N_("Keep them"), id="unknown.keep"),
        Binding(
            "escape", "answer(None)", N_("Cancel"), id="unknown.cancel", tooltip=N_("Write nothing")
        ),
    ]

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="unknown-names"):
            yield Static(
                _(
                    "These look like names the database does not know; the redacted record "
                    "would keep them:"
                ),
                classes="dialog-title",
            )
            yield Static("\n".join(self.names), classes="dialog-detail", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Redact these (r)"), variant="error", id="redact")
                yield Button(_("Keep them (k)"), id="keep")
                yield Button(_("Cancel (esc)"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#redact", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id if event.button.id in ("redact", "keep") else None)

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
