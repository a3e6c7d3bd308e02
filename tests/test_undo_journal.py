"""The undo journal: ctrl+z undoes the last thing done in a meeting, also after the app
was closed and opened again, and says what it undid; each step is written in the same
transaction as the change it undoes; the journal stays bounded."""

from __future__ import annotations

import sqlite3

import pytest
from textual.widgets import Input

from minutes_tui.app import MinutesApp
from minutes_tui.config import Home
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.session.capture_session import CaptureSession
from minutes_tui.store.journal import KEEP
from minutes_tui.store.refs import Ref
from minutes_tui.store.store import Store
from tests.helpers import replay, run_cli, settle


def meeting(home: Home, lines: list[str]) -> int:
    store = Store.open(home)
    mid = store.create_meeting(MeetingHeader(title="Journal", body="IMN"))
    replay(store, mid, lines)
    store.close()
    return mid


def rows(home: Home, mid: int) -> list[tuple[str | None, str]]:
    """(speaker, text) of the meeting's entries, and its actions as ("action", text)."""
    store = Store.open(home)
    try:
        data = store.load(mid)
    finally:
        store.close()
    return [(e.speaker, e.text) for e in data.entries] + [("action", a.text) for a in data.actions]


def journal_size(home: Home, mid: int) -> int:
    with sqlite3.connect(home.db_path) as con:
        (count,) = con.execute("SELECT count(*) FROM journal WHERE meeting_id = ?", (mid,))
        return int(count[0])


