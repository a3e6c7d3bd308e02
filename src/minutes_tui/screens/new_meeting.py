"""The meeting form: a new meeting, the next of a series, or a meeting's details edited.

A dialog; Enter moves to the next field, ctrl+s saves, Esc cancels."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import Button, Input, Label, Select, Static

from minutes_tui.domain.translate import N_, _
from minutes_tui.screens.base import BaseModal, DialogBody

if TYPE_CHECKING:
    from minutes_tui.store.store import Store
from minutes_tui.domain.language import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, language_from
from minutes_tui.domain.vocabulary import SENSITIVITIES, STYLE_CHOICE_NAMES, STYLES
from minutes_tui.widgets.key_footer import KeyFooter

STYLE_CHOICES = [(STYLE_CHOICE_NAMES[s], s) for s in STYLES]  # the record's own names
# Each language by its own name, whatever the interface's language.
LANGUAGE_CHOICES = [(LANGUAGE_NAMES[code], code) for code in LANGUAGES]
TEXT_FIELDS = [
    ("title", N_("Title"), N_("e.g. Operational Policy and Advocacy Group meeting")),
    ("body", N_("Body / series"), N_("e.g. IASC OPAG")),
    ("parent", N_("Parent body"), N_("the body above it, e.g. IASC OPAG for IASC RG1")),
    ("session", N_("Session"), N_("e.g. Session VII")),
    ("date", N_("Date"), N_("YYYY-MM-DD")),
    ("time", N_("Time"), N_("HH:MM or HH:MM-HH:MM")),
    ("place", N_("Place"), N_("a room, a city, or virtual")),
    ("chair", N_("Chair"), N_("e.g. Ms. Valerie Guarnieri (WFP)")),
    ("rapporteur", N_("Rapporteur"), N_("who writes the record")),
    ("introduction", N_("Introduction"), N_("the record's opening paragraph")),
]


class NewMeetingScreen(BaseModal[int | None]):
    """A new meeting; with previous_id, the next meeting of that one's series."""

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="new_meeting.cancel",
            tooltip=N_("Close; nothing is created"),
        ),
        Binding(
            "ctrl+s",
            "create",
            N_("Create"),
            id="new_meeting.create",
            tooltip=N_("Create the meeting"),
            priority=True,
        ),
    ]

    def __init__(
        self,
        initial: dict[str, str] | None = None,
        previous_id: int | None = None,
        edit_id: int | None = None,
    ) -> None:
        super().__init__()
        today = {} if edit_id is not None else {"date": dt.date.today().isoformat()}
        self.initial = {**today, **(initial or {})}
        self.previous_id = previous_id
        self.edit_id = edit_id  # a meeting whose details this form changes
        # With no language set (config, the series, the meeting's own), the body's latest
        # meeting says it, until the rapporteur picks one.
        self.language_from_body = edit_id is None and "language" not in self.initial
        self.language_shown = language_from(self.initial.get("language")) or DEFAULT_LANGUAGE

    def compose(self) -> ComposeResult:
        title = _("Next meeting of the series") if self.previous_id else _("New meeting")
        if self.edit_id is not None:
            title = _("Meeting details")
        with DialogBody(id="new-meeting", classes="dialog"):
            yield Static(title, classes="dialog-title")
            with Grid(id="new-meeting-grid"):
                for key, label, placeholder in TEXT_FIELDS:
                    yield Label(_(label))
                    value = self.initial.get(key, "")
                    yield Input(
                        value=value, placeholder=_(placeholder), id=f"field-{key}", compact=True
                    )
                yield Label(_("Style"))
                yield Select(
                    STYLE_CHOICES,
                    value=self.initial.get("style", "summary"),
                    allow_blank=False,
                    id="field-style",
                    compact=True,
                )
                yield Label(_("Sensitivity"))
                yield Select(
                    [(s.title(), s) for s in SENSITIVITIES],
                    value=self.initial.get("sensitivity", "INTERNAL"),
                    allow_blank=False,
                    id="field-sensitivity",
                    compact=True,
                )
                yield Label(_("Language"))
                yield Select(
                    LANGUAGE_CHOICES,
                    value=self.language_shown,
                    allow_blank=False,
                    id="field-language",
                    compact=True,
                )
            yield Static("", id="new-meeting-error", classes="error")
            if self.edit_id is not None:
                hint, button = (
                    _("Enter: next field · ctrl+s: save · Esc: cancel"),
                    _("Save (ctrl+s)"),
                )
            else:
                hint = _("Enter: next field · ctrl+s: create · Esc: cancel")
                button = _("Create (ctrl+s)")
            yield Static(hint, classes="hint")
            yield Button(button, variant="primary", id="create", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#field-title", Input).focus()

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()  # Place → Style → Sensitivity → Create: Enter never skips a field

    @on(Input.Changed, "#field-body")
    def body_language(self, event: Input.Changed) -> None:
        """The language of the body's latest meeting, while none was chosen."""
        store = self.minutes.store
        if not self.language_from_body or store is None:
            return
        self.language_shown = language_from(store.body_language(event.value)) or DEFAULT_LANGUAGE
        self.query_one("#field-language", Select).value = self.language_shown

    @on(Select.Changed, "#field-language")
    def language_chosen(self, event: Select.Changed) -> None:
        if event.value != self.language_shown:
            self.language_from_body = False  # the rapporteur's choice holds

    @on(Button.Pressed, "#create")
    def on_create_pressed(self) -> None:
        self.action_create()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_create(self) -> None:
        from minutes_tui.capture.script import ScriptError, parse_header

        fields: dict[str, str] = {}
        for key, _label, _placeholder in TEXT_FIELDS:
            value = self.query_one(f"#field-{key}", Input).value.strip()
            if value:
                fields[key] = value
        fields["style"] = str(self.query_one("#field-style", Select).value)
        fields["sensitivity"] = str(self.query_one("#field-sensitivity", Select).value)
        fields["language"] = str(self.query_one("#field-language", Select).value)
        error = self.query_one("#new-meeting-error", Static)
        if "title" not in fields:
            error.update(_("A meeting needs a title."))
            self.query_one("#field-title", Input).focus()
            return
        try:
            header = parse_header(fields)
        except ScriptError as exc:
            error.update(str(exc))
            return
        store = self.minutes.store
        assert store is not None  # the meetings list opens this dialog only once the store is open
        if self.edit_id is not None:
            # Every field the form shows, so a field emptied here is cleared.
            changed = header.model_dump(exclude={"heading_form", "parent"})
            store.update_meeting(self.edit_id, **changed)
            if header.body and header.parent != self.initial.get("parent"):
                store.set_body_parent(header.body, header.parent)
            self.dismiss(self.edit_id)
        elif self.previous_id is not None:
            self.dismiss(store.create_from_previous(self.previous_id, header))
        else:
            self.dismiss(store.create_meeting(header))


def meeting_details(store: Store, meeting_id: int) -> dict[str, str]:
    """A stored meeting's details as the form's fields."""
    m = store.meeting(meeting_id)
    time = (m.start_time or "") + (f"-{m.end_time}" if m.end_time else "")
    fields = {
        "title": m.title,
        "body": m.body,
        "parent": store.body_parent(m.body) if m.body else None,
        "session": m.session,
        "date": m.date.isoformat() if m.date else None,
        "time": time or None,
        "place": m.place,
        "chair": m.chair,
        "rapporteur": m.rapporteur,
        "introduction": m.introduction,
        "style": m.style,
        "sensitivity": m.sensitivity,
        "language": m.language,
    }
    return {k: v for k, v in fields.items() if v}
