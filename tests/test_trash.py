"""The trash: a meeting deleted by mistake comes back whole; only `purge --yes` deletes
for good. A trashed meeting is out of every list, read, search and the tracker."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from minutes_tui.config import Home
from minutes_tui.store.reads import list_meetings
from minutes_tui.store.store import Store
from tests.helpers import run_cli

LINES = [
    "/i 1. Cholera preparedness",
    "OCHA: outlined the cholera preparedness plan",
    "/a Share the cholera dashboard [WHO] by 2020-01-31",
]


def seeded(home: Home) -> None:
    """Meeting 1 (kept) and 2 (to trash, next in 1's series), both with a cholera line."""
    for args in (
        ["new", "Kept", "--body", "IM Network", "--date", "2020-03-03"],
        ["add", "1", *LINES],
        ["new", "Binned", "--from", "1", "--date", "2020-04-07"],
        ["add", "2", *LINES],
    ):
        assert run_cli(*args, home=home).returncode == 0, args


def visible(home: Home) -> dict[str, object]:
    """Where a meeting can be seen: the list, search, the tracker (text and JSON)."""
    listed = json.loads(run_cli("list", "--json", home=home).stdout)["meetings"]
    hits = json.loads(run_cli("search", "cholera", "--json", home=home).stdout)["hits"]
    actions = json.loads(run_cli("actions", "--json", home=home).stdout)["actions"]
    text = run_cli("list", home=home).stdout.splitlines()
    return {
        "list": sorted(m["id"] for m in listed),
        "list text": sorted(int(line.split()[0]) for line in text),
        "search": sorted({h["meeting_id"] for h in hits}),
        "actions": sorted(a["meeting_id"] for a in actions),
        "overdue": len(run_cli("actions", "--overdue", home=home).stdout.splitlines()),
    }


def test_trash_hides_everywhere_and_restore_brings_it_back(home: Home) -> None:
    seeded(home)
    before = visible(home)
    assert before["list"] == before["search"] == before["actions"] == [1, 2]
    assert before["overdue"] == 2
    done = run_cli("trash", "2", home=home)
    assert done.returncode == 0 and "Meeting 2 moved to the trash" in done.stdout
    hidden = visible(home)
    assert hidden["list"] == hidden["list text"] == hidden["search"] == [1]
    assert (hidden["actions"], hidden["overdue"]) == ([1], 1)
    assert [m.id for m in list_meetings(home.db_path)] == [1]  # the app's meetings list
    assert run_cli("search", "cholera", "--meeting", "2", home=home).returncode == 1
    # Every read and write of it is refused with the way back, and nothing changes.
    for args in (["show", "2"], ["add", "2", "a point"], ["export", "2"], ["open", "2"]):
        refused = run_cli(*args, home=home)
        assert refused.returncode == 1 and "in the trash" in refused.stderr, args
    trashed = json.loads(run_cli("trash", "--list", "--json", home=home).stdout)["meetings"]
    assert [(m["id"], m["title"], bool(m["deleted_at"])) for m in trashed] == [(2, "Binned", True)]
    listed = json.loads(run_cli("list", "--json", home=home).stdout)["meetings"]
    assert set(trashed[0]) == set(listed[0]) | {"deleted_at"}  # the same row, and when
    assert "2  2020-04-07  trashed" in run_cli("trash", "--list", home=home).stdout
    again = run_cli("trash", "2", home=home)
    assert again.returncode == 1 and "in the trash" in again.stderr

    assert run_cli("restore", "2", home=home).returncode == 0
    assert visible(home) == before
    assert json.loads(run_cli("trash", "--list", "--json", home=home).stdout)["meetings"] == []
    assert "cholera dashboard" in run_cli("show", "2", home=home).stdout
    not_there = run_cli("restore", "2", home=home)
    assert not_there.returncode == 1 and "not in the trash" in not_there.stderr


def test_a_trashed_meeting_leaves_the_register_and_reviews(home: Home) -> None:
    seeded(home)
    store = Store.open(home)
    try:
        assert store.previous_actions(2)[0] == 1 and store.register_actions(2)
        assert run_cli("trash", "1", home=home).returncode == 0
        # Meeting 2 no longer reviews the trashed meeting's actions.
        assert store.previous_actions(2) == (None, [])
        assert [a.meeting_id for a in store.register_actions(2)] == []
        refused = run_cli("action-status", "1", "completed", home=home)
        assert refused.returncode == 1 and "in the trash" in refused.stderr
        assert run_cli("restore", "1", home=home).returncode == 0
        assert store.previous_actions(2)[0] == 1
    finally:
        store.close()


def test_purge_needs_the_trash_and_yes(home: Home) -> None:
    seeded(home)
    no_yes = run_cli("purge", "2", home=home)
    assert no_yes.returncode == 2 and "--yes" in no_yes.stderr
    in_use = run_cli("purge", "2", "--yes", home=home)
    assert in_use.returncode == 1 and "not in the trash" in in_use.stderr
    assert run_cli("trash", "2", home=home).returncode == 0
    assert run_cli("purge", "2", home=home).returncode == 2
    assert run_cli("restore", "2", home=home).returncode == 0  # still whole
    assert "cholera dashboard" in run_cli("show", "2", home=home).stdout

    assert run_cli("trash", "1", home=home).returncode == 0
    done = run_cli("purge", "1", "--yes", home=home)
    assert done.returncode == 0 and "deleted for good" in done.stdout
    gone = run_cli("restore", "1", home=home)
    assert gone.returncode == 1 and "No meeting with id 1" in gone.stderr
    con = sqlite3.connect(home.db_path)
    try:
        for table in ("entry", "action", "agenda_item", "participant"):
            count = con.execute(f"SELECT count(*) FROM {table} WHERE meeting_id = 1").fetchone()
            assert count == (0,), table
        indexed = con.execute("SELECT count(*) FROM search_index WHERE meeting_id = 1")
        assert indexed.fetchone() == (0,)
        assert con.execute("SELECT previous_id FROM meeting WHERE id = 2").fetchone() == (None,)
    finally:
        con.close()
    assert visible(home)["search"] == [2]


def test_trash_usage(home: Home) -> None:
    seeded(home)
    assert run_cli("trash", home=home).returncode == 2
    assert run_cli("trash", "1", "--list", home=home).returncode == 2
    assert run_cli("trash", "1", "--json", home=home).returncode == 2
    missing = run_cli("trash", "9", home=home)
    assert missing.returncode == 1 and "No meeting with id 9" in missing.stderr
    assert visible(home)["list"] == [1, 2]


def test_a_database_from_before_the_trash_lists_and_upgrades(home: Home) -> None:
    """The meetings list reads a 0003 database (no deleted_at yet) before it is upgraded."""
    from alembic import command

    from minutes_tui.store.migrate import alembic_config

    seeded(home)
    store = Store.open(home)
    cfg = alembic_config()
    with store.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0003_register")
    store.close()
    assert [m.id for m in list_meetings(home.db_path)] == [2, 1]
    assert run_cli("trash", "2", home=home).returncode == 0  # upgrades, then trashes
    assert [m.id for m in list_meetings(home.db_path)] == [1]


def test_backup_copies_what_is_still_in_the_wal(home: Home, tmp_path: Path) -> None:
    seeded(home)
    # A reader holds the database open, as the app does: the next line stays in the -wal
    # file (only the last connection to close moves it into minutes.sqlite).
    store = sqlite3.connect(home.db_path)
    try:
        assert store.execute("SELECT count(*) FROM meeting").fetchone() == (2,)
        added = run_cli("add", "1", "a line written while the app is open", home=home)
        assert added.returncode == 0
        assert Path(f"{home.db_path}-wal").stat().st_size > 0
        other = Home(tmp_path / "other")
        done = run_cli("backup", str(other.db_path), home=home)
        assert done.returncode == 0, done.stderr
        assert "while the app is open" in run_cli("show", "1", home=other).stdout
        assert run_cli("list", home=other).stdout == run_cli("list", home=home).stdout
        assert (other.db_path.stat().st_mode & 0o777) == 0o600
        twice = run_cli("backup", str(other.db_path), home=home)
        assert twice.returncode == 1 and "already exists" in twice.stderr
        assert sorted(p.name for p in other.db_dir.iterdir())[0] == "minutes.sqlite"
        nothing = run_cli("backup", str(tmp_path / "x.sqlite"), home=Home(tmp_path / "empty"))
        assert nothing.returncode == 1 and "no database" in nothing.stderr
    finally:
        store.close()


async def test_meetings_screen_trashes_after_confirming_and_restores(home: Home) -> None:
    from textual.widgets import DataTable

    from minutes_tui.app import MinutesApp
    from minutes_tui.screens.confirm import ConfirmScreen
    from minutes_tui.screens.meetings import MeetingsScreen
    from tests.helpers import settle

    seeded(home)
    app = MinutesApp(home, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#meetings-table", DataTable)

        def shown() -> list[str]:
            return [str(key.value) for key in table.rows]

        assert shown() == ["2", "1"]  # newest first: the cursor is on meeting 2
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # not confirmed: nothing happens
        await settle(pilot)
        assert shown() == ["2", "1"] and visible(home)["list"] == [1, 2]
        await pilot.press("f8", "y")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen) and shown() == ["1"]
        assert visible(home)["list"] == [1]
        await pilot.press("t")  # the trash, where Enter restores
        await settle(pilot)
        assert shown() == ["2"]
        await pilot.press("delete")  # no second trash inside the trash
        await pilot.pause()
        assert isinstance(app.screen, MeetingsScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert shown() == [] and visible(home)["list"] == [1, 2]
        await pilot.press("t")
        await settle(pilot)
        assert shown() == ["2", "1"]


def test_a_series_through_a_trashed_meeting_can_still_be_linked(home: Home) -> None:
    seeded(home)  # 2 follows 1
    assert run_cli("new", "Third", home=home).returncode == 0
    assert run_cli("trash", "1", home=home).returncode == 0
    assert run_cli("edit", "3", "--from", "2", home=home).returncode == 0
    to_trashed = run_cli("edit", "3", "--from", "1", home=home)
    assert to_trashed.returncode == 1 and "in the trash" in to_trashed.stderr
    from_trashed = run_cli("new", "Fourth", "--from", "1", home=home)
    assert from_trashed.returncode == 1 and "in the trash" in from_trashed.stderr
    assert run_cli("restore", "1", home=home).returncode == 0
    loop = run_cli("edit", "1", "--from", "3", home=home)  # 3 → 2 → 1: a loop
    assert loop.returncode == 1 and "loop" in loop.stderr


def test_search_in_the_store_skips_the_trash_even_when_asked_for_the_meeting(home: Home) -> None:
    from minutes_tui.store.search import fts_query, search

    seeded(home)
    assert run_cli("trash", "2", home=home).returncode == 0
    store = Store.open(home)
    try:
        assert {h.meeting_id for h in search(store, "cholera")} == {1}
        assert search(store, "cholera", meeting_id=2) == []  # as the app's search screen asks
        assert {h.meeting_id for h in search(store, "cholera", meeting_id=1)} == {1}
    finally:
        store.close()
    assert fts_query("data", None, [9, 3]) == "(data) NOT scope : (m3 OR m9)"
