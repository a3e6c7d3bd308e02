"""Writers never fail on a lock: they wait out another writer, and a lock that outlasts
the wait is one clear sentence with nothing written (never a traceback)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from minutes_tui.cli import main
from minutes_tui.config import Home
from minutes_tui.store import engine as engine_settings
from minutes_tui.store.store import Store
from tests.helpers import replay

pytestmark = pytest.mark.usefixtures("short_lock_waits")

HOLDER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.execute("COMMIT")
"""


def hold_write_lock(db: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process takes the write lock and keeps it for `seconds`."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def points(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [row[0] for row in con.execute("SELECT text FROM entry ORDER BY id")]
    finally:
        con.close()


@pytest.fixture
def meeting(home: Home) -> int:
    store = Store.open(home)
    from minutes_tui.domain.header import MeetingHeader

    mid = store.create_meeting(MeetingHeader(title="Lock test"))
    replay(store, mid, ["first point"])
    store.close()
    return mid


def run_add(home: Home, mid: int, line: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--home", str(home.root), "add", str(mid), line])
    return code, capsys.readouterr().err


def test_a_writer_waits_out_a_lock_longer_than_one_busy_timeout(
    home: Home, meeting: int, capsys: pytest.CaptureFixture[str]
) -> None:
    held = engine_settings.BUSY_TIMEOUT_MS / 1000 * 2.5  # several rounds of SQLite's wait
    holder = hold_write_lock(home.db_path, held)
    started = time.monotonic()
    code, err = run_add(home, meeting, "typed while another program writes", capsys)
    waited = time.monotonic() - started
    holder.wait(timeout=30)
    assert code == 0, err
    assert "waiting for another program" in err
    assert "locked" not in err.lower() and "Traceback" not in err
    assert waited >= held * 0.8
    assert points(home.db_path) == ["first point", "typed while another program writes"]


def test_a_lock_that_outlasts_the_wait_is_one_sentence_and_nothing_written(
    home: Home, meeting: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_settings, "WRITE_WAIT_S", 1.0)
    # held past the writer's whole wait, by three rounds of SQLite's own
    holder = hold_write_lock(home.db_path, 1.0 + engine_settings.BUSY_TIMEOUT_MS / 1000 * 3)
    try:
        code, err = run_add(home, meeting, "never stored", capsys)
    finally:
        holder.wait(timeout=30)
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("minutes: error")]
    assert lines == [
        "minutes: error: The database is busy: another program has been writing to it "
        "for over 1 s. Nothing was saved; try again."
    ]
    assert "Traceback" not in err and "sqlalchemy" not in err.lower()
    assert points(home.db_path) == ["first point"]


@pytest.mark.slow
def test_a_writer_waits_out_a_20_second_lock(
    home: Home, meeting: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_settings, "BUSY_TIMEOUT_MS", 2_000)  # the real rounds
    holder = hold_write_lock(home.db_path, 20)
    code, err = run_add(home, meeting, "stored after twenty seconds", capsys)
    holder.wait(timeout=60)
    assert code == 0, err
    assert points(home.db_path)[-1] == "stored after twenty seconds"


def test_attendance_is_stored_in_one_transaction(home: Home, meeting: int) -> None:
    """A report is stored whole or not at all: a failure on its last person leaves none
    of the others (it once left 1,400 of 2,000 stored)."""
    from minutes_tui.importer.attendance import Attendee
    from minutes_tui.store import people

    store = Store.open(home)
    attendees = [Attendee(None, f"Person {n}", None, None) for n in range(450)]
    real = people.PersonSpec

    def failing_on_the_last(**kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("name") == "Person 449":
            raise MemoryError
        return real(**kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(people, "PersonSpec", failing_on_the_last)
        with pytest.raises(MemoryError):
            store.import_attendance(meeting, attendees)
    assert store.load(meeting).participants == []
    added, present = store.import_attendance(meeting, attendees)
    store.close()
    assert (added, present) == (450, 0)