async def enter(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one("#capture-line", Input).value = text
    await pilot.press("enter")
    await settle(pilot)


def said(app: MinutesApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_undo_a_capture_after_a_restart(home: Home) -> None:
    mid = meeting(home, ["/i 1 Opening"])
    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await enter(pilot, "/a Draft the guidance [OCHA]")  # the store's own path
        await enter(pilot, "UNHCR: raised five points")  # Enter's fast path
    assert rows(home, mid) == [("UNHCR", "raised five points"), ("action", "Draft the guidance")]

    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)  # the app opened again
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert rows(home, mid) == [("action", "Draft the guidance")]
        assert "Undid: line 'UNHCR: raised five points'" in said(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert rows(home, mid) == []
        assert "Undid: line '/a Draft the guidance [OCHA]'" in said(app)
        await pilot.press("ctrl+y")  # redo, within the session
        await settle(pilot)
        assert rows(home, mid) == [("action", "Draft the guidance")]


async def test_undo_an_edit_after_a_restart(home: Home) -> None:
    mid = meeting(home, ["/i 1 Opening", "UNHCR: first point", "OCHA: second point"])
    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up")
        await enter(pilot, "OCHA: second point, corrected")
    assert rows(home, mid)[-1] == ("OCHA", "second point, corrected")

    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert rows(home, mid) == [("UNHCR", "first point"), ("OCHA", "second point")]
        assert "Undid: edit of line 'OCHA: second point, corrected'" in said(app)
        status = str(app.screen.query_one("#capture-status").render())
        assert "Undid: edit of line" in status


async def test_undo_a_deletion_after_a_restart(home: Home) -> None:
    mid = meeting(home, ["/i 1 Opening", "UNHCR: first point", "OCHA: second point"])
    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("up", "up", "f8")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
    assert rows(home, mid) == [("OCHA", "second point")]

    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert sorted(rows(home, mid)) == [("OCHA", "second point"), ("UNHCR", "first point")]
        assert "Undid: deletion of line 'UNHCR: first point'" in said(app)


def test_undo_takes_the_last_step_of_the_meeting_whichever_window_took_it(store: Store) -> None:
    mid = store.create_meeting(MeetingHeader(title="Two windows"))
    first, second = CaptureSession(store, mid), CaptureSession(store, mid)
    first.submit("typed in the first window")
    second.submit("typed in the second window")
    undone = first.undo()
    assert undone is not None and undone.line == "line 'typed in the second window'"
    assert [e.text for e in store.load(mid).entries] == ["typed in the first window"]
    other = store.create_meeting(MeetingHeader(title="Another meeting"))
    CaptureSession(store, other).submit("another meeting's line")
    assert first.undo() is not None  # this meeting's line, not the other's
    assert store.load(mid).entries == [] and len(store.load(other).entries) == 1
    assert first.undo() is None


def test_details_changed_are_undone(store: Store) -> None:
    mid = store.create_meeting(MeetingHeader(title="Details", place="Geneva"))
    store.update_meeting(mid, title="Details, corrected", place="Rome")
    undone = CaptureSession(store, mid).undo()
    assert undone is not None and undone.line == "edit of the meeting's details (title, place)"
    meeting = store.meeting(mid)
    assert (meeting.title, meeting.place) == ("Details", "Geneva")


def test_steps_whose_rows_are_gone_are_skipped(store: Store, home: Home) -> None:
    mid = store.create_meeting(MeetingHeader(title="Gone"))
    session = CaptureSession(store, mid)
    session.submit_all(["kept before the agenda", "/i 1 To delete", "under it", "/a and this"])
    item = store.current_item(mid)
    assert item is not None
    with sqlite3.connect(home.db_path) as con:  # a program that keeps no journal (an older
        con.execute("PRAGMA foreign_keys=ON")  # version): the item and its rows are gone
        con.execute("DELETE FROM agenda_item WHERE id = ?", (item,))
    undone = session.undo()  # the steps of the rows it took are skipped
    assert undone is not None and undone.line == "line 'kept before the agenda'"
    assert store.load(mid).entries == []
    assert session.undo() is None
    assert store.last_step(mid) is None


def test_a_purged_meeting_leaves_no_journal(store: Store, home: Home) -> None:
    mid = store.create_meeting(MeetingHeader(title="Purged"))
    CaptureSession(store, mid).submit_all(["a line", "/a an action"])
    assert journal_size(home, mid) == 2
    store.trash_meeting(mid)
    store.purge_meeting(mid)
    assert journal_size(home, mid) == 0


def people(store: Store, mid: int) -> list[tuple[str | None, str]]:
    return [(p.name, p.attendance) for p in store.load(mid).participants]


@pytest.mark.parametrize(
    "change",
    ["fast note", "action", "edit", "delete", "details", "delete item", "attendance", "person"],
)
def test_a_step_is_written_in_the_same_transaction_as_its_change(
    store: Store, home: Home, change: str
) -> None:
    mid = store.create_meeting(MeetingHeader(title="Atomic"))
    session = CaptureSession(store, mid)
    session.submit_all(["/p Ms. Amal Haddad, OCHA (expected)", "/i 1 Opening"])
    kept = session.submit("UNHCR: a point already kept")
    item, (person,) = kept.item_id, store.load(mid).participants
    assert item is not None

    def state() -> tuple[object, ...]:
        items = [i.title for i in store.load_items(mid)]
        return rows(home, mid), journal_size(home, mid), store.meeting(mid).title, items

    before = (state(), people(store, mid))
    with sqlite3.connect(home.db_path) as con:  # the journal's insert fails, after the change's
        con.execute(
            "CREATE TRIGGER fail BEFORE INSERT ON journal "
            "BEGIN SELECT RAISE(ABORT, 'injected'); END"
        )
    write = {
        "fast note": lambda: session.submit("a new point"),  # Enter's fast path
        "action": lambda: session.submit("/a an action [OCHA]"),
        "edit": lambda: session.edit(kept.refs[0], "UNHCR: edited", "UNHCR: a point already kept"),
        "delete": lambda: session.delete(kept.refs[0], "UNHCR: a point already kept"),
        "details": lambda: store.update_meeting(mid, title="Renamed"),
        "delete item": lambda: session.delete(Ref("item", item)),
        "attendance": lambda: store.set_attendance(mid, [person.id], "present"),
        "person": lambda: store.delete_participant(person.id, mid),
    }[change]
    with pytest.raises(Exception, match="injected"):
        write()
    assert (state(), people(store, mid)) == before


def test_the_journal_keeps_the_last_steps_of_each_meeting(store: Store, home: Home) -> None:
    mid = store.create_meeting(MeetingHeader(title="Long"))
    other = store.create_meeting(MeetingHeader(title="Short"))
    CaptureSession(store, other).submit("the other meeting's one line")
    session = CaptureSession(store, mid)
    session.submit_all([f"point {n}" for n in range(KEEP + 5)])  # Enter's fast path
    assert journal_size(home, mid) == KEEP
    session.submit_all([f"/a action {n}" for n in range(3)])  # the store's path
    assert journal_size(home, mid) == KEEP
    assert journal_size(home, other) == 1
    for _ in range(KEEP):
        assert session.undo() is not None
    assert session.undo() is None  # older steps were pruned: their lines stay
    assert [e.text for e in store.load(mid).entries] == [f"point {n}" for n in range(8)]


def test_minutes_undo_reads_the_same_journal(home: Home) -> None:
    mid = meeting(home, ["/i 1 Opening"])
    assert run_cli("add", str(mid), "a point", "/a an action [OCHA]", home=home).returncode == 0
    assert run_cli("edit", str(mid), "--place", "Geneva", home=home).returncode == 0
    done = run_cli("undo", str(mid), home=home)
    assert done.returncode == 0 and done.stdout == "Undid: edit of the meeting's details (place)\n"
    done = run_cli("undo", str(mid), home=home)
    assert done.stdout == "Undid: line '/a an action [OCHA]'\n"
    assert rows(home, mid) == [(None, "a point")]
    assert run_cli("undo", str(mid), home=home).stdout == "Undid: line 'a point'\n"
    assert run_cli("undo", str(mid), home=home).stdout == "Undid: line '/i 1 Opening'\n"
    nothing = run_cli("undo", str(mid), home=home)
    assert nothing.returncode == 1 and "nothing to undo in meeting" in nothing.stderr
    assert run_cli("show", str(mid), "--json", home=home).returncode == 0


async def test_what_undo_says_keeps_square_brackets_as_typed(home: Home) -> None:
    """ "[OCHA]" is the action's owner, not markup: the toast shows it as typed."""
    from textual.widgets._toast import Toast

    mid = meeting(home, ["/i 1 Opening"])
    app = MinutesApp(home, open_meeting=mid, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await enter(pilot, "/a Share the map [OCHA] by Friday")
        await pilot.press("ctrl+z")
        await settle(pilot)
        await pilot.pause(0.2)
        shown = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert any("Share the map [OCHA] by Friday" in text for text in shown), shown
