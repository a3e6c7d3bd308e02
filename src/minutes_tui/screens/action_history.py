"""An action's whole history of reviews, from the tracker."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from minutes_tui.domain.display import short_date
from minutes_tui.domain.translate import N_, _
from minutes_tui.domain.vocabulary import status_word
from minutes_tui.screens.base import BaseModal
from minutes_tui.store.tracker import HistoryEntry, TrackedAction
from minutes_tui.widgets.status_text import STATUS_STYLES


class HistoryScreen(BaseModal[None]):
    """An action's reviews, oldest first."""

    CSS_PATH = "actions.tcss"
    BINDINGS = [
        Binding(
            "escape,enter,h,q",
            "close",
            N_("Close"),
            id="actions_history.close",
            tooltip=N_("Back to the tracker"),
        ),
    ]

    def __init__(self, action: TrackedAction, history: list[HistoryEntry]) -> None:
        super().__init__()
        self.action, self.history = action, history

    def compose(self) -> ComposeResult:
        a = self.action
        owners = f" [{'; '.join(a.owners)}]" if a.owners else ""
        due = " · " + _("due {date}").format(date=a.due) if a.due else ""
        with Vertical(classes="dialog", id="action-history"):
            yield Static(
                Text(
                    _("Action {number} · {meeting} · {date} (meeting {id})").format(
                        number=a.number,
                        meeting=a.body or a.title,
                        date=short_date(a.meeting_date, _("undated")),
                        id=a.meeting_id,
                    )
                ),
                classes="dialog-title",
            )
            yield Static(Text(f"{a.text}{owners}{due}"), classes="dialog-detail")
            lines = Text()
            if not self.history:
                lines.append("Not reviewed yet: ", style="dim")
                lines.append(status_word(a.status), style=STATUS_STYLES.get(a.status, ""))
            for n, h in enumerate(self.history):
                if n:
                    lines.append("\n")
                lines.append(f"{h.date.isoformat() if h.date else '----------'}  ", style="dim")
                lines.append(f"{status_word(h.status):<11}", style=STATUS_STYLES.get(h.status, ""))
                lines.append(f"  {h.text or '—'}")
                lines.append("  " + _("(meeting {id})").format(id=h.meeting_id), style="dim")
            yield Static(lines, id="action-history-lines")
            yield Static(_("Esc closes"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
