"""Everyone in the meeting: review, edit (Enter), add (a), remove (F8), undo (ctrl+z)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from minutes_tui.domain.snapshot import PersonData
from minutes_tui.domain.text import clean_text
from minutes_tui.domain.translate import N_, _
from minutes_tui.screens.base import StoreScreen
from minutes_tui.widgets.key_footer import KeyFooter
from minutes_tui.widgets.status_text import cell

# Each column as wide as its longest value, at most this (cut with an ellipsis), so at 80
# columns name, organisation, role and attendance all show and a long Position, last, is
# what the edge cuts.
CAPS = {"name": 26, "organisation": 18, "role": 12}
LABELS = {"name": N_("Name"), "organisation": N_("Organisation"), "role": N_("Role")}
LABELS |= {"attendance": N_("Attendance"), "position": N_("Position")}


def person_cells(p: PersonData) -> dict[str, str]:
    """What the tables show of a person, as plain text (never markup: names come from
    attendance reports, chosen by attendees; cleaned again for older databases)."""
    values = {"name": p.display_name if p.name else "—", "organisation": p.organisation}
    values |= {"role": p.role, "attendance": p.attendance, "position": p.position}
    values["mark"] = "✔" if p.attendance == "present" else " "  # the roll call's tick
    return {key: clean_text(value or "") for key, value in values.items()}


def column_widths(rows: list[dict[str, str]], keys: tuple[str, ...]) -> dict[str, int]:
    widths = {"attendance": len(_(LABELS["attendance"]))}
    for key in keys:
        if key in CAPS:
            longest = max([len(row[key]) for row in rows] + [len(_(LABELS[key]))])
            widths[key] = min(longest, CAPS[key])
    return widths


def fill_people(table: DataTable[Text], people: list[PersonData], keys: tuple[str, ...]) -> None:
    """The table's columns sized to the people, then a row each (keyed by id)."""
    rows = [person_cells(p) for p in people]
    widths = column_widths(rows, keys)
    table.clear(columns=True)
    for key in keys:
        table.add_column(_(LABELS[key]) if key in LABELS else "", width=widths.get(key), key=key)
    for p, row in zip(people, rows, strict=True):
        table.add_row(
            *(cell(row[k], widths[k]) if k in widths else Text(row[k]) for k in keys),
            key=str(p.id),
        )


def undo_last(screen: StoreScreen[None], meeting_id: int) -> bool:
    """ctrl+z here as on the capture screen: the meeting's last journal step (a mark, an
    addition, a removal); says what it undid. True when something was undone."""
    from minutes_tui.session.capture_session import CaptureSession

    try:
        undone = CaptureSession(screen.store, meeting_id).undo()
    except Exception as exc:  # a StoreError (a final meeting) or a database error: say it
        screen.notify(_("Not undone: {error}").format(error=exc), severity="error")
        return False
    if undone is None:
        screen.notify(_("Nothing to undo."))
        return False
    screen.notify(_("Undid: {what}").format(what=undone.line), title=_("Undo"))
    return True


class ParticipantsScreen(StoreScreen[None]):
    BINDINGS = [
        Binding(
            "escape", "back", N_("Back"), id="participants.back", tooltip=N_("Back to the capture")
        ),
        Binding(
            "enter", "edit", N_("Edit"), id="participants.edit", tooltip=N_("Edit the participant")
        ),
        Binding("a", "add", N_("Add"), id="participants.add", tooltip=N_("Add a participant")),
        Binding(
            "p",
            "attendance",
            N_("Attendance"),
            id="participants.attendance",
            tooltip=N_("Mark who is present: space toggles, a marks everyone"),
        ),
        Binding(
            "f8",
            "remove",
            N_("Remove"),
            id="participants.remove",
            tooltip=N_("Remove the participant from this meeting"),
        ),
        Binding(
            "ctrl+z",
            "undo",
            N_("Undo"),
            id="participants.undo",
            tooltip=N_("Undo the last thing done in the meeting"),
            show=False,
        ),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.people: list[PersonData] = []

    def compose(self) -> ComposeResult:
        yield Static(_("Participants"), id="participants-title", classes="title-bar")
        yield DataTable(id="participants-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        data = self.store.load(self.meeting_id)
        self.people = data.participants
        title = " · ".join(p for p in (data.body, data.title, data.session) if p)
        self.query_one("#participants-title", Static).update(
            Text(f"{_('Participants')} · {clean_text(title)} · {len(self.people)}")
        )
        table = self.query_one("#participants-table", DataTable)
        row = table.cursor_row
        fill_people(table, self.people, ("name", "organisation", "role", "attendance", "position"))
        if self.people:
            table.move_cursor(row=min(row, len(self.people) - 1))
        table.focus()

    def selected(self) -> PersonData | None:
        table = self.query_one("#participants-table", DataTable)
        if not self.people:
            return None
        return self.people[min(table.cursor_row, len(self.people) - 1)]

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        from minutes_tui.screens.participant_form import ParticipantForm

        person = self.selected()
        if person is not None:
            self.minutes.push_screen(ParticipantForm(person), self.saved)

    def action_attendance(self) -> None:
        from minutes_tui.screens.attendance import AttendanceScreen

        self.minutes.push_screen(AttendanceScreen(self.meeting_id), lambda _: self.reload())

    def action_add(self) -> None:
        from minutes_tui.screens.participant_form import ParticipantForm

        self.minutes.push_screen(ParticipantForm(None), self.saved)

    def saved(self, values: dict[str, str | None] | None) -> None:
        if values is None:
            return
        from pydantic import TypeAdapter

        from minutes_tui.domain.entries import PersonSpec

        store = self.store
        participant_id = values.pop("id")
        try:
            # The form's fields, typed and checked (role and attendance from their sets).
            spec = TypeAdapter(PersonSpec).validate_python(values)
            if participant_id is None:
                store.add_participant(self.meeting_id, spec)
            else:
                store.update_participant(
                    int(participant_id),
                    honorific=spec.honorific,
                    name=spec.name,
                    position=spec.position,
                    organisation=spec.organisation,
                    role=spec.role,
                    attendance=spec.attendance,
                )
        except Exception as exc:  # a StoreError or a database error: say it, change nothing
            self.notify(str(exc), severity="error")
        self.reload()

    def action_undo(self) -> None:
        if undo_last(self, self.meeting_id):
            self.reload()

    def action_remove(self) -> None:
        from minutes_tui.screens.confirm import ConfirmScreen

        person = self.selected()
        if person is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.store.delete_participant(person.id, self.meeting_id)
                self.reload()

        self.minutes.push_screen(
            ConfirmScreen(_("Remove {name} from this meeting?").format(name=person.display_name)),
            confirmed,
        )
