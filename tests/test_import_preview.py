"""The import preview in the app: read a record, fix a misread line, store it as a draft."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input, Static, TextArea

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.screens.capture import CaptureScreen
from minutes_tui.screens.import_preview import ImportPreviewScreen
from minutes_tui.screens.meetings import MeetingsScreen
from tests.helpers import run_cli, settle, stored_json, type_text

MESSY = Path(__file__).parent / "fixtures" / "backcatalogue" / "messy-protection-cluster.txt"
SIZE = (120, 40)


async def test_fix_an_owner_before_storing(home: Home) -> None:
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportPreviewScreen)
        screen.query_one("#import-path", Input).value = str(MESSY)
        await pilot.press("enter")
        await pilot.pause()
        area = screen.query_one("#import-lines", TextArea)
        assert "/a Share the updated access map with all partners [OCHA] by mid-August" in area.text
        check = str(screen.query_one("#import-check", Static).render())
        assert "5 actions (5 with owners)" in check
        assert "Could not place 4" in check
        # the rapporteur knows WFP shares the map, not OCHA: one line fixed
        row = area.text.splitlines().index(
            "/a Share the updated access map with all partners [OCHA] by mid-August"
        )
        line = area.document.get_line(row)
        start = line.index("OCHA")
        area.move_cursor((row, start))
        area.action_delete_word_right()
        await type_text(pilot, "WFP")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaptureScreen)
    data = stored_json(home, 1)
    first = next(a for a in data["actions"] if a["text"].startswith("Share the updated access"))
    assert first["owners"] == ["WFP"]
    assert data["status"] == "draft"


async def test_escape_stores_nothing(home: Home) -> None:
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ImportPreviewScreen(MESSY))
        await pilot.pause()
        assert "Could not place 4" in str(app.screen.query_one("#import-check", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingsScreen)
    assert json.loads(run_cli("list", "--json", home=home).stdout)["meetings"] == []
