"""The import preview in the app: read a record, fix a misread line, store it as a draft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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
        await settle(pilot)  # read in a worker
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
        await settle(pilot)
        assert "Could not place 4" in str(app.screen.query_one("#import-check", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MeetingsScreen)
    assert json.loads(run_cli("list", "--json", home=home).stdout)["meetings"] == []


async def read_into_preview(pilot, path: Path) -> ImportPreviewScreen:  # type: ignore[no-untyped-def]
    await pilot.press("i")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ImportPreviewScreen)
    screen.query_one("#import-path", Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot)
    return screen


async def test_a_truncated_word_file_is_one_sentence_in_the_dialog(
    home: Home, tmp_path: Path
) -> None:
    """It ended the app (python-docx's error escaped the UI thread)."""
    from tests.hostile_files import truncated_xml

    bad = tmp_path / "cut.docx"
    bad.write_bytes(truncated_xml())
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await read_into_preview(pilot, bad)
        assert app.is_running and app.screen is screen
        status = str(screen.query_one("#import-status", Static).render())
        assert "cut.docx: not a Word document this program can read (its XML is broken" in status
        assert screen.query_one("#import-status").has_class("import-error")
        # the rapporteur gives the right file next, in the same dialog
        screen = await read_into_preview_again(pilot, screen, MESSY)
        assert "Could not place 4" in str(screen.query_one("#import-check", Static).render())
        assert str(screen.query_one("#import-status", Static).render()).strip() == ""


async def read_into_preview_again(pilot, screen: ImportPreviewScreen, path: Path):  # type: ignore[no-untyped-def]
    field = screen.query_one("#import-path", Input)
    field.value = str(path)
    field.focus()
    await pilot.press("enter")
    await settle(pilot)
    return screen


async def test_a_reader_bug_is_a_sentence_not_the_end_of_the_app(
    home: Home, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import minutes_tui.reading.record_files as import_files

    def broken(path: Path) -> list[object]:
        raise RuntimeError("an unexpected reader bug")

    monkeypatch.setattr(import_files, "read_source", broken)
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await read_into_preview(pilot, MESSY)
        assert app.is_running and app.screen is screen
        status = str(screen.query_one("#import-status", Static).render())
        assert "could not be read (RuntimeError: an unexpected reader bug)" in status


async def test_escape_stops_a_slow_read_and_a_second_leaves(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import minutes_tui.reading.record_files as import_files

    release = threading.Event()
    real = import_files.read_source

    def slow(path: Path) -> tuple[list[object], str]:
        release.wait(30)
        return real(path)

    monkeypatch.setattr(import_files, "read_source", slow)
    app = MinutesApp(home, clock=lambda: 0.0)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("i")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ImportPreviewScreen)
            screen.query_one("#import-path", Input).value = str(MESSY)
            await pilot.press("enter")
            await pilot.pause()
            assert "Reading messy-protection-cluster.txt…" in str(
                screen.query_one("#import-status", Static).render()
            )
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
            assert "Stopped reading" in str(screen.query_one("#import-status", Static).render())
            release.set()
            await pilot.pause(0.2)
            assert screen.rec is None  # the late result is not shown
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MeetingsScreen)
    finally:
        release.set()


CLUSTER = Path(__file__).parent / "fixtures" / "cluster"
APRIL_2024 = CLUSTER / "shelter-2024-04-10.txt"
MAY_2024 = CLUSTER / "shelter-2024-05-08.txt"  # its table reviews April's actions


async def test_the_preview_shows_the_body_and_matches_earlier_actions_as_the_cli_does(
    home: Home, tmp_path: Path
) -> None:
    got = run_cli("import-record", str(APRIL_2024), "--body", "Shelter Cluster", home=home)
    assert got.returncode == 0, got.stderr
    nameless = tmp_path / "may.txt"  # a title naming no body: the rapporteur types it
    text = MAY_2024.read_text("utf-8").replace("Shelter Cluster\n", "", 1)
    nameless.write_text(text, "utf-8")
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await read_into_preview(pilot, MAY_2024)
        assert screen.query_one("#import-body", Input).value == "Shelter Cluster"
        screen = await read_into_preview_again(pilot, screen, nameless)
        field = screen.query_one("#import-body", Input)
        assert field.value == ""
        check = str(screen.query_one("#import-check", Static).render())
        assert "3 previous action points: reviews of no body's (give it above)" in check
        field.focus()
        await type_text(pilot, "Shelter Cluster")
        await pilot.pause()
        check = str(screen.query_one("#import-check", Static).render())
        assert "3 previous action points: reviews of Shelter Cluster's earlier" in check
        await pilot.press("ctrl+s")
        await settle(pilot)
    actions = json.loads(run_cli("actions", "--json", home=home).stdout)["actions"]
    assert [a["meeting_id"] for a in actions if "4W" in a["text"]] == [1]  # reviewed, once
    assert len(actions) == 5  # April's three and May's two: none agreed twice
    data = stored_json(home, 2)
    assert data["body"] == "Shelter Cluster"
