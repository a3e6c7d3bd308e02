"""A new user's first ten minutes, at 80×24: help, the palette, forms that fit, Esc that
cancels, ctrl+q that asks, the roll call, and what the app remembers across a restart."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.screens.actions import ActionsScreen
from minutes_tui.screens.attendance import AttendanceScreen
from minutes_tui.screens.capture import CaptureScreen
from minutes_tui.screens.confirm import ConfirmScreen
from minutes_tui.screens.export import ExportScreen
from minutes_tui.screens.help import HelpScreen
from minutes_tui.screens.meetings import MeetingsScreen
from minutes_tui.screens.new_meeting import NewMeetingScreen
from minutes_tui.screens.participant_form import ParticipantForm
from minutes_tui.screens.participants import ParticipantsScreen
from minutes_tui.screens.search import SearchScreen
from minutes_tui.widgets.capture_line import CaptureLine
from tests.helpers import run_cli, settle, stored_json, type_text

SMALL = (80, 24)


def new_meeting(home: Home, lines: list[str]) -> None:
    args = ("new", "Weekly coordination", "--body", "OPAG", "--date", "2020-07-09")
    assert run_cli(*args, home=home).returncode == 0
    if lines:
        assert run_cli("add", "1", *lines, home=home).returncode == 0


def visible(app: MinutesApp, widget_id: str) -> bool:
    """The widget is on screen: inside the dialog's visible part, not scrolled away."""
    widget = app.screen.query_one(widget_id)
    region = widget.region
    return region.height > 0 and app.screen.region.contains_region(region)


# ---- help ---------------------------------------------------------------------------


def help_text(app: MinutesApp) -> str:
    from rich.console import Console

    screen = app.screen
    assert isinstance(screen, HelpScreen)
    assert screen.query_one("#help-keys").region.width > 0  # shown, not only built
    console = Console(width=200, record=True, file=io.StringIO())
    for part in (screen.grammar, screen.keys, screen.where):
        console.print(part)
    return console.export_text()


@pytest.mark.parametrize("where", ["meetings", "capture", "participants", "actions", "search"])
async def test_f1_opens_help_on_every_main_screen(home: Home, where: str) -> None:
    new_meeting(home, ["/p Ms. Lian Yong, PSEA Coordinator, UNFPA"])
    app = MinutesApp(home, open_meeting=None if where == "meetings" else 1, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        keys = {"participants": "ctrl+t", "actions": "f3", "search": "f4"}
        if where in keys:
            await pilot.press(keys[where])
            await settle(pilot)
        screen = app.screen
        await pilot.press("f1")
        await pilot.pause()
        text = help_text(app)
        for form in ("/d The network", "/a Share the factsheet", "/g ", "/l ", "/u #12", "when:"):
            assert form in text, form
        assert str(home.root) in text  # where the data lives
        own = {"meetings": "Start a new meeting", "capture": "Undo the last entry"}
        own |= {"participants": "Mark who is present", "actions": "Clear the filter"}
        own["search"] = "Leave the search"
        assert own[where] in text  # the keys of the screen it was opened from
        assert "Move cursor left" not in text  # not the text field's internals
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_question_mark_is_help_on_the_list_and_text_in_the_capture_line(
    home: Home,
) -> None:
    new_meeting(home, [])
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, MeetingsScreen)
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "why?")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert app.screen.query_one(CaptureLine).value == "why?"


async def test_palette_grammar_entries_put_the_command_in_the_line(home: Home) -> None:
    new_meeting(home, [])
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        titles = list(commands)
        assert any(t.startswith("Help") for t in titles)
        assert not any(t.startswith("Delete character") for t in titles)  # Input internals
        line = app.screen.query_one(CaptureLine)
        for title, command in [
            ("Add decision (/d)", "/d "),
            ("Add action (/a)", "/a "),
            ("New agenda item (/i)", "/i "),
            ("Add participant (/p)", "/p "),
            ("Review an action (/u #)", "/u #"),
            ("New group (/g)", "/g "),
            ("Labelled paragraph (/l)", "/l "),
        ]:
            line.value = ""
            commands[title].callback()
            await pilot.pause()
            assert line.value == command, title
        line.value = ""
        commands["Add decision (/d)"].callback()
        await pilot.pause()
        await type_text(pilot, "The network agreed")
        await pilot.press("enter")
        await settle(pilot)
    stored = json.dumps(stored_json(home))
    assert '"kind": "decision"' in stored and "The network agreed" in stored


