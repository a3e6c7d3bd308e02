"""The look of each screen (pytest-textual-snapshot). Update with --snapshot-update."""

from __future__ import annotations

import sqlite3

import pytest

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.config.settings import State
from tests.helpers import FIXTURES, run_cli, settle

SIZE = (120, 40)


@pytest.fixture
def fixed_home(home: Home, utc: None) -> Home:
    """The OPAG meeting and one more, with every timestamp pinned, shown in UTC."""
    assert run_cli("import", str(FIXTURES / "opag-session-vii.minutes"), home=home).returncode == 0
    assert (
        run_cli(
            "new", "IM Network meeting", "--body", "IM Network", "--date", "2020-03-03", home=home
        ).returncode
        == 0
    )
    con = sqlite3.connect(home.db_path)
    for table in ("entry", "action", "action_sub_item", "agenda_item", "participant", "meeting"):
        con.execute(f"UPDATE {table} SET created_at = '2020-07-09 09:00:00.000000'")
    con.commit()
    con.close()
    return home


def app_for(home: Home, meeting: int | None = None) -> MinutesApp:
    """The app with its data home named the same on every run (not a tmp path)."""
    app = MinutesApp(home, meeting, clock=lambda: 0.0, state=State())
    app.home_label = "~/Minutes"
    return app


async def wait_for_store(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)


def test_meetings_screen(snap_compare, fixed_home: Home) -> None:  # type: ignore[no-untyped-def]
    app = app_for(fixed_home)
    assert snap_compare(app, terminal_size=SIZE, run_before=wait_for_store)


def test_capture_screen(snap_compare, fixed_home: Home) -> None:  # type: ignore[no-untyped-def]
    app = app_for(fixed_home, 1)

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for_store(pilot)
        await pilot.press("alt+up")  # back to 7.2, with its actions and sub-items
        await pilot.press(*"UNHCR: typed but not yet saved")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_new_meeting_form(snap_compare, fixed_home: Home) -> None:  # type: ignore[no-untyped-def]
    app = app_for(fixed_home)

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for_store(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Weekly coordination")
        # The Date field by its id: it defaults to today, so a snapshot that missed it
        # (three tabs reached Session once the form had a Parent field) changed daily.
        pilot.app.screen.query_one("#field-date").focus()
        await pilot.press("ctrl+u", *"2026-11-23")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_participants_screen(snap_compare, fixed_home: Home) -> None:  # type: ignore[no-untyped-def]
    app = app_for(fixed_home, 1)

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_for_store(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=before)
