"""The action tracker: every follow-up action across meetings, filtered from the keyboard.

The filter line narrows the list as you type (plain words, `owner:X`, `body:X`,
`meeting:ID`, `is:open`, `is:overdue`); the list is read in a thread worker, so
typing never waits for the database. On the list, Enter opens the action's meeting,
p / i / c / d give the selected action a new status (with an optional progress
text), h shows its history, ctrl+z takes the last status change back.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from minutes_tui.domain.display import short_date
from minutes_tui.domain.translate import N_, _
from minutes_tui.domain.vocabulary import status_word
from minutes_tui.screens.action_history import HistoryScreen
from minutes_tui.screens.base import BaseScreen
from minutes_tui.screens.progress_prompt import ProgressPrompt
from minutes_tui.store.reviews import StatusChange, review_action, undo_review
from minutes_tui.store.tracker import TrackedAction, action_history, tracked_actions
from minutes_tui.store.tracker_filter import QUERY_HELP, parse_query
from minutes_tui.widgets.key_footer import KeyFooter
from minutes_tui.widgets.messages import StoreReady
from minutes_tui.widgets.status_text import STATUS_STYLES, cell

if TYPE_CHECKING:
    from minutes_tui.store.store import Store


LABELS = {"date": N_("Date"), "body": N_("Body"), "number": "№", "action": N_("Action")}
LABELS |= {"owners": N_("Owners"), "due": N_("Due"), "status": N_("Status")}
LABELS |= {"progress": N_("Last progress")}


class ActionsScreen(BaseScreen[None]):
    """The tracker across meetings. Reads `self.minutes.store`; `today` judges what is overdue."""

    CSS_PATH = "actions.tcss"
    AUTO_FOCUS = "#actions-filter"
    MAX_ROWS = 500  # drawn at once (newest first); the counts cover every match
    BINDINGS = [
        Binding(
            "escape",
            "back",
            N_("Back"),
            id="actions.back",
            tooltip=N_("Clear the filter, or leave"),
        ),
        Binding(
            "enter",
            "open",
            N_("Open meeting"),
            id="actions.open",
            tooltip=N_("Open the meeting of the selected action"),
        ),
        Binding(
            "p",
            "set_status('pending')",
            N_("Pending"),
            id="actions.pending",
            tooltip=N_("Mark the selected action pending"),
        ),
        Binding(
            "i",
            "set_status('in_progress')",
            N_("In progress"),
            id="actions.in_progress",
            tooltip=N_("Mark the selected action in progress"),
        ),
        Binding(
            "c",
            "set_status('completed')",
            N_("Completed"),
            id="actions.completed",
            tooltip=N_("Mark the selected action completed"),
        ),
        Binding(
            "d",
            "set_status('dropped')",
            N_("Dropped"),
            id="actions.dropped",
            tooltip=N_("Mark the selected action dropped"),
        ),
        Binding(
            "h",
            "history",
            N_("History"),
            id="actions.history",
            tooltip=N_("Every review of the selected action"),
        ),
        Binding(
            "ctrl+z",
            "undo",
            N_("Undo"),
            id="actions.undo",
            show=False,  # the footer is full; the status line names it after each change
            tooltip=N_("Take back the last status change"),
        ),
        Binding(
            "slash",
            "focus_filter",
            N_("Filter"),
            id="actions.filter",
            show=False,  # named in the help line
            tooltip=N_("Type a filter"),
            key_display="/",
        ),
        Binding(
            "down",
            "focus_table",
            N_("List"),
            id="actions.list",
            show=False,
            tooltip=N_("From the filter down to the list"),
        ),
    ]

    def __init__(self, today: dt.date | None = None) -> None:
        super().__init__()
        self.today = today  # None: the machine's today, read at each load
        self.rows: list[TrackedAction] = []
        self.undo_stack: list[StatusChange] = []
        self.loaded = False

    @property
    def store(self) -> Store | None:
        return self.minutes.store

    def as_of(self) -> dt.date:
        return self.today or dt.date.today()

    def compose(self) -> ComposeResult:
        yield Static(_("Actions · across meetings"), id="actions-title", classes="title-bar")
        yield Input(placeholder=_("Type to filter; Enter goes to the list"), id="actions-filter")
        yield Static(Text(_("Filter (/): {syntax}").format(syntax=QUERY_HELP)), id="actions-help")
        yield DataTable(id="actions-table", cursor_type="row", zebra_stripes=True)
        yield Static(_("Opening the database…"), id="actions-status", classes="note")
        yield KeyFooter()

    def on_mount(self) -> None:
        error = self.minutes.store_error
        if self.store is not None:
            self.reload()
        elif error:
            self.say(f"⚠ {error}", error=True)

    @on(StoreReady)
    def on_store_ready(self, event: StoreReady) -> None:
        if event.error:
            self.say(f"⚠ {event.error}", error=True)
        else:
            self.reload()

    def on_screen_resume(self) -> None:
        if self.store is not None and self.loaded:
            self.reload()  # a review typed in a meeting may have changed a status

    # ---- loading --------------------------------------------------------------------

    def reload(self) -> None:
        self.load_rows(self.query_one("#actions-filter", Input).value, self.as_of())

    @work(thread=True, exclusive=True, group="actions-list")
    def load_rows(self, query: str, today: dt.date) -> None:
        store = self.store
        if store is None:
            return
        worker = get_current_worker()
        try:
            rows = tracked_actions(store, parse_query(query, today))
        except Exception as exc:  # a locked or damaged database: say it, keep the list
            if not worker.is_cancelled:
                self.minutes.call_from_thread(
                    self.say, _("Cannot read the actions: {error}").format(error=exc), True
                )
            return
        if not worker.is_cancelled:
            self.minutes.call_from_thread(self.show_rows, rows, query)

    def show_rows(self, rows: list[TrackedAction], query: str) -> None:
        if query != self.query_one("#actions-filter", Input).value:
            return  # a newer filter is on its way
        table = self.query_one("#actions-table", DataTable)
        selected = self.selected()
        self.rows = rows
        self.loaded = True
        self.fill(table)
        shown = self.rows[: self.MAX_ROWS]
        if shown:
            index = next((n for n, a in enumerate(shown) if selected and a.id == selected.id), 0)
            table.move_cursor(row=index, animate=False)
        today = self.as_of()
        open_count = sum(1 for a in rows if a.is_open)
        overdue = sum(1 for a in rows if a.is_overdue(today))
        self.query_one("#actions-title", Static).update(
            _(
                "Actions · across meetings · {listed} listed · {open} open · {overdue} overdue"
            ).format(listed=f"{len(rows):,}", open=f"{open_count:,}", overdue=f"{overdue:,}")
        )
        if not rows:
            self.say(_("No action matches.") if query.strip() else _("No actions yet."), note=True)
        elif len(rows) > len(shown):
            self.say(
                _("Listing the newest {shown} of {count}: type to narrow.").format(
                    shown=f"{len(shown):,}", count=f"{len(rows):,}"
                ),
                note=True,
            )
        elif self.query_one("#actions-status", Static).has_class("note"):
            self.say("")  # a note about the list, not the word on a status change

    def widths(self) -> dict[str, int]:
        """Column widths, in column order. Date, number, owners, due and status always
        show whole; the action text takes what is left; Body joins from 100 columns and
        the last progress note from 120 (the history, h, has it at any width)."""
        width = max(self.size.width, 80)
        body = min(max([len(a.body or "") for a in self.rows] + [4]), 16)
        w = {"date": 10, "body": body, "number": 3, "action": 0, "owners": 14}
        w |= {"due": 10, "status": 11, "progress": 0}
        if width < 120:
            del w["progress"]
        if width < 100:
            del w["body"]
            w["owners"] = 10
        free = width - sum(w.values()) - 2 * len(w) - 2  # cell padding and the scrollbar
        if "progress" in w:
            w["action"] = max(24, free * 3 // 5)
            w["progress"] = max(12, free - w["action"])
        else:
            w["action"] = max(12, free)
        return w

    def fill(self, table: DataTable[Text]) -> None:
        w = self.widths()
        today = self.as_of()
        table.clear(columns=True)
        for key in w:
            table.add_column(_(LABELS[key]), width=w[key], key=key)
        for a in self.rows[: self.MAX_ROWS]:
            cells = {
                "date": cell(a.meeting_date.isoformat() if a.meeting_date else "", w["date"]),
                "body": cell(a.body or "", w.get("body", 0)),
                "number": Text(str(a.number), justify="right"),
                "action": cell(
                    ("[" + _("Confidential") + "] " if a.confidential else "") + a.text, w["action"]
                ),
                "owners": cell("; ".join(a.owners), w["owners"]),
                "due": cell(a.due or "", w["due"], "bold red" if a.is_overdue(today) else ""),
                "status": cell(status_word(a.status), w["status"], STATUS_STYLES.get(a.status, "")),
                "progress": cell(a.progress or "", w.get("progress", 0)),  # dated in h
            }
            table.add_row(*(cells[key] for key in w), key=str(a.id))

    def on_resize(self) -> None:
        if self.loaded:
            self.fill(self.query_one("#actions-table", DataTable))

    def say(self, message: str, error: bool = False, note: bool = False) -> None:
        bar = self.query_one("#actions-status", Static)
        bar.update(Text(message, style="bold red" if error else ""))
        bar.set_class(note, "note")

    def selected(self) -> TrackedAction | None:
        table = self.query_one("#actions-table", DataTable)
        if not self.rows or table.row_count == 0:
            return None
        return self.rows[min(max(table.cursor_row, 0), table.row_count - 1)]

    # ---- the filter -----------------------------------------------------------------

    @on(Input.Changed, "#actions-filter")
    def filter_changed(self, _event: Input.Changed) -> None:
        if self.store is not None:
            self.reload()

    @on(Input.Submitted, "#actions-filter")
    def filter_submitted(self, _event: Input.Submitted) -> None:
        self.action_focus_table()

    def action_focus_filter(self) -> None:
        self.query_one("#actions-filter", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one("#actions-table", DataTable).focus()

    def action_back(self) -> None:
        line = self.query_one("#actions-filter", Input)
        if line.has_focus and line.value:
            line.value = ""
            return
        self.dismiss(None)

    # ---- on the selected action -------------------------------------------------------

    @on(DataTable.RowSelected, "#actions-table")
    def row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        action = self.selected()
        if action is not None and self.store is not None:
            self.minutes.open_capture(action.meeting_id)

    def action_set_status(self, status: str) -> None:
        action = self.selected()
        if action is None or self.store is None:
            return

        def save(progress: str | None) -> None:
            if progress is None:  # Esc: cancelled, nothing stored
                self.say(_("Action {number}: unchanged.").format(number=action.number))
                return
            self.save_status(action, status, progress)

        self.minutes.push_screen(ProgressPrompt(action, status), save)

    def save_status(self, action: TrackedAction, status: str, progress: str) -> None:
        store = self.ready_store()
        if store is None:
            return
        try:
            change = review_action(store, action.id, status, progress)
        except Exception as exc:  # a StoreError or a database error: say it, change nothing
            self.say(_("Not saved: {error}").format(error=exc), error=True)
            return
        self.undo_stack.append(change)
        self.say(
            _("Action {number} of {meeting} ({date}): {status} · ctrl+z undoes").format(
                number=action.number,
                meeting=action.body or action.title,
                date=short_date(action.meeting_date, _("undated")),
                status=status_word(status),
            )
        )
        self.reload()

    def action_undo(self) -> None:
        if not self.undo_stack or self.store is None:
            self.say(_("Nothing to undo."))
            return
        change = self.undo_stack[-1]
        try:
            undo_review(self.store, change)
        except Exception as exc:
            self.say(_("Not undone: {error}").format(error=exc), error=True)
            return
        self.undo_stack.pop()
        self.say(_("Undone: back to {status}.").format(status=status_word(change.previous_status)))
        self.reload()

    def action_history(self) -> None:
        action = self.selected()
        if action is None or self.store is None:
            return
        try:
            history = action_history(self.store, action.id)
        except Exception as exc:
            self.say(str(exc), error=True)
            return
        self.minutes.push_screen(HistoryScreen(action, history))
