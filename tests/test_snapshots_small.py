"""The first screens a new user sees, at 80×24 (pytest-textual-snapshot; --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.config.settings import Settings, State
from tests.helpers import settle
from tests.test_snapshots import fixed_home  # noqa: F401  (the pinned OPAG data home)

SMALL = (80, 24)


def app_for(home: Home, meeting: int | None = None) -> MinutesApp:
    """The app with its data home and settings named the same on every run (not a tmp path)."""
    settings = Settings(path=Path("/home/officer/.config/minutes-tui/config.toml"))
    app = MinutesApp(home, meeting, clock=lambda: 0.0, settings=settings, state=State())
    app.home_label = "~/Minutes"
    return app


def test_meetings_at_80x24(snap_compare, fixed_home: Home) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    app = app_for(fixed_home)
    assert snap_compare(app, terminal_size=SMALL, run_before=settle)


def test_capture_at_80x24(snap_compare, fixed_home: Home) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    app = app_for(fixed_home, 1)
    assert snap_compare(app, terminal_size=SMALL, run_before=settle)


def test_new_meeting_form_at_80x24(snap_compare, fixed_home: Home) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    app = app_for(fixed_home)

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Weekly coordination")
        pilot.app.screen.query_one("#field-date").focus()  # it defaults to today
        await pilot.press("ctrl+u", *"2026-11-23", *["enter"] * 6)  # on to Style
        await pilot.pause()

    assert snap_compare(app, terminal_size=SMALL, run_before=before)


def test_help_at_80x24(snap_compare, fixed_home: Home) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    app = app_for(fixed_home, 1)

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SMALL, run_before=before)


def test_participants_and_attendance_at_80x24(snap_compare, fixed_home: Home) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """Attendance as words before the long Position, which is what gets cut."""
    app = app_for(fixed_home, 1)

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SMALL, run_before=before)


def test_attendance_at_80x24(snap_compare, fixed_home: Home) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The footer ends before the palette key (it once read "▏^p paletter")."""
    app = app_for(fixed_home, 1)

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("ctrl+t", "p")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SMALL, run_before=before)


def test_tracker_at_80x24(snap_compare, fixed_home: Home) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """Due and Status whole; the action text takes what is left."""
    app = app_for(fixed_home)

    async def before(pilot) -> None:  # type: ignore[no-untyped-def]
        import datetime as dt

        from minutes_tui.screens.actions import ActionsScreen

        await settle(pilot)
        app.push_screen(ActionsScreen(today=dt.date(2020, 10, 1)))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SMALL, run_before=before)
