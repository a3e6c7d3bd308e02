"""What sync relies on at home, without a server: every row has a stable uuid (also rows
written before migration 0009, and the fast path's), the home has one identity, and a
meeting pulled from another home is read-only on every write path."""

from __future__ import annotations

import sqlite3

import pytest

from minutes_tui.config import Home
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.store.database import ensure_home
from minutes_tui.store.engine import make_engine, writer
from minutes_tui.store.migrate import upgrade
from minutes_tui.store.store import Store
from tests.helpers import capture, run_cli

SYNCED = (
    "organisation",
    "person",
    "meeting",
    "participant",
    "agenda_item",
    "entry",
    "action",
    "action_sub_item",
    "action_update",
)


def test_rows_written_before_the_migration_get_distinct_uuids(home: Home) -> None:
    ensure_home(home)
    engine = make_engine(home.db_path)
    upgrade(writer(engine), "0007_final")
    engine.dispose()
    from tests.reliability.test_environment import FILL

    con = sqlite3.connect(home.db_path)
    for sql in FILL:
        con.execute(sql)
    con.execute(
        "INSERT INTO entry (meeting_id, item_id, kind, text, created_at) "
        "VALUES (1, 1, 'point', 'a second point', '2020-07-09 09:05:00.000000')"
    )
    con.commit()
    con.close()
    Store.open(home).close()  # upgrades to the head
    con = sqlite3.connect(home.db_path)
    for table in ("organisation", "person", "meeting", "participant", "entry", "action"):
        uuids = [r[0] for r in con.execute(f"SELECT uuid FROM {table}")]
        assert uuids and all(len(u) == 36 for u in uuids), table
        assert len(set(uuids)) == len(uuids), table
    (identity,) = con.execute("SELECT home FROM home_identity").fetchall()
    assert len(identity[0]) == 36
    con.close()


def test_every_write_path_gives_new_rows_a_uuid(home: Home) -> None:
    meeting = run_cli("new", "OPAG", "--body", "OPAG", home=home).stdout.strip()
    added = run_cli(
        "add",
        meeting,
        "/p UNHCR: Ms. Gillian Triggs",
        "/i 1 Data",
        "UNHCR: a point through the fast path",
        "a plain point",
        "- its list item",
        "! a confidential point",
        "/a an action [OCHA]",
        "/s a sub-item",
        home=home,
    )
    assert added.returncode == 0, added.stderr
    later = run_cli("new", "OPAG II", "--body", "OPAG", home=home).stdout.strip()
    reviewed = run_cli("add", later, "/u #1 completed done", "another point", home=home)
    assert reviewed.returncode == 0, reviewed.stderr
    con = sqlite3.connect(home.db_path)
    for table in SYNCED:
        uuids = [r[0] for r in con.execute(f"SELECT uuid FROM {table}")]
        assert uuids, table
        assert all(len(u) == 36 for u in uuids), (table, uuids)
        assert len(set(uuids)) == len(uuids), table
    con.close()


def _pulled(store: Store) -> tuple[int, int]:
    """A meeting that looks as a pull leaves it: another home's identity as its owner."""
    from tests.helpers import replay

    mid = store.create_meeting(MeetingHeader(title="Another home's meeting", body="OPAG"))
    replay(store, mid, ["/p OCHA: Mr. Mark Lowcock", "/i 1 Access", "a point", "/a act [OCHA]"])
    con = sqlite3.connect(store.home.db_path)
    con.execute("UPDATE meeting SET owner = 'another-home' WHERE id = ?", (mid,))
    con.commit()
    con.close()
    item = store.current_item(mid)
    assert item is not None
    return mid, item


def test_another_homes_meeting_refuses_every_edit_with_one_sentence(
    home: Home, store: Store
) -> None:
    from minutes_tui.session.capture_session import CaptureSession
    from minutes_tui.store.final import MeetingNotOurs
    from minutes_tui.store.reviews import review_action

    mid, item = _pulled(store)
    before = run_cli("show", str(mid), "--json", home=home).stdout
    with pytest.raises(MeetingNotOurs, match="read-only here"):
        capture(store, mid, item, "a plain point")  # the fast path declines, the store refuses
    with pytest.raises(MeetingNotOurs):
        capture(store, mid, item, "/a another action")
    with pytest.raises(MeetingNotOurs):
        store.update_meeting(mid, title="Mine now")
    session = CaptureSession(store, mid)
    with pytest.raises(MeetingNotOurs):
        session.submit("OCHA: through the session")
    action_id = store.load(mid).actions[0].id
    with pytest.raises(MeetingNotOurs):
        review_action(store, action_id, "completed")  # no later meeting: it would be filed here
    for args in (("add", str(mid), "a line"), ("action-status", str(action_id), "completed")):
        refused = run_cli(*args, home=home)
        assert refused.returncode == 1 and "read-only here" in refused.stderr, args
        assert refused.stderr.count("\n") == 1
    assert run_cli("show", str(mid), "--json", home=home).stdout == before

    # Reviewing its action from a meeting of this home is allowed: reviews merge.
    ours = store.create_meeting(MeetingHeader(title="Ours", body="OPAG"))
    capture(store, ours, None, f"/u #{action_id} completed endorsed")
    assert store.load(mid).actions[0].status == "completed"


def test_the_archive_url_rules(home: Home) -> None:
    none = run_cli("sync", home=home)
    assert none.returncode == 1 and "No team archive" in none.stderr
    with_password = run_cli("sync", "--archive", "postgresql://me:hunter2@db/archive", home=home)
    assert with_password.returncode == 1
    assert "~/.pgpass" in with_password.stderr and "hunter2" not in with_password.stderr
    other = run_cli("sync", "--archive", "sqlite:///x.db", home=home)
    assert other.returncode == 1 and "postgresql://user@host" in other.stderr


async def test_s_without_an_archive_is_one_clear_notification(home: Home) -> None:
    from minutes_tui.app import MinutesApp
    from minutes_tui.config.settings import Settings
    from tests.helpers import settle

    app = MinutesApp(home, settings=Settings(), clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith("No team archive") for m in messages), messages
        keys = app.screen.active_bindings
        assert keys["s"].binding.id == "meetings.sync"


async def test_an_unreachable_archive_is_one_notification_and_the_list_stays(
    home: Home,
) -> None:
    import socket

    from minutes_tui.app import MinutesApp
    from minutes_tui.config.settings import Settings
    from tests.helpers import settle

    run_cli("new", "OPAG", home=home)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://nobody@127.0.0.1:{port}/archive"
    app = MinutesApp(home, settings=Settings(archive=url), clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.pause(0.2)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "could not be reached" in str(errors[0].message)
        assert app.screen.query_one("#meetings-table").row_count == 1
        assert not app.screen.query_one("#sync-progress").display


def test_a_row_inserted_by_plain_sql_without_a_uuid_still_gets_its_own(store: Store) -> None:
    """Other raw insert paths (benches, future fast paths) never collide on an empty uuid."""
    import uuid

    mid = store.create_meeting(MeetingHeader(title="OPAG", body="OPAG"))
    con = sqlite3.connect(store.home.db_path)
    for n in range(3):
        con.execute(
            "INSERT INTO entry (meeting_id, kind, text, created_at) "
            "VALUES (?, 'point', ?, '2020-07-09 09:05:00.000000')",
            (mid, f"raw point {n}"),
        )
    con.commit()
    uuids = [r[0] for r in con.execute("SELECT uuid FROM entry")]
    con.close()
    assert len(set(uuids)) == 3
    assert all(uuid.UUID(u).version == 4 and str(uuid.UUID(u)) == u for u in uuids)
