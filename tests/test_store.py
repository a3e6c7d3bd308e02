"""The store: schema, pragmas, numbering, speakers, undo/edit, refusal of bad files."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from minutes_tui.config import Home
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.store.apply import next_label
from minutes_tui.store.errors import DatabaseForeign, DatabaseTooNew, DatabaseUnreadable, NotFound
from minutes_tui.store.schema import HEAD, REVISIONS
from minutes_tui.store.store import Store
from tests.helpers import capture, edit, replay


def new_meeting(store: Store, previous_id: int | None = None, **fields) -> int:  # type: ignore[no-untyped-def]
    return store.create_meeting(
        MeetingHeader(title="Weekly IM network", body="IM Network", **fields), previous_id
    )


def count(store: Store, table: str) -> int:
    """Rows of a table, on either dialect."""
    from sqlalchemy import text

    with store.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_database_is_private_and_durable(store: Store, home: Home) -> None:
    new_meeting(store)
    assert stat.S_IMODE(home.db_path.stat().st_mode) == 0o600
    wal = home.db_path.with_name("minutes.sqlite-wal")
    assert wal.exists() and stat.S_IMODE(wal.stat().st_mode) == 0o600
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        # One round of waiting; writers retry rounds (tests/reliability/test_locks.py).
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_revisions_match_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    from minutes_tui.store.migrate import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_current_head() == HEAD
    ordered = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(ordered) == REVISIONS


@pytest.mark.dialects
def test_schema_matches_models(store: Store) -> None:
    """The migrations build exactly the tables the models describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from minutes_tui.store.search import include_name  # the filter migrations/env.py uses

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


@pytest.mark.dialects
def test_actions_numbered_across_items(store: Store) -> None:
    mid = new_meeting(store)
    replay(
        store,
        mid,
        [
            "/i 7.1 Data responsibility",
            "/a First [RG1]",
            "/a Second [RG1; OCHA]",
            "/i 7.2 RG3 progress",
            "/a Third [OPAG] by 2020-08-31",
            "/s a sub-item [RG3]",
        ],
    )
    data = store.load(mid)
    assert [(a.number, a.text) for a in data.actions] == [(1, "First"), (2, "Second"), (3, "Third")]
    assert data.actions[1].owners == ["RG1", "OCHA"]
    assert (
        data.actions[2].due_date is not None
        and data.actions[2].due_date.isoformat() == "2020-08-31"
    )
    assert data.actions[2].sub_items[0].text == "a sub-item"
    assert [a.item_id for a in data.actions] == [
        data.items[0].id,
        data.items[0].id,
        data.items[1].id,
    ]


@pytest.mark.dialects
def test_items_auto_numbered(store: Store) -> None:
    mid = new_meeting(store)
    replay(store, mid, ["/i Welcome", "/i Updates", "/i 7.1 Data", "/i Next", "/i AOB"])
    assert [(i.label, i.title) for i in store.load(mid).items] == [
        ("1", "Welcome"),
        ("2", "Updates"),
        ("7.1", "Data"),
        ("7.2", "Next"),
        ("AOB", "Any other business"),
    ]
    assert next_label([]) == "1"
    assert next_label(["2", "AOB"]) == "3"


@pytest.mark.dialects
def test_speakers_resolve_to_participants(store: Store) -> None:
    mid = new_meeting(store)
    replay(
        store,
        mid,
        [
            "/p Ms. Arafat Jamal, Director, UNHCR (Presenter)",
            "/i 1 Registration",
            "Ms. Jamal: ProGres is the central repository.",
            "UNHCR: collects data on the most vulnerable.",
            "Note: this stays text.",
        ],
    )
    data = store.load(mid)
    first, second, third = data.entries
    assert first.speaker == "Ms. Jamal" and first.speaker_is_person
    assert first.speaker_organisation == "UNHCR"
    assert second.speaker == "UNHCR" and not second.speaker_is_person
    assert third.speaker is None and third.text == "Note: this stays text."
    (person,) = data.participants
    assert (person.honorific, person.name, person.position, person.organisation, person.role) == (
        "Ms.",
        "Arafat Jamal",
        "Director",
        "UNHCR",
        "Presenter",
    )


@pytest.mark.dialects
def test_people_are_remembered_across_meetings(store: Store) -> None:
    first = new_meeting(store)
    capture(store, first, None, "/p Ms. Arafat Jamal, Director, UNHCR")
    second = new_meeting(store)
    capture(store, second, None, "/p Arafat Jamal")
    (person,) = store.load(second).participants
    assert person.honorific == "Ms."  # the remembered person, not a new one
    assert count(store, "person") == 1


