"""A final meeting, read-only: its record as formatted Markdown; e reopens it for editing."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, MarkdownViewer, Static

from minutes_tui.screens.base import StoreScreen
from minutes_tui.text import clean_text


class RecordScreen(StoreScreen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="record.back", tooltip="Back to the meetings"),
        Binding(
            "e",
            "reopen",
            "Reopen",
            id="record.reopen",
            tooltip="Reopen the meeting for editing (status back to draft)",
        ),
        Binding(
            "ctrl+e",
            "export",
            "Export",
            id="record.export",
            tooltip="Export the record to Word or Markdown",
        ),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        yield Static("", id="record-title", classes="title-bar")
        yield MarkdownViewer("", id="record-view", show_table_of_contents=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        from minutes_tui.record import build_record, render_markdown

        data = self.store.load(self.meeting_id)
        title = " · ".join(p for p in (data.body, data.title, data.session) if p)
        # Text: a title is not markup; cleaned again for databases written before text.py.
        self.query_one("#record-title", Static).update(
            Text(f"{clean_text(title)} · final · read-only")
        )
        self.query_one(MarkdownViewer).document.update(render_markdown(build_record(data)))
        self.query_one(MarkdownViewer).focus()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_reopen(self) -> None:
        self.store.set_meeting_status(self.meeting_id, "draft")
        self.minutes.open_meeting_screen(self.meeting_id, replace=True)

    def action_export(self) -> None:
        from minutes_tui.screens.export import ExportScreen

        store = self.store
        self.minutes.push_screen(ExportScreen(store.load(self.meeting_id), store.home.exports_dir))
