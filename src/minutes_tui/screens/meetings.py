"""The meetings list: newest first; Enter opens, n starts a new meeting."""

from __future__ import annotations

import sqlite3

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from minutes_tui.app import StoreReady
from minutes_tui.store.reads import MeetingRow, list_meetings


class MeetingsScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "open", "Open", id="meetings.open", tooltip="Open the selected meeting"),
        Binding("n", "new", "New meeting", id="meetings.new", tooltip="Start a new meeting"),
        Binding("r", "reload", "Reload", id="meetings.reload", tooltip="Read the list again"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("minutes · meetings", id="meetings-title", classes="title-bar")
        table: DataTable[str] = DataTable(
            id="meetings-table", cursor_type="row", zebra_stripes=True
        )
        table.add_columns("Date", "Body", "Title", "Session", "Status")
        yield table
        yield Static("Opening the database…", id="meetings-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.load_rows()

    @on(StoreReady)
    def on_store_ready(self, event: StoreReady) -> None:
        if event.error:
            self.query_one("#meetings-empty", Static).update(f"⚠ {event.error}")
        else:
            self.load_rows()

    def on_screen_resume(self) -> None:
        if self.app.store is not None:  # type: ignore[attr-defined]
            self.load_rows()

    @work(thread=True, exclusive=True, group="meetings-list")
    def load_rows(self) -> None:
        try:
            rows = list_meetings(self.app.home.db_path)  # type: ignore[attr-defined]
        except sqlite3.Error:
            rows = []  # the store's own check says what is wrong with the file
        self.app.call_from_thread(self.show_rows, rows)

    def show_rows(self, rows: list[MeetingRow]) -> None:
        table = self.query_one("#meetings-table", DataTable)
        selected = table.cursor_row
        table.clear()
        for row in rows:
            table.add_row(
                row.date or "",
                row.body or "",
                row.title,
                row.session or "",
                row.status,
                key=str(row.id),
            )
        empty = self.query_one("#meetings-empty", Static)
        store_ready = self.app.store is not None  # type: ignore[attr-defined]
        error = self.app.store_error  # type: ignore[attr-defined]
        if error:
            empty.update(f"⚠ {error}")
        elif rows:
            empty.update("")
        elif store_ready:
            empty.update("No meetings yet. Press n to start one.")
        empty.display = bool(error) or not rows
        if rows:
            table.move_cursor(row=min(selected, len(rows) - 1))
        table.focus()

    def action_open(self) -> None:
        table = self.query_one("#meetings-table", DataTable)
        if self.app.store is None or table.row_count == 0:  # type: ignore[attr-defined]
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is not None:
            self.app.open_capture(int(key))  # type: ignore[attr-defined]

    @on(DataTable.RowSelected)
    def on_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_new(self) -> None:
        from minutes_tui.screens.new_meeting import NewMeetingScreen

        if self.app.store is None:  # type: ignore[attr-defined]
            self.notify("The database is not open.", severity="error")
            return

        def created(meeting_id: int | None) -> None:
            if meeting_id is not None:
                self.app.open_capture(meeting_id)  # type: ignore[attr-defined]

        self.app.push_screen(NewMeetingScreen(), created)

    def action_reload(self) -> None:
        self.load_rows()