@pytest.mark.dialects
def test_undo_redo_and_gapless_numbers(store: Store) -> None:
    mid = new_meeting(store)
    results = replay(store, mid, ["/a One", "/a Two", "/a Three"])
    store.delete(results[1].refs[0], mid)
    assert [(a.number, a.text) for a in store.load(mid).actions] == [(1, "One"), (2, "Three")]
    store.undo(results[2], mid)
    assert [a.number for a in store.load(mid).actions] == [1]
    again = capture(store, mid, None, "/a Four")
    assert again.message == f"Action 2 saved (#{again.refs[0].id})"


@pytest.mark.dialects
def test_edit_in_place_keeps_number_and_time(store: Store) -> None:
    mid = new_meeting(store)
    point, action = replay(store, mid, ["A point", "/a Do it [OCHA]"])
    before = store.load(mid)
    edit(store, action.refs[0], mid, "/a Do it properly [OCHA; WFP] by mid-August")
    edit(store, point.refs[0], mid, "/d A decision")
    after = store.load(mid)
    assert after.actions[0].number == 1 and after.actions[0].text == "Do it properly"
    assert after.actions[0].owners == ["OCHA", "WFP"] and after.actions[0].due_text == "mid-August"
    assert after.actions[0].created_at == before.actions[0].created_at
    assert after.entries[0].kind == "decision" and after.entries[0].text == "A decision"
    # A point edited into an action becomes the next action.
    edit(store, point.refs[0], mid, "/a New action")
    data = store.load(mid)
    assert [a.number for a in data.actions] == [1, 2] and data.entries == []


@pytest.mark.dialects
def test_review_of_previous_meeting_action(store: Store) -> None:
    first = new_meeting(store, date="2020-03-03")
    capture(store, first, None, "/a Share the index [OCHA]")
    second = new_meeting(store, first, date="2020-05-06")
    result = capture(store, second, None, "/u 1 in progress link shared with some partners")
    assert result.kind == "review"
    result = capture(store, second, None, "/u 1 completed shared with all")
    data = store.load(first)
    assert data.actions[0].status == "completed"
    assert [u.status for u in data.actions[0].updates] == ["in_progress", "completed"]
    store.undo(result, second)
    assert store.load(first).actions[0].status == "in_progress"
    # No such action: the text is kept as a point, with a warning.
    kept = capture(store, second, None, "/u 9 dropped nobody remembers")
    assert kept.kind == "point" and kept.warnings


@pytest.mark.dialects
def test_unknown_meeting(store: Store) -> None:
    with pytest.raises(NotFound):
        capture(store, 999, None, "hello")


def test_refuses_corrupt_database(home: Home) -> None:
    home.db_dir.mkdir(parents=True)
    home.db_path.write_bytes(b"this is not a database" * 100)
    before = home.db_path.read_bytes()
    with pytest.raises(DatabaseUnreadable):
        Store.open(home)
    assert home.db_path.read_bytes() == before


def test_refuses_foreign_database(home: Home) -> None:
    home.db_dir.mkdir(parents=True)
    con = sqlite3.connect(home.db_path)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    before = home.db_path.read_bytes()
    with pytest.raises(DatabaseForeign):
        Store.open(home)
    assert home.db_path.read_bytes() == before


