"""The look of the search screen (pytest-textual-snapshot). Update with --snapshot-update."""

from __future__ import annotations

import sqlite3

import pytest

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.screens.search import SearchScreen
from tests.helpers import FIXTURES, run_cli, settle
from tests.test_search import searched

SIZE = (120, 40)


@pytest.fixture
def opag_home(home: Home, utc: None) -> Home:
    """The OPAG meeting, every timestamp pinned, shown in UTC."""
    assert run_cli("import", str(FIXTURES / "opag-session-vii.minutes"), home=home).returncode == 0
    con = sqlite3.connect(home.db_path)
    for table in ("entry", "action", "action_sub_item", "agenda_item", "participant", "meeting"):
        con.execute(f"UPDATE {table} SET created_at = '2020-07-09 09:00:00.000000'")
    con.commit()
    con.close()
    return home


def test_search_screen(snap_compare, opag_home: Home) -> None:  # type: ignore[no-untyped-def]
    app = MinutesApp(opag_home, clock=lambda: 0.0)

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        app.push_screen(SearchScreen())
        await pilot.pause()
        await pilot.press(*"data respo")  # the last word searched as a prefix while typing
        await searched(pilot)
        await pilot.press("down", "down")

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_search_screen_error(snap_compare, opag_home: Home) -> None:  # type: ignore[no-untyped-def]
    app = MinutesApp(opag_home, clock=lambda: 0.0)

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        app.push_screen(SearchScreen())
        await pilot.pause()
        for part in ("co-chair ", '"Lisle'):  # a list, then a quote left open
            await pilot.press(*part)
            await searched(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)
