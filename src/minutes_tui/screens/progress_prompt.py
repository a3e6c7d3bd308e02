"""The optional progress text of a status change in the tracker."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from minutes_tui.domain.display import short_date
from minutes_tui.domain.translate import N_, _
from minutes_tui.domain.vocabulary import status_word
from minutes_tui.screens.base import BaseModal
from minutes_tui.store.tracker import TrackedAction
from minutes_tui.widgets.key_footer import KeyFooter


class ProgressPrompt(BaseModal[str | None]):
    """The optional progress text of a status change: Enter (or ctrl+s) saves the status with
    it; Esc cancels and nothing is stored (an empty text is a status change without one)."""

    CSS_PATH = "actions.tcss"
    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="actions_progress.cancel",
            tooltip=N_("Close; the status is not changed"),
        ),
        Binding(
            "ctrl+s",
            "save",
            N_("Save"),
            id="actions_progress.save",
            tooltip=N_("Save the status (and the progress text, if any)"),
            priority=True,
        ),
    ]

    def __init__(self, action: TrackedAction, status: str) -> None:
        super().__init__()
        self.action, self.status = action, status

    def compose(self) -> ComposeResult:
        a = self.action
        with Vertical(classes="dialog", id="action-progress"):
            yield Static(
                _("Action {number} → {status}").format(
                    number=a.number, status=status_word(self.status)
                ),
                classes="dialog-title",
            )
            yield Static(
                Text(
                    f"{a.body or a.title} · {short_date(a.meeting_date, _('undated'))} · {a.text}"
                ),
                classes="dialog-detail",
            )
            yield Input(placeholder=_("Progress (optional): what was done, by whom"), id="progress")
            yield Static(
                _("Enter saves the status (the text may stay empty) · Esc cancels"), classes="hint"
            )
        yield KeyFooter()

    @on(Input.Submitted, "#progress")
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_save(self) -> None:
        self.dismiss(self.query_one("#progress", Input).value)

    def action_cancel(self) -> None:
        self.dismiss(None)