async def test_capture_placeholder_teaches_the_forms_in_turn(home: Home) -> None:
    new_meeting(home, [])
    now = [0.0]
    app = MinutesApp(home, open_meeting=1, clock=lambda: now[0])
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        line = app.screen.query_one(CaptureLine)
        seen = set()
        for step in range(5):
            now[0] = step * 6.0
            line.rotate_placeholder()
            seen.add(line.placeholder)
        assert len(seen) == 5
        assert any("/d" in p for p in seen) and any("/u #" in p for p in seen)


# ---- forms at 80×24 -----------------------------------------------------------------


async def test_new_meeting_form_fits_and_enter_walks_every_field(home: Home) -> None:
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Weekly coordination", "enter", *"OPAG", "enter", "enter")
        await pilot.press("enter", "enter")  # parent body, session; then the date
        await pilot.press(*"09:00", "enter", *"Geneva", "enter")
        await pilot.press(*"Ms. Amal Haddad", "enter", "enter", *"The Chair opened.", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NewMeetingScreen)  # Enter on a field did not create it
        assert app.focused is app.screen.query_one("#field-style", Select)
        assert visible(app, "#field-style")
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#field-sensitivity", Select)
        assert visible(app, "#field-sensitivity")
        footer = app.screen.active_bindings
        assert footer["ctrl+s"].binding.description == "Create"  # the save key, shown
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
    data = stored_json(home)
    assert (data["title"], data["place"], data["start_time"], data["chair"]) == (
        "Weekly coordination",
        "Geneva",
        "09:00",
        "Ms. Amal Haddad",
    )
    assert data["introduction"] == "The Chair opened."


async def test_participant_form_enter_never_skips_role_and_attendance(home: Home) -> None:
    new_meeting(home, [])
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantForm)
        await pilot.press(*"Ms.", "enter", *"Lian Yong", "enter", "enter", *"UNFPA", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantForm)  # Enter on Organisation: on to Role
        assert app.focused is app.screen.query_one("#pf-role", Select)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#pf-attendance", Select)
        assert visible(app, "#pf-attendance")
        app.screen.query_one("#pf-attendance", Select).value = "apologies"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen)
    people = stored_json(home)["participants"]
    assert [(p["name"], p["organisation"], p["attendance"]) for p in people] == [
        ("Lian Yong", "UNFPA", "apologies")
    ]


async def test_export_dialog_starts_where_a_reflex_enter_writes_nothing(
    home: Home, tmp_path: Path
) -> None:
    new_meeting(home, ["a point"])
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    out = tmp_path / "out.md"
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        path = app.screen.query_one("#export-path", Input)
        assert app.focused is app.screen.query_one("#export-format", Select)
        assert visible(app, "#export-path")
        app.screen.query_one("#export-format", Select).value = "md"
        path.value = str(out)
        await pilot.press("ctrl+s")  # written by ctrl+s (or Enter in the path), not a reflex
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
    assert out.exists()


async def test_esc_cancels_every_dialog_and_stores_nothing(home: Home, tmp_path: Path) -> None:
    new_meeting(home, ["/p Ms. Lian Yong, PSEA Coordinator, UNFPA"])
    before = stored_json(home)
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        # the export dialog: no file
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "never.docx")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
        # the participant form, edited then cancelled
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantForm)
        await pilot.press("tab", "ctrl+u", *"Somebody Else", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen)
        await pilot.press("escape")
        await settle(pilot)
        # the new-meeting form, filled then cancelled
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Never created")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
    assert not (tmp_path / "never.docx").exists()
    assert stored_json(home) == before
    assert "Never created" not in run_cli("list", home=home).stdout


# ---- ctrl+q -------------------------------------------------------------------------


async def test_ctrl_q_asks_before_dropping_an_unsent_line(home: Home) -> None:
    new_meeting(home, [])
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await type_text(pilot, "UNHCR: half a thought")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "half a thought" in str(app.screen.query_one(".dialog-detail").render())
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen) and app.is_running
        await pilot.press("enter")  # the line is still there: Enter saves it
        await settle(pilot)
        await pilot.press("ctrl+q")  # nothing unsent: quits at once
        await pilot.pause()
        assert not app.is_running
    assert "half a thought" in json.dumps(stored_json(home))


# ---- the roll call ------------------------------------------------------------------


