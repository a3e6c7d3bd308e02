"""Every mistake fixable from the keyboard: rename an item with ↑, delete it, undo an edit
and a deletion with ctrl+z."""

from __future__ import annotations

from textual.widgets import Input

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.store.store import Store
from tests.helpers import replay, settle


def meeting(home: Home, lines: list[str]) -> int:
    store = Store.open(home)
    mid = store.create_meeting(MeetingHeader(title="Fixes", body="IMN"))
    replay(store, mid, lines)
    store.close()
    return mid


def load(home: Home, mid: int):  # type: ignore[no-untyped-def]
    store = Store.open(home)
    try:
        return store.load(mid)
    finally:
        store.close()


async def test_rename_an_item_and_undo_an_edit_and_a_deletion(home: Home) -> None:
    mid = meeting(home, ["/i 2 Data shraing", "UNHCR: first point", "OCHA: second point"])
    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#capture-line", Input)
        # ↑ ↑ ↑ reaches the item itself, above its entries: rename and renumber it.
        await pilot.press("up", "up", "up")
        assert line.value == "/i 2 Data shraing"
        line.value = "/i 3 Data sharing | presenter: UNHCR"
        await pilot.press("enter")
        await settle(pilot)
        assert [(i.label, i.title, i.presenters) for i in load(home, mid).items] == [
            ("3", "Data sharing", "UNHCR")
        ]
        # Edit the last entry, then ctrl+z puts it back as it was.
        await pilot.press("up")
        line.value = "OCHA: second point, corrected"
        await pilot.press("enter")
        await settle(pilot)
        assert load(home, mid).entries[-1].text == "second point, corrected"
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert load(home, mid).entries[-1].text == "second point"
        assert "Undid: edit of line" in str(app.screen.query_one("#capture-status").render())
        # Delete it (F8, y), then ctrl+z types it back.
        await pilot.press("up", "f8", "y")
        await settle(pilot)
        assert [e.text for e in load(home, mid).entries] == ["first point"]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [(e.speaker, e.text) for e in load(home, mid).entries] == [
            ("UNHCR", "first point"),
            ("OCHA", "second point"),
        ]


async def test_delete_a_whole_item_after_confirmation(home: Home) -> None:
    mid = meeting(home, ["/i 1 Keep", "kept", "/i 2 Typo item", "a point", "/a an action"])
    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up", "up", "up", "f8")
        await pilot.pause()
        await pilot.press("n")  # kept
        await settle(pilot)
        assert len(load(home, mid).items) == 2
        await pilot.press("up", "up", "up", "f8", "y")
        await settle(pilot)
    data = load(home, mid)
    assert [i.title for i in data.items] == ["Keep"]
    assert [e.text for e in data.entries] == ["kept"] and data.actions == []


async def test_edit_a_meetings_details_from_the_list_and_the_capture_screen(home: Home) -> None:
    mid = meeting(home, ["/i 1 Opening"])
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        title = app.screen.query_one("#field-title", Input)
        assert title.value == "Fixes"
        title.value = "Fixes, corrected"
        app.screen.query_one("#field-place", Input).value = "Geneva"
        await pilot.press("ctrl+s")
        await settle(pilot)
        data = load(home, mid)
        assert (data.title, data.place, data.body) == ("Fixes, corrected", "Geneva", "IMN")
        await pilot.press("enter")  # open it; F2 edits its details there too
        await settle(pilot)
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#field-chair", Input).value = "Ms. Amal Haddad"
        await pilot.press("escape")  # Esc cancels: nothing changed
        await settle(pilot)
        assert load(home, mid).chair is None
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#field-chair", Input).value = "Ms. Amal Haddad"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load(home, mid).chair == "Ms. Amal Haddad"
