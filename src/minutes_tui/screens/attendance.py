"""Mark who is present, one key per person: space toggles present/expected, a marks everyone.

Each key press is stored at once, in one transaction and one step of the undo journal
(the store's set_attendance), so a roll call half done survives a crash, the list shows
what is stored, and one ctrl+z takes back "a" (all present) whole.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from minutes_tui.domain.snapshot import PersonData
from minutes_tui.domain.translate import N_, _
from minutes_tui.domain.vocabulary import Attendance
from minutes_tui.screens.base import StoreScreen
from minutes_tui.screens.participants import fill_people
from minutes_tui.widgets.key_footer import KeyFooter


class AttendanceScreen(StoreScreen[None]):
    AUTO_FOCUS = "#attendance-table"
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="attendance.back", tooltip=N_("Back")),
        Binding(
            "space",
            "toggle_present",
            N_("Present"),
            id="attendance.toggle",
            tooltip=N_("Mark the selected person present (or back to expected)"),
        ),
        Binding(
            "a",
            "all_present",
            N_("All present"),
            id="attendance.all",
            tooltip=N_("Mark everyone not yet present as present"),
        ),
        Binding(
            "ctrl+z",
            "undo",
            N_("Undo"),
            id="attendance.undo",
            tooltip=N_("Undo the last mark (all of 'a' at once)"),
            show=False,  # the footer fits 80 columns; the hint line names it
        ),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.people: list[PersonData] = []

    def compose(self) -> ComposeResult:
        yield Static(_("Attendance"), id="attendance-title", classes="title-bar")
        yield Static(
            _("space: present ⇄ expected · a: all present · ctrl+z: undo · saved as you go"),
            classes="pane-hint",
        )
        yield DataTable(id="attendance-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.people = self.store.load(self.meeting_id).participants
        present = sum(p.attendance == "present" for p in self.people)
        self.query_one("#attendance-title", Static).update(
            _("Attendance · {present} of {count} present").format(
                present=present, count=len(self.people)
            )
        )
        table = self.query_one("#attendance-table", DataTable)
        row = table.cursor_row
        fill_people(table, self.people, ("mark", "name", "organisation", "attendance"))
        if self.people:
            table.move_cursor(row=min(row, len(self.people) - 1))

    def selected(self) -> PersonData | None:
        if not self.people:
            return None
        row = self.query_one("#attendance-table", DataTable).cursor_row
        return self.people[min(row, len(self.people) - 1)]

    def mark(self, people: list[PersonData], attendance: Attendance) -> int | None:
        """One transaction and one undo step ("Undid: marked 30 present"); None when
        refused (said)."""
        try:
            return self.store.set_attendance(self.meeting_id, [p.id for p in people], attendance)
        except Exception as exc:  # a StoreError or a database error: say it, change nothing
            self.notify(_("Not saved: {error}").format(error=exc), severity="error")
            return None

    def action_toggle_present(self) -> None:
        person = self.selected()
        if person is None:
            return
        self.mark([person], "expected" if person.attendance == "present" else "present")
        self.reload()
        table = self.query_one("#attendance-table", DataTable)
        if table.cursor_row < len(self.people) - 1:
            table.move_cursor(row=table.cursor_row + 1)  # on to the next name of the roll call

    def action_all_present(self) -> None:
        changed = self.mark([p for p in self.people if p.attendance != "present"], "present")
        self.reload()
        if changed is not None:
            self.notify(_("{count} marked present (ctrl+z undoes it).").format(count=changed))

    def action_undo(self) -> None:
        from minutes_tui.screens.participants import undo_last

        if undo_last(self, self.meeting_id):
            self.reload()

    def action_back(self) -> None:
        self.dismiss(None)
