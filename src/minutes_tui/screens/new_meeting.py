"""The new-meeting form: a dialog; Enter moves to the next field, ctrl+s creates it."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import Button, Footer, Input, Label, Select, Static

from minutes_tui.screens.base import BaseModal, DialogBody

STYLES = [("Summary record", "summary"), ("Minutes", "minutes"), ("Action points", "actions")]
SENSITIVITIES = ["PUBLIC", "INTERNAL", "RESTRICTED", "CONFIDENTIAL", "STRICTLY CONFIDENTIAL"]
TEXT_FIELDS = [
    ("title", "Title", "e.g. Operational Policy and Advocacy Group meeting"),
    ("body", "Body / series", "e.g. IASC OPAG"),
    ("session", "Session", "e.g. Session VII"),
    ("date", "Date", "YYYY-MM-DD"),
    ("time", "Time", "HH:MM or HH:MM-HH:MM"),
    ("place", "Place", "a room, a city, or virtual"),
]


class NewMeetingScreen(BaseModal[int | None]):
    """A new meeting; with previous_id, the next meeting of that one's series."""

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="new_meeting.cancel",
            tooltip="Close; nothing is created",
        ),
        Binding(
            "ctrl+s",
            "create",
            "Create",
            id="new_meeting.create",
            tooltip="Create the meeting",
            priority=True,
        ),
    ]

    def __init__(
        self, initial: dict[str, str] | None = None, previous_id: int | None = None
    ) -> None:
        super().__init__()
        self.initial = {"date": dt.date.today().isoformat(), **(initial or {})}
        self.previous_id = previous_id

    def compose(self) -> ComposeResult:
        title = "Next meeting of the series" if self.previous_id else "New meeting"
        with DialogBody(id="new-meeting", classes="dialog"):
            yield Static(title, classes="dialog-title")
            with Grid(id="new-meeting-grid"):
                for key, label, placeholder in TEXT_FIELDS:
                    yield Label(label)
                    value = self.initial.get(key, "")
                    yield Input(
                        value=value, placeholder=placeholder, id=f"field-{key}", compact=True
                    )
                yield Label("Style")
                yield Select(
                    STYLES,
                    value=self.initial.get("style", "summary"),
                    allow_blank=False,
                    id="field-style",
                    compact=True,
                )
                yield Label("Sensitivity")
                yield Select(
                    [(s.title(), s) for s in SENSITIVITIES],
                    value=self.initial.get("sensitivity", "INTERNAL"),
                    allow_blank=False,
                    id="field-sensitivity",
                    compact=True,
                )
            yield Static("", id="new-meeting-error", classes="error")
            yield Static("Enter: next field · ctrl+s: create · Esc: cancel", classes="hint")
            yield Button("Create (ctrl+s)", variant="primary", id="create", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#field-title", Input).focus()

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()  # Place → Style → Sensitivity → Create: Enter never skips a field

    @on(Button.Pressed, "#create")
    def on_create_pressed(self) -> None:
        self.action_create()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_create(self) -> None:
        from minutes_tui.script import ScriptError, parse_header

        fields: dict[str, str] = {}
        for key, _label, _placeholder in TEXT_FIELDS:
            value = self.query_one(f"#field-{key}", Input).value.strip()
            if value:
                fields[key] = value
        fields["style"] = str(self.query_one("#field-style", Select).value)
        fields["sensitivity"] = str(self.query_one("#field-sensitivity", Select).value)
        error = self.query_one("#new-meeting-error", Static)
        if "title" not in fields:
            error.update("A meeting needs a title.")
            self.query_one("#field-title", Input).focus()
            return
        for key in ("chair", "rapporteur"):  # inherited fields the form does not show
            if key in self.initial:
                fields.setdefault(key, self.initial[key])
        try:
            header = parse_header(fields)
        except ScriptError as exc:
            error.update(str(exc))
            return
        store = self.minutes.store
        assert store is not None  # the meetings list opens this dialog only once the store is open
        if self.previous_id is not None:
            self.dismiss(store.create_from_previous(self.previous_id, header))
        else:
            self.dismiss(store.create_meeting(header))
