"""The look of the action tracker (pytest-textual-snapshot). Update with --snapshot-update."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.screens.actions import ActionsScreen
from minutes_tui.store.store import Store
from tests.helpers import settle
from tests.test_tracker import build_series

SIZE = (120, 40)
TODAY = dt.date(2020, 10, 1)  # the screen's "today": what is overdue stays the same


@pytest.fixture
def series_home(home: Home, utc: None) -> Home:
    """Three sessions of IASC OPAG with reviews, every timestamp pinned, shown in UTC."""
    store = Store.open(home)
    try:
        build_series(store)
    finally:
        store.close()
    con = sqlite3.connect(home.db_path)
    for table in (
        "entry",
        "action",
        "action_sub_item",
        "action_update",
        "agenda_item",
        "participant",
        "meeting",
    ):
        con.execute(f"UPDATE {table} SET created_at = '2020-10-02 09:00:00.000000'")
    con.commit()
    con.close()
    return home


def test_tracker_screen(snap_compare, series_home: Home) -> None:  # type: ignore[no-untyped-def]
    app = MinutesApp(series_home, clock=lambda: 0.0)

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        app.push_screen(ActionsScreen(today=TODAY))
        await settle(pilot)
        await pilot.press("enter", "down", "down")  # to the list: Session VII's action 1
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_tracker_filtered_with_history(snap_compare, series_home: Home) -> None:  # type: ignore[no-untyped-def]
    app = MinutesApp(series_home, clock=lambda: 0.0)

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        app.push_screen(ActionsScreen(today=TODAY))
        await settle(pilot)
        await pilot.press(*"owner:ocha guidance")
        await settle(pilot)
        await pilot.press("enter", "down", "h")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=before)
