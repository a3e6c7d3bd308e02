"""The capture log of a long item: only the rows in view are drawn (widgets/log_view.py),
yet it scrolls to the very first line, ↑ walks back to it, Enter shows the new line, and
the rows read exactly as typed, wrapped where they are long."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from textual.geometry import Region

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.config.settings import State
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.screens.capture import CaptureScreen
from minutes_tui.widgets.log_view import CaptureLog
from tests.helpers import settle, type_text

SIZE = (100, 30)
ENTRIES = 3_000  # a hundred screens of rows
LONG = "long: " + " ".join(f"word{n:02d}" for n in range(40))  # wraps over 3-4 rows


def point(n: int) -> str:
    return f"point {n:04d} on access"


@pytest.fixture(scope="module")
def long_item_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One item of ENTRIES points by UNHCR, a long one in the middle and another last,
    every time pinned at 09:00 (built once: each test gets a copy)."""
    from minutes_tui.session.capture_session import CaptureSession
    from minutes_tui.store.store import Store

    home = Home(tmp_path_factory.mktemp("long") / "home")
    store = Store.open(home)
    try:
        mid = store.create_meeting(MeetingHeader(title="Long", body="IM Network"))
        session = CaptureSession(store, mid)
        session.submit_all(["/p UNHCR: Ms. Gillian Triggs", "/i 1 The long item"])
        lines = [f"UNHCR: {point(n)}" for n in range(ENTRIES)]
        lines[ENTRIES // 2] = f"UNHCR: {LONG}"
        for start in range(0, ENTRIES, 1000):
            session.submit_paste(lines[start : start + 1000])
        session.submit(f"OCHA: {LONG}")
    finally:
        store.close()
    con = sqlite3.connect(home.db_path)
    con.execute("UPDATE entry SET created_at = '2020-07-09 09:00:00.000000'")
    con.commit()
    con.close()
    return home.root


@pytest.fixture
def long_item(long_item_db: Path, tmp_path: Path, utc: None) -> Home:
    shutil.copytree(long_item_db, tmp_path / "home")
    return Home(tmp_path / "home")


def shown(log: CaptureLog) -> list[str]:
    """The log's rows as they are on screen (what the compositor draws), without the
    padding either side."""
    strips = log.render_lines(Region(0, 0, *log.size))
    return ["".join(segment.text for segment in strip).strip() for strip in strips]


def wrapped(prefix: str, text: str, width: int) -> list[str]:
    """`prefix + text` word-wrapped at `width` by hand (the oracle, not Textual's wrap)."""
    rows, row = [], prefix
    for word in text.split(" "):
        candidate = f"{row} {word}" if row != prefix else row + word
        if len(candidate) > width:
            rows.append(row)
            row = word
        else:
            row = candidate
    return [*rows, row]


async def opened(pilot) -> tuple[CaptureScreen, CaptureLog]:  # type: ignore[no-untyped-def]
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CaptureScreen)
    return screen, screen.query_one("#log", CaptureLog)


async def test_the_log_opens_on_the_last_rows_exactly_as_typed(long_item: Home) -> None:
    app = MinutesApp(long_item, 1, clock=lambda: 0.0, state=State())
    async with app.run_test(size=SIZE) as pilot:
        screen, log = await opened(pilot)
        width = log.scrollable_content_region.width
        assert log.row_count == len(screen.lines) == ENTRIES + 1
        long_rows = wrapped("09:00  OCHA  ", LONG, width)
        assert len(long_rows) >= 3
        before = [f"09:00  UNHCR  {point(n)}" for n in range(ENTRIES - 5, ENTRIES)]
        rows = shown(log)
        assert rows[-len(long_rows) - 5 :] == before + long_rows
        # Every row of the item is laid out: the scroll range is the whole item.
        middle = len(wrapped("09:00  UNHCR  ", LONG, width))
        assert log.virtual_size.height == ENTRIES - 1 + middle + len(long_rows)


async def test_scrolling_to_the_top_shows_the_first_line(long_item: Home) -> None:
    app = MinutesApp(long_item, 1, clock=lambda: 0.0, state=State())
    async with app.run_test(size=SIZE) as pilot:
        _screen, log = await opened(pilot)
        log.scroll_home(animate=False)
        await pilot.pause()
        assert shown(log)[:3] == [f"09:00  UNHCR  {point(n)}" for n in range(3)]
        # … and the middle of the item: the long point sits where its row says.
        middle = ENTRIES // 2
        log.scroll_to(y=middle - 1, animate=False)
        await pilot.pause()
        rows = shown(log)
        width = log.scrollable_content_region.width
        assert rows[0] == f"09:00  UNHCR  {point(middle - 1)}"
        assert rows[1 : 1 + 3] == wrapped("09:00  UNHCR  ", LONG, width)[:3]


async def test_up_recalls_back_to_the_first_line_and_shows_it(long_item: Home) -> None:
    app = MinutesApp(long_item, 1, clock=lambda: 0.0, state=State())
    async with app.run_test(size=SIZE) as pilot:
        screen, log = await opened(pilot)
        for _ in range(ENTRIES):  # what ↑ runs, without Pilot's idle wait each time
            screen.action_recall(-1)
        await pilot.press("up")  # the last step with the real key
        line = screen.query_one("#capture-line")
        assert line.value == f"UNHCR: {point(0)}"
        assert log.highlighted == 0
        assert shown(log)[0] == f"09:00  UNHCR  {point(0)}"
        await pilot.press("up")  # above the first entry: the item itself
        assert line.value == "/i 1 The long item"
        await pilot.press("down")
        assert line.value == f"UNHCR: {point(0)}"


async def test_enter_appends_a_row_that_is_shown_at_the_bottom(long_item: Home) -> None:
    app = MinutesApp(long_item, 1, clock=lambda: 0.0, state=State())
    async with app.run_test(size=SIZE) as pilot:
        _screen, log = await opened(pilot)
        height = log.virtual_size.height
        await type_text(pilot, "WFP: the newest point")
        await pilot.press("enter")
        await pilot.pause()
        assert log.row_count == ENTRIES + 2
        assert log.virtual_size.height == height + 1
        assert log.highlighted == ENTRIES + 1
        rows = shown(log)
        assert rows[-1][5:] == "  WFP  the newest point"  # after its time (now, not pinned)
        assert rows[-2] == wrapped("09:00  OCHA  ", LONG, log.scrollable_content_region.width)[-1]
