"""At 80×24 the columns that matter show whole and no footer runs into the palette key."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.screens.actions import ActionsScreen
from minutes_tui.screens.attendance import AttendanceScreen
from minutes_tui.screens.participants import ParticipantsScreen
from tests.helpers import run_cli, settle

SMALL = (80, 24)
LINES = [
    "/p Ms. Valerie Guarnieri, Assistant Executive Director, WFP (Co-Chair)",
    "/p UNHCR: Ms. Gillian Triggs; Mr. Kevin Hyland (apologies)",
    "/i 1 Data responsibility",
    "/a Accelerate the finalization of the operational guidance [RG1 sub-group; OCHA]"
    " by 2020-08-31",
    "/a Map the remote data collection systems across regions [UNHCR] by mid-August",
]


def meeting(home: Home) -> None:
    made = run_cli("new", "Weekly", "--body", "IASC OPAG", "--date", "2020-07-09", home=home)
    assert made.returncode == 0
    assert run_cli("add", "1", *LINES, home=home).returncode == 0


def shown_whole(table: DataTable[object], label: str) -> bool:
    """The column lies inside the table's visible width (not scrolled off, not cut)."""
    x = 0
    for column in table.ordered_columns:
        width = column.get_render_width(table)
        if column.label.plain == label:
            return x + width <= table.scrollable_content_region.width
        x += width
    raise AssertionError(f"no column {label}")


def footer_fits(app: MinutesApp) -> bool:
    """Every key of the footer ends before the palette key begins."""
    keys = list(app.screen.query(FooterKey))
    (palette,) = [k for k in keys if k.has_class("-command-palette")]
    return all(k.region.right <= palette.region.x for k in keys if k is not palette)


async def test_participants_attendance_and_tracker_fit_80_columns(home: Home) -> None:
    meeting(home)
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert footer_fits(app)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen)
        table = app.screen.query_one(DataTable)
        assert shown_whole(table, "Attendance")
        words = {str(table.get_cell_at((row, 3))) for row in range(table.row_count)}
        assert words == {"present", "apologies"}  # readable words, not "pr" and "ap"
        assert footer_fits(app)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, AttendanceScreen)
        assert footer_fits(app)  # was "▏^p paletter" over the last keys
    tracker = MinutesApp(home, clock=lambda: 0.0)
    async with tracker.run_test(size=SMALL) as pilot:
        await settle(pilot)
        tracker.push_screen(ActionsScreen(today=dt.date(2020, 10, 1)))
        await settle(pilot)
        table = tracker.screen.query_one(DataTable)
        for label in ("Due", "Status", "Owners", "Action"):
            assert shown_whole(table, label), label
        due = [str(table.get_cell(str(row.value), "due")) for row in table.rows]
        assert sorted(due) == ["2020-08-31", "mid-August"]
        assert footer_fits(tracker)
