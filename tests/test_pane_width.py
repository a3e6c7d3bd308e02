"""The agenda pane's width: alt+→ / alt+← change it, the app remembers it across a
restart, and however wide it is made the capture log keeps 40 columns."""

from __future__ import annotations

import io
import json

from rich.console import Console

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.config.settings import config_dir
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.screens.help import HelpScreen
from minutes_tui.store.store import Store
from tests.helpers import replay, settle


def meeting(home: Home) -> int:
    store = Store.open(home)
    mid = store.create_meeting(MeetingHeader(title="Panes", body="IMN"))
    replay(store, mid, ["/i 1 Opening", "a point"])
    store.close()
    return mid


def widths(app: MinutesApp) -> tuple[int, int]:
    """(agenda pane, log pane) as drawn, in columns."""
    screen = app.screen
    return screen.query_one("#sidebar").outer_size.width, screen.query_one("#log-pane").size.width


def remembered() -> object:
    return json.loads((config_dir() / "state.json").read_text(encoding="utf-8"))["sidebar_width"]


async def test_pane_width_changed_remembered_and_clamped(home: Home) -> None:
    mid = meeting(home)
    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert widths(app) == (30, 90)
        await pilot.press("alt+right")
        await pilot.pause()
        assert widths(app) == (34, 86)
        assert remembered() == 34
        await pilot.press(*["alt+right"] * 20)  # as wide as it goes: the log keeps 40
        await pilot.pause()
        assert widths(app) == (80, 40)
        await pilot.press("alt+left", "alt+left")
        await pilot.pause()
        assert widths(app) == (72, 48)
        commands = [c.title for c in app.get_system_commands(app.screen)]  # in the palette
        assert "Wider pane (alt+→)" in commands and "Narrower pane (alt+←)" in commands
        await pilot.press("f1")  # and in the help
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=200, record=True, file=io.StringIO())
        console.print(app.screen.keys)
        keys = console.export_text()
        assert "alt+→" in keys and "Widen the agenda pane" in keys and "alt+←" in keys
    assert remembered() == 72

    again = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with again.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert widths(again) == (72, 48)  # remembered
    smaller = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with smaller.run_test(size=(90, 30)) as pilot:
        await settle(pilot)
        assert widths(smaller) == (50, 40)  # clamped: the log keeps 40 columns
        await pilot.press(*["alt+left"] * 20)
        await pilot.pause()
        assert widths(smaller) == (16, 74)  # no narrower than 16
    assert remembered() == 16
