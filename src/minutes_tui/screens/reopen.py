"""Reopening a final meeting asks why: the reason goes into the meeting's audit trail."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from minutes_tui.domain.translate import N_, _
from minutes_tui.screens.base import BaseModal


class ReopenScreen(BaseModal[str | None]):
    """Dismissed with the reason typed, or None (Escape): nothing changes without one."""

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="reopen.cancel",
            tooltip=N_("Keep the meeting final"),
        ),
    ]

    def __init__(self, title: str, version: int | None) -> None:
        super().__init__()
        self.title_text = title
        self.version = version

    def compose(self) -> ComposeResult:
        if self.version:
            question = _("Reopen {title} (final, version {version})?")
        else:
            question = _("Reopen {title}?")
        with Vertical(classes="dialog", id="reopen"):
            yield Static(
                question.format(title=self.title_text, version=self.version),
                classes="dialog-title",
                markup=False,
            )
            yield Static(
                _(
                    "Why? The reason, who and when are kept in the meeting's history. "
                    "Finalizing again makes the next version; earlier ones stay archived."
                ),
                classes="dialog-detail",
            )
            yield Input(placeholder=_("the reason (required)"), id="reopen-reason", compact=True)
            yield Static(_("Enter reopens; Esc keeps it final."), id="reopen-result")

    def on_mount(self) -> None:
        self.query_one("#reopen-reason", Input).focus()

    @on(Input.Submitted, "#reopen-reason")
    def submitted(self) -> None:
        reason = self.query_one("#reopen-reason", Input).value.strip()
        if not reason:
            self.query_one("#reopen-result", Static).update(
                _("A reason is required: say why the meeting is reopened.")
            )
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)
