"""Where the app starts and where Esc goes: a key meant for the list never lands in a
meeting, and two Esc bring search's meetings back to the list."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.config.settings import State
from minutes_tui.screens.actions import ActionsScreen
from minutes_tui.screens.capture import CaptureScreen
from minutes_tui.screens.meetings import MeetingsScreen
from minutes_tui.screens.new_meeting import NewMeetingScreen
from minutes_tui.screens.search import SearchScreen
from minutes_tui.widgets.capture_line import CaptureLine
from tests.helpers import run_cli, settle, type_text

SMALL = (80, 24)


def meetings(home: Home) -> None:
    """Last week's meeting (1, changed last week too) and another (2) to search."""
    lines = ["/i 1 Cholera preparedness", "WHO: cholera vaccination campaign planned"]
    assert (
        run_cli("new", "Weekly", "--body", "OPAG", "--date", "2020-07-02", home=home).returncode
        == 0
    )
    assert run_cli("add", "1", *lines, home=home).returncode == 0
    lines = ["/i 1 Cholera response", "OCHA: cholera funding gap discussed"]
    assert (
        run_cli("new", "Monthly", "--body", "OPAG", "--date", "2020-07-09", home=home).returncode
        == 0
    )
    assert run_cli("add", "2", *lines, home=home).returncode == 0
    con = sqlite3.connect(home.db_path)
    con.execute("UPDATE meeting SET updated_at = '2020-07-02 10:00:00.000000' WHERE id = 1")
    con.commit()
    con.close()


def left_open(home: Home, meeting_id: int) -> None:
    """As ctrl+q in that meeting leaves it: the next start may reopen it."""
    state = State.load()
    state.reopen[str(home.root)] = meeting_id
    state.last_meeting[str(home.root)] = meeting_id
    state.save()


async def test_last_week_s_meeting_is_not_reopened_and_n_is_the_list_s(home: Home) -> None:
    meetings(home)
    left_open(home, 1)
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)  # the list, its cursor on meeting 1
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewMeetingScreen)


async def test_a_meeting_still_running_reopens_and_says_how_to_leave(home: Home) -> None:
    meetings(home)
    left_open(home, 2)  # changed a moment ago
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen) and app.screen.meeting_id == 2
        assert any("Esc goes to the meetings list" in n.message for n in app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)


async def test_a_key_pressed_on_the_list_while_it_opens_keeps_the_list(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store opens slowly (a big database, a busy machine): `n`, pressed on the list
    meanwhile, must not be followed by the meeting's capture line taking the next keys."""
    from minutes_tui.store.store import Store

    meetings(home)
    left_open(home, 2)
    opened = Store.open
    release = threading.Event()

    def slow_open(*args: object, **kwargs: object) -> Store:
        release.wait(10)
        return opened(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "open", slow_open)
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingsScreen) and app.store is None
        await pilot.press("n")  # "still opening", on the list
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        await type_text(pilot, "n")
        await settle(pilot)
        assert isinstance(app.screen, NewMeetingScreen)
        assert not any(line.value for s in app.screen_stack for line in s.query(CaptureLine))


async def open_hit(pilot, query: str, down: int = 0) -> None:  # type: ignore[no-untyped-def]
    await type_text(pilot, query)
    await settle(pilot)
    await pilot.pause(0.3)  # the search's debounce
    await settle(pilot)
    for _ in range(down):
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)


async def escapes_to_the_list(pilot) -> int:  # type: ignore[no-untyped-def]
    presses = 0
    while not isinstance(pilot.app.screen, MeetingsScreen) and presses < 10:
        await pilot.press("escape")
        await settle(pilot)
        presses += 1
    return presses


async def test_two_esc_from_meetings_opened_through_search(home: Home) -> None:
    meetings(home)
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await open_hit(pilot, "cholera")
        first = app.screen
        assert isinstance(first, CaptureScreen)
        await pilot.press("f4")  # back to the same search, its query kept
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.text == "cholera"
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen) and app.screen is not first
        await pilot.press("f3")  # the tracker, then search again: still one of each
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("enter")
        await settle(pilot)
        kinds = [type(s) for s in app.screen_stack[1:]]
        assert kinds == [MeetingsScreen, SearchScreen, CaptureScreen]
        assert await escapes_to_the_list(pilot) == 2


async def test_a_typed_line_is_never_dropped_to_go_back(home: Home, tmp_path: Path) -> None:
    meetings(home)
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("escape")  # the list again
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")  # a meeting from the list
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await open_hit(pilot, "cholera")
        await type_text(pilot, "a line not yet entered")
        await pilot.press("f4")  # the search below is not gone back to: the line stays
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        lines = [line.value for s in app.screen_stack for line in s.query(CaptureLine)]
        assert "a line not yet entered" in lines


async def test_a_hit_in_the_meeting_below_goes_back_to_it(home: Home) -> None:
    meetings(home)
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the newest meeting, 2
        await settle(pilot)
        below = app.screen
        assert isinstance(below, CaptureScreen) and below.meeting_id == 2
        await pilot.press("f4")
        await settle(pilot)
        await open_hit(pilot, "funding")  # a point of meeting 2
        assert app.screen is below  # not a second capture screen of the same meeting
        assert [type(s) for s in app.screen_stack[1:]] == [MeetingsScreen, CaptureScreen]
        assert await escapes_to_the_list(pilot) == 1
