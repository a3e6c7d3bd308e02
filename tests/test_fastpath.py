"""The Enter path for notes (store/fastpath.py): the same rows, the same log lines and the
same speakers as the ORM path, with who-is-speaking cached until participants change."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from minutes_tui.capture import parse_line
from minutes_tui.capture.unparse import recall
from minutes_tui.config import Home
from minutes_tui.domain.header import MeetingHeader
from minutes_tui.session.capture_session import CaptureSession
from minutes_tui.store.store import Store
from tests.helpers import run_cli

LINES = [
    "Ms. Jamal: ProGres is the central repository.",
    "UNHCR: collects data on the most vulnerable.",
    "/d Decision: the network endorses the guidance.",
    "/l Management Response: agreed.",
    "Note: this stays text.",
    "WFP: known from another body's meeting only.",
]
# created_at as SQLAlchemy writes a DateTime: "2026-12-02 04:46:49.123456".
D = "[0-9]"
STORED_TIME = f"{D * 4}-{D * 2}-{D * 2} {D * 2}:{D * 2}:{D * 2}.{D * 6}"
COLUMNS = (
    "kind, label, speaker, participant_id IS NOT NULL, "
    "(SELECT name FROM organisation o WHERE o.id = entry.organisation_id), "
    f"text, item_id IS NOT NULL, created_at GLOB '{STORED_TIME}'"
)


def _meeting(store: Store) -> CaptureSession:
    mid = store.create_meeting(MeetingHeader(title="Weekly IM network", body="IM Network"))
    session = CaptureSession(store, mid)
    session.submit_all(["/p Ms. Arafat Jamal, Director, UNHCR", "/i 1 Registration"])
    return session


def _rows(store: Store, mid: int) -> list[tuple[object, ...]]:
    con = sqlite3.connect(store.home.db_path)
    try:
        return con.execute(
            f"SELECT {COLUMNS} FROM entry WHERE meeting_id = ? ORDER BY id", (mid,)
        ).fetchall()
    finally:
        con.close()


def test_a_typed_note_is_stored_as_the_orm_stores_it(store: Store) -> None:
    other = store.create_meeting(MeetingHeader(title="Elsewhere", body="Another body"))
    CaptureSession(store, other).submit("/p WFP: Mr. Lee Park")
    fast = _meeting(store)
    typed = [fast.submit(line) for line in LINES]
    slow = _meeting(store)
    direct = [
        store.apply(slow.meeting_id, slow.item_id, parse_line(line, slow.context)) for line in LINES
    ]
    assert _rows(store, fast.meeting_id) == _rows(store, slow.meeting_id)
    assert [(a.kind, a.message, a.warnings) for a in typed] == [
        (a.kind, a.message, a.warnings) for a in direct
    ]
    strip = lambda a: [(x.kind, x.speaker, x.text, x.label, recall(x)) for x in a.lines]  # noqa: E731
    assert [strip(a) for a in typed] == [strip(a) for a in direct]
    # What the log shows and what a reload of the item shows are the same lines.
    logged = store.item_log(fast.meeting_id, fast.item_id)
    shown = [(a.lines[0].ref, recall(a.lines[0])) for a in typed]
    assert [(x.ref, recall(x)) for x in logged] == shown
    data = store.load(fast.meeting_id)
    assert data.entries[0].speaker_is_person and data.entries[0].speaker_organisation == "UNHCR"


def test_a_participant_moved_to_another_organisation_speaks_for_it(store: Store) -> None:
    """The speaker index is cached between lines: a change of participants must drop it."""
    session = _meeting(store)
    session.submit("Ms. Jamal: first, for UNHCR.")
    (participant_id,) = [
        p[0]
        for p in sqlite3.connect(store.home.db_path).execute(
            "SELECT id FROM participant WHERE meeting_id = ?", (session.meeting_id,)
        )
    ]
    store.update_participant(
        participant_id,
        honorific="Ms.",
        name="Arafat Jamal",
        position="Director",
        organisation="WFP",
        role=None,
        attendance="present",
    )
    session.forget_context()  # what the participants screen does after a change
    session.submit("Ms. Jamal: then, for WFP.")
    first, second = store.load(session.meeting_id).entries
    assert first.speaker_organisation == "UNHCR"
    assert second.speaker_organisation == "WFP"


def test_undo_and_redo_of_a_fast_note(store: Store) -> None:
    session = _meeting(store)
    session.submit("UNHCR: to be taken back.")
    assert session.undo() is not None
    assert store.load(session.meeting_id).entries == []
    session.redo()
    (entry,) = store.load(session.meeting_id).entries
    assert entry.text == "to be taken back." and entry.speaker == "UNHCR"


def test_minutes_add_stores_notes_without_importing_sqlalchemy(home: Home) -> None:
    """A point added from the shell costs Python's start and the grammar, not the ORM."""
    store = Store.open(home)
    session = _meeting(store)
    store.close()
    script = (
        "import sys; from minutes_tui.cli import main; "
        f"code = main(['--home', {str(home.root)!r}, 'add', '{session.meeting_id}', "
        "'UNHCR: from the shell.', 'Ms. Jamal: by name.']); "
        "print(code, 'sqlalchemy' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.split() == ["0", "False"], done.stderr
    store = Store.open(home)
    try:
        first, second = store.load(session.meeting_id).entries
    finally:
        store.close()
    assert (first.speaker, first.text, first.item_id) == (
        "UNHCR",
        "from the shell.",
        session.item_id,
    )
    assert second.speaker_is_person and second.speaker_organisation == "UNHCR"


def test_minutes_add_hands_the_rest_to_the_store_in_order(home: Home) -> None:
    store = Store.open(home)
    mid = _meeting(store).meeting_id
    store.close()
    result = run_cli(
        "add", str(mid), "UNHCR: under item 1.", "/i 2 Funding", "WFP: under item 2.", home=home
    )
    assert result.returncode == 0, result.stderr
    store = Store.open(home)
    try:
        data = store.load(mid)
    finally:
        store.close()
    first, second = data.items
    assert [e.text for e in data.entries if e.item_id == first.id] == ["under item 1."]
    assert [e.text for e in data.entries if e.item_id == second.id] == ["under item 2."]


def test_minutes_add_to_an_unknown_meeting_is_one_sentence(home: Home) -> None:
    Store.open(home).close()
    result = run_cli("add", "99", "UNHCR: nowhere.", home=home)
    assert result.returncode == 1
    assert result.stderr.startswith("minutes: error: No meeting with id 99. No meetings in HOME")
    assert result.stderr.count("\n") == 1


def test_a_note_keeps_the_meeting_s_last_change_to_the_minute(store: Store) -> None:
    session = _meeting(store)
    con = sqlite3.connect(store.home.db_path)
    try:
        with con:
            con.execute(
                "UPDATE meeting SET updated_at = '2020-01-01 00:00:00.000000' WHERE id = ?",
                (session.meeting_id,),
            )
        session.submit("UNHCR: a point made now.")
        (updated, created) = con.execute(
            "SELECT m.updated_at, e.created_at FROM meeting m JOIN entry e ON e.meeting_id = m.id "
            "WHERE m.id = ?",
            (session.meeting_id,),
        ).fetchone()
    finally:
        con.close()
    assert updated == created  # a change older than a minute is brought up to date


def test_the_fast_path_leaves_confidential_lines_and_trashed_meetings_to_the_store(
    store: Store,
) -> None:
    """A `!` line keeps its flag; a line typed into a trashed meeting is refused: both are
    the store's rules, which the fast path must not go around."""
    import pytest

    from minutes_tui.domain.header import MeetingHeader
    from minutes_tui.session.capture_session import CaptureSession
    from minutes_tui.store.errors import StoreError

    mid = store.create_meeting(MeetingHeader(title="Fast", body="IMN"))
    session = CaptureSession(store, mid)
    session.submit("OCHA: an open point")
    session.submit("!OCHA: a confidential point")
    assert [e.confidential for e in store.load(mid).entries] == [False, True]
    store.trash_meeting(mid)
    with pytest.raises(StoreError):
        session.submit("OCHA: typed into the trash")