def test_refuses_newer_database(store: Store, home: Home) -> None:
    new_meeting(store)
    store.close()
    con = sqlite3.connect(home.db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = home.db_path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer version"):
        Store.open(home)
    assert home.db_path.read_bytes() == before


@pytest.mark.dialects
def test_second_writer_waits_instead_of_failing(home: Home) -> None:
    a = Store.open(home)
    b = Store.open(home)
    mid = new_meeting(a)
    for n in range(20):
        capture(a, mid, None, f"/a from a {n}")
        capture(b, mid, None, f"/a from b {n}")
    numbers = [x.number for x in a.load(mid).actions]
    assert numbers == list(range(1, 41))


@pytest.mark.dialects
def test_concurrent_writers_never_share_an_action_number(home: Home) -> None:
    """Two writers typing actions into one meeting at once (threads, a store each): the
    numbers are 1..N with none twice and none lost (BEGIN IMMEDIATE on SQLite, the
    archive's write lock on PostgreSQL)."""
    import threading

    stores = [Store.open(home), Store.open(home)]
    mid = new_meeting(stores[0])
    errors: list[BaseException] = []

    def type_actions(store: Store, who: str) -> None:
        try:
            for n in range(15):
                capture(store, mid, None, f"/a from {who} {n}")
        except BaseException as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)

    threads = [
        threading.Thread(target=type_actions, args=(s, w))
        for s, w in zip(stores, "ab", strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(x.number for x in stores[0].load(mid).actions)
    assert numbers == list(range(1, 31))
    for s in stores:
        s.close()


def test_home_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from minutes_tui.config import resolve_home

    monkeypatch.setenv("MINUTES_HOME", str(tmp_path / "env"))
    assert resolve_home(None).root == tmp_path / "env"
    assert resolve_home(tmp_path / "flag").root == tmp_path / "flag"
    monkeypatch.delenv("MINUTES_HOME")
    assert "minutes-tui" in str(resolve_home(None).root)


@pytest.mark.dialects
def test_an_open_read_does_not_block_a_writer(home: Home) -> None:
    from sqlmodel import select

    from minutes_tui.store.engine import BUSY_TIMEOUT_MS
    from minutes_tui.store.models import Meeting

    reader, writer = Store.open(home), Store.open(home)
    mid = new_meeting(writer)
    import time

    with reader.read() as s:
        s.exec(select(Meeting)).all()  # a read transaction is open and holds its snapshot
        started = time.monotonic()
        capture(writer, mid, None, "written while a read is open")
        assert time.monotonic() - started < BUSY_TIMEOUT_MS / 1000  # a blocked writer waits a round
    assert [e.text for e in reader.load(mid).entries] == ["written while a read is open"]


@pytest.mark.dialects
def test_non_ascii_names_are_remembered_not_duplicated(store: Store) -> None:
    mid = new_meeting(store)
    replay(store, mid, ["/p ÉCHO: Ms. Élodie Dubé", "/p ÉCHO: Ms. Élodie Dubé", "ÉCHO: bonjour"])
    assert count(store, "person") == 1
    assert count(store, "organisation") == 1
    assert len(store.load(mid).participants) == 1


@pytest.mark.dialects
def test_the_previous_meeting_is_the_linked_one_never_a_guess(store: Store) -> None:
    """Two meetings of one body on one day never see each other's actions unless linked."""
    morning = new_meeting(store, date="2021-03-01")
    capture(store, morning, None, "/a Morning action [OCHA]")
    afternoon = new_meeting(store, date="2021-03-01")
    capture(store, afternoon, None, "/a Afternoon action [WFP]")
    assert store.previous_actions(afternoon) == (None, [])
    assert store.previous_actions(morning) == (None, [])
    kept = capture(store, afternoon, None, "/u 1 completed")
    assert kept.kind == "point"
    assert "not linked to a previous one" in kept.warnings[-1]
    store.update_meeting(afternoon, previous_id=morning)  # relinked
    assert [a.text for a in store.previous_actions(afternoon)[1]] == ["Morning action"]
    assert capture(store, afternoon, None, "/u 1 completed").kind == "review"


@pytest.mark.dialects
def test_review_by_register_reference_any_earlier_meeting(store: Store) -> None:
    first = new_meeting(store, date="2021-01-10")
    agreed = capture(store, first, None, "/a Map the referral pathways [UNHCR]")
    ref = agreed.refs[0].id
    second = new_meeting(store, first, date="2021-02-10")
    third = new_meeting(store, second, date="2021-03-10")
    fourth = new_meeting(store, third, date="2021-04-10")
    # Meeting 2 does not review it; meetings 3 and 4 do, by reference.
    assert capture(store, third, None, f"/u #{ref} ongoing mapping in 3 regions").kind == "review"
    progress = capture(store, fourth, None, f"/u #{ref} two more regions mapped")
    assert progress.kind == "review"
    action = store.load(first).actions[0]
    assert [(u.meeting_id, u.status, u.text) for u in action.updates] == [
        (third, "in_progress", "mapping in 3 regions"),
        (fourth, "in_progress", "two more regions mapped"),  # no status word: kept
    ]
    unknown = capture(store, fourth, None, "/u #99999 completed")
    assert unknown.kind == "point" and "no action #99999" in unknown.warnings[-1]
    other_body = store.create_meeting(MeetingHeader(title="Cluster", body="Health Cluster"))
    foreign = capture(store, other_body, None, f"/u #{ref} completed")
    assert foreign.kind == "point" and "register of IM Network" in foreign.warnings[-1]


def test_upgrade_cleans_escape_codes_from_header_fields_of_an_old_database(home: Home) -> None:
    """Titles written before text was cleaned at every boundary carry escape sequences a
    terminal would obey; the 0003 migration removes them (entries were always clean)."""
    import sqlite3

    from minutes_tui.store.database import ensure_home
    from minutes_tui.store.engine import make_engine, writer
    from minutes_tui.store.migrate import upgrade

    ensure_home(home)
    engine = make_engine(home.db_path)
    upgrade(writer(engine), "0002_search")
    engine.dispose()
    con = sqlite3.connect(home.db_path)
    con.execute(
        "INSERT INTO meeting (title, body, style, sensitivity, status, created_at, updated_at)"
        " VALUES (?, ?, 'summary', 'INTERNAL', 'draft', '2020-01-01', '2020-01-01')",
        ("Evil\x1b]0;pwned\x07 title\x1b[2J", "Body\x9b31m"),
    )
    con.commit()
    con.close()
    store = Store.open(home)
    meeting = store.meeting(1)
    store.close()
    assert (meeting.title, meeting.body) == ("Evil title", "Body")