async def test_bulk_attendance_toggles_and_marks_everyone_present(home: Home) -> None:
    new_meeting(
        home,
        [
            "/p Ms. Lian Yong, PSEA Coordinator, UNFPA (expected)",
            "/p Mr. Kevin Hyland, Adviser, UNHCR (expected)",
            "/p Ms. Shon Campbell, Manager, MIMU (apologies)",
        ],
    )
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, AttendanceScreen)
        await pilot.press("space")  # the first person: present, stored at once
        await pilot.pause()
        first = {p["name"]: p["attendance"] for p in stored_json(home)["participants"]}
        assert first["Lian Yong"] == "present" and first["Kevin Hyland"] == "expected"
        assert app.screen.query_one(DataTable).cursor_row == 1  # on to the next name
        await pilot.press("up", "space")  # toggled back
        await pilot.pause()
        again = {p["name"]: p["attendance"] for p in stored_json(home)["participants"]}
        assert again["Lian Yong"] == "expected"
        await pilot.press("a")
        await pilot.pause()
        assert "3 of 3 present" in str(app.screen.query_one("#attendance-title").render())
    final = {p["name"]: p["attendance"] for p in stored_json(home)["participants"]}
    assert set(final.values()) == {"present"}


# ---- settings and remembered state --------------------------------------------------


def config_dir() -> Path:
    import os

    return Path(os.environ["MINUTES_CONFIG_DIR"])


async def test_keymap_theme_and_defaults_come_from_the_settings_file(home: Home) -> None:
    folder = config_dir()
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text(
        'theme = "textual-light"\n'
        "[new_meeting]\n"
        'body = "IASC OPAG"\nsensitivity = "restricted"\n'
        "[keymap]\n"
        '"meetings.new" = "f6"\n',
        encoding="utf-8",
    )
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert app.theme == "textual-light"
        await pilot.press("n")  # remapped: n does nothing now
        await pilot.pause()
        assert isinstance(app.screen, MeetingsScreen)
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, NewMeetingScreen)
        assert app.screen.query_one("#field-body", Input).value == "IASC OPAG"
        assert app.screen.query_one("#field-sensitivity", Select).value == "RESTRICTED"


async def test_a_broken_settings_file_is_a_message_not_a_crash(home: Home) -> None:
    folder = config_dir()
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text("theme = = nope", encoding="utf-8")
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        assert any("was not read" in str(n.message) for n in app._notifications)


async def test_theme_pane_and_last_meeting_remembered_across_a_restart(home: Home) -> None:
    new_meeting(home, [])
    assert run_cli("new", "Second", "--date", "2020-08-01", home=home).returncode == 0
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.theme = "nord"
        table = app.screen.query_one(DataTable)
        await pilot.press("down")  # the older meeting, 1
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen) and app.screen.meeting_id == 1
        await pilot.press("ctrl+b")  # hide the agenda pane
        await pilot.pause()
        assert not app.screen.query_one("#sidebar").display
        await pilot.press("ctrl+q")
        await pilot.pause()
    state = json.loads((config_dir() / "state.json").read_text(encoding="utf-8"))
    assert state["theme"] == "nord"
    again = MinutesApp(home, clock=lambda: 0.0)
    async with again.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
        assert isinstance(again.screen, CaptureScreen) and again.screen.meeting_id == 1
        assert not again.screen.query_one("#sidebar").display
        await pilot.press("ctrl+b", "escape")  # the pane back; to the list
        await settle(pilot)
        table = again.screen.query_one(DataTable)
        assert table.cursor_row == 1  # the list's cursor on the meeting opened last
    # Left from the list, not a meeting: the next start is the list.
    third = MinutesApp(home, clock=lambda: 0.0)
    async with third.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert isinstance(third.screen, MeetingsScreen)


async def test_every_screen_title_names_the_data_home(home: Home) -> None:
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert str(home.root) in str(app.screen.query_one("#meetings-title").render())
        hint = app.screen.query_one("#meetings-empty")
        assert hint.region.y <= 5  # right under the header, not at the bottom


async def test_meetings_list_at_80_columns_shows_session_and_status(home: Home) -> None:
    args = ("new", "A meeting with a very long title indeed, longer than the screen")
    assert run_cli(*args, "--session", "Session VII", "--body", "OPAG", home=home).returncode == 0
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        right_edge = sum(c.get_render_width(table) for c in table.columns.values())
        assert right_edge <= 80
        assert [str(c) for c in table.get_row_at(0)][3:] == ["Session VII", "draft"]


async def test_agenda_pane_gives_way_at_60_columns(home: Home) -> None:
    new_meeting(home, ["/i 1 First item"])
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#sidebar").size.width <= 20


@pytest.mark.parametrize("opener", ["f3", "f4"])
async def test_app_keys_stay_out_of_a_dialogs_footer(home: Home, opener: str) -> None:
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        shown = {a.binding.action for a in app.screen.active_bindings.values() if a.enabled}
        assert "open_actions" not in shown and "open_search" not in shown
        await pilot.press(opener)
        await pilot.pause()
        assert isinstance(app.screen, NewMeetingScreen)
        assert not isinstance(app.screen, ActionsScreen | SearchScreen)
