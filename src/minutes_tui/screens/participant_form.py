"""Edit or add one participant: a dialog of fields."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import Input, Label, Select, Static

from minutes_tui.domain.snapshot import PersonData
from minutes_tui.domain.translate import N_, _
from minutes_tui.domain.vocabulary import ATTENDANCES, ROLES
from minutes_tui.screens.base import BaseModal, DialogBody
from minutes_tui.widgets.key_footer import KeyFooter

FIELDS = [
    ("honorific", N_("Honorific"), N_("Ms. / Mr. / Dr.")),
    ("name", N_("Name"), N_("full name")),
    ("position", N_("Position"), N_("e.g. Assistant Executive Director")),
    ("organisation", N_("Organisation"), N_("e.g. WFP")),
]


class ParticipantForm(BaseModal[dict[str, str | None] | None]):
    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            id="participant_form.cancel",
            tooltip=N_("Close; nothing is saved"),
        ),
        Binding(
            "ctrl+s",
            "save",
            N_("Save"),
            id="participant_form.save",
            tooltip=N_("Save the participant"),
            priority=True,
        ),
    ]

    def __init__(self, person: PersonData | None) -> None:
        super().__init__()
        self.person = person

    def compose(self) -> ComposeResult:
        p = self.person
        with DialogBody(classes="dialog", id="participant-form"):
            yield Static("Edit participant" if p else "Add participant", classes="dialog-title")
            with Grid(classes="form-grid"):
                for key, label, placeholder in FIELDS:
                    yield Label(_(label))
                    value = (getattr(p, key) or "") if p else ""
                    yield Input(
                        value=value, placeholder=_(placeholder), id=f"pf-{key}", compact=True
                    )
                yield Label(_("Role"))
                yield Select(
                    [(r, r) for r in ROLES],
                    value=(p.role if p and p.role else Select.NULL),
                    id="pf-role",
                    compact=True,
                )
                yield Label(_("Attendance"))
                yield Select(
                    [(a, a) for a in ATTENDANCES],
                    value=p.attendance if p else "present",
                    allow_blank=False,
                    id="pf-attendance",
                    compact=True,
                )
            yield Static("", id="pf-error", classes="error")
            yield Static(_("Enter: next field · ctrl+s: save · Esc: cancel"), classes="hint")
        yield KeyFooter()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()  # Organisation → Role → Attendance: ctrl+s saves

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        from minutes_tui.capture import clean_text

        values: dict[str, str | None] = {
            key: (clean_text(self.query_one(f"#pf-{key}", Input).value) or None)
            for key, _label, _placeholder in FIELDS
        }
        if not values["name"] and not values["organisation"]:
            self.query_one("#pf-error", Static).update(_("A name or an organisation is needed."))
            return
        role = self.query_one("#pf-role", Select).value
        values["role"] = None if role is Select.NULL else str(role)
        values["attendance"] = str(self.query_one("#pf-attendance", Select).value)
        values["id"] = str(self.person.id) if self.person else None
        self.dismiss(values)
