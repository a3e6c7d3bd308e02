"""What the app shows follows what is stored at once: a renamed item in the agenda and the
log's title; a read-only record reopened by `minutes reopen` becomes editable (issue 22)."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.screens.capture import CaptureScreen
from minutes_tui.screens.record import CHECK_S, RecordScreen
from tests.helpers import run_cli, settle, stored_json


def _meeting(home: Home, *lines: str) -> None:
    assert run_cli("new", "March", "--date", "2026-03-12", home=home).returncode == 0
    assert run_cli("add", "1", *lines, home=home).returncode == 0


async def test_a_renamed_item_shows_at_once(home: Home) -> None:
    _meeting(home, "/i 1. Opening", "OCHA: welcomed the participants.")
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("up", "up", "ctrl+u")  # ↑ to the item itself, its line cleared
        await pilot.press(*"/i 1. Welcome", "enter")
        await settle(pilot)
        screen = app.screen
        agenda = screen.query_one("#agenda", OptionList)
        assert str(agenda.get_option_at_index(0).prompt) == "1 Welcome"
        assert str(screen.query_one("#item-title", Static).render()) == "1 Welcome"
    assert stored_json(home)["items"][0]["title"] == "Welcome"


async def test_a_record_reopened_on_the_command_line_opens_for_editing(home: Home) -> None:
    _meeting(home, "/i 1. Opening", "OCHA: welcomed the participants.")
    assert run_cli("finalize", "1", "--no-pdf", home=home).returncode == 0
    app = MinutesApp(home, open_meeting=1, clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        reopened = run_cli("reopen", "1", "--reason", "a correction", home=home)
        assert reopened.returncode == 0, reopened.stderr
        await pilot.pause(CHECK_S + 0.5)
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
