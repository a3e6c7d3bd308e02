"""Recalling an agenda item and typing another kind of line over it must not delete what
is under the item (a new user lost an item's points and list this way, and undo brought
back only the empty heading): the edit is refused, with what to do instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from tests.helpers import run_cli, settle, type_text


@pytest.mark.parametrize("typed", ["/d decided", "just a plain remark", "/a Follow up [OCHA]"])
async def test_an_item_edited_into_another_kind_is_refused_and_keeps_its_lines(
    tmp_path: Path, typed: str
) -> None:
    home = Home(tmp_path)
    meeting = run_cli("new", "Repro", "--body", "RB", home=home).stdout.strip()
    run_cli(
        "add",
        meeting,
        "/i 1. First",
        "UNICEF: asks as follows:",
        "- alpha",
        "- beta",
        home=home,
    )
    before = json.loads(run_cli("show", meeting, "--json", home=home).stdout)
    app = MinutesApp(home, open_meeting=int(meeting))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(4):  # up past the list and the point to the item itself
            await pilot.press("up")
            await pilot.pause()
        line = app.screen.query_one("#capture-line", Input)
        assert line.value.startswith("/i 1")
        line.value = ""
        await type_text(pilot, typed)
        await pilot.press("enter")
        await settle(pilot)
        status = str(app.screen.query_one("#capture-status").render())
        assert "stays an item" in status
        assert line.value == typed  # the typed text is not lost either
    after = json.loads(run_cli("show", meeting, "--json", home=home).stdout)
    assert after["items"] == before["items"]
