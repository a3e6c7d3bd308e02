"""Mark who is present, one key per person: space toggles present/expected, a marks everyone.

Each change is stored at once, in its own transaction (the store's update_participant),
so a roll call half done survives a crash, and the list shows what is stored.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from minutes_tui.screens.base import StoreScreen
from minutes_tui.snapshot import PersonData
from minutes_tui.text import clean_text


class AttendanceScreen(StoreScreen[None]):
    AUTO_FOCUS = "#attendance-table"
    BINDINGS = [
        Binding("escape", "back", "Back", id="attendance.back", tooltip="Back"),
        Binding(
            "space",
            "toggle_present",
            "Present/expected",
            id="attendance.toggle",
            tooltip="Mark the selected person present (or back to expected)",
        ),
        Binding(
            "a",
            "all_present",
            "All present",
            id="attendance.all",
            tooltip="Mark everyone not yet present as present",
        ),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.people: list[PersonData] = []

    def compose(self) -> ComposeResult:
        yield Static("Attendance", id="attendance-title", classes="title-bar")
        yield Static(
            "space: present ⇄ expected · a: everyone present · saved as you go",
            classes="pane-hint",
        )
        table: DataTable[str] = DataTable(
            id="attendance-table", cursor_type="row", zebra_stripes=True
        )
        table.add_columns("", "Name", "Organisation", "Attendance")
        yield table
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.people = self.store.load(self.meeting_id).participants
        present = sum(p.attendance == "present" for p in self.people)
        self.query_one("#attendance-title", Static).update(
            f"Attendance · {present} of {len(self.people)} present"
        )
        table = self.query_one("#attendance-table", DataTable)
        row = table.cursor_row
        table.clear()
        for p in self.people:
            mark = "✔" if p.attendance == "present" else " "
            name = p.display_name if p.name else "—"
            table.add_row(
                mark,
                *(Text(clean_text(cell or "")) for cell in (name, p.organisation, p.attendance)),
                key=str(p.id),
            )
        if self.people:
            table.move_cursor(row=min(row, len(self.people) - 1))

    def selected(self) -> PersonData | None:
        if not self.people:
            return None
        row = self.query_one("#attendance-table", DataTable).cursor_row
        return self.people[min(row, len(self.people) - 1)]

    def store_attendance(self, person: PersonData, attendance: str) -> bool:
        from minutes_tui.entries import PersonSpec

        try:
            spec = PersonSpec.model_validate({"attendance": attendance})
            self.store.update_participant(
                person.id,
                honorific=person.honorific,
                name=person.name,
                position=person.position,
                organisation=person.organisation,
                role=person.role,
                attendance=spec.attendance,
            )
        except Exception as exc:  # a StoreError or a database error: say it, change nothing
            self.notify(f"Not saved: {exc}", severity="error")
            return False
        return True

    def action_toggle_present(self) -> None:
        person = self.selected()
        if person is None:
            return
        self.store_attendance(person, "expected" if person.attendance == "present" else "present")
        self.reload()
        table = self.query_one("#attendance-table", DataTable)
        if table.cursor_row < len(self.people) - 1:
            table.move_cursor(row=table.cursor_row + 1)  # on to the next name of the roll call

    def action_all_present(self) -> None:
        changed = 0
        for person in self.people:
            if person.attendance != "present":
                if not self.store_attendance(person, "present"):
                    break
                changed += 1
        self.reload()
        self.notify(f"{changed} marked present.")

    def action_back(self) -> None:
        self.dismiss(None)
